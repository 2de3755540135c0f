/**
 * Web page → article text with @mozilla/readability over a linkedom DOM. When readability finds no article (a short
 * or unusual page), the page's visible text is used instead, so full-text mode never yields less than the page says.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { HtmlToText, TextNodeLike } from './html-text.ts';
import { visibleText } from './html-text.ts';

export interface ExtractedArticle {
  title: string | null;
  text: string;
}

export function extractArticle(html: string, url: string, htmlToText: HtmlToText): ExtractedArticle {
  const { document } = parseHTML(html);
  const pageTitle = document.title?.trim() || null;
  // Readability rewrites the DOM it reads, so the fallback text is taken from a separate parse.
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    const doc = document as unknown as ConstructorParameters<typeof Readability>[0];
    (doc as unknown as { documentURI?: string }).documentURI ??= url;
    article = new Readability(doc, { charThreshold: 200 }).parse();
  } catch {
    article = null; // readability throws on some malformed documents; the fallback still applies
  }
  const text = article?.content ? htmlToText(article.content) : '';
  if (text) return { title: article?.title?.trim() || pageTitle, text };
  const fallback = parseHTML(html).document;
  const root = (fallback.body ?? fallback.documentElement) as unknown as TextNodeLike | null;
  return { title: pageTitle, text: root ? visibleText(root) : '' };
}
