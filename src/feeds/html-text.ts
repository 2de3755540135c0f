/**
 * HTML → plain text for the claims engine: visible text only (no script/style), entities decoded, block elements and
 * <br> become line breaks so sentences from different paragraphs never run together.
 */
import { parseHTML } from 'linkedom';

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'IFRAME',
  'OBJECT',
  'SVG',
  'CANVAS',
  'SELECT',
]);
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/** Minimal view of a DOM node, enough to walk linkedom's tree without depending on lib.dom types. */
export interface TextNodeLike {
  nodeType: number;
  nodeName: string;
  nodeValue?: string | null;
  childNodes: ArrayLike<TextNodeLike>;
}

/** Collapses spaces within lines, trims lines, keeps at most one blank line between paragraphs. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Visible text under a DOM node. Walks iteratively: hostile HTML nested ten thousand deep must not blow the stack. */
export function visibleText(root: TextNodeLike): string {
  const out: string[] = [];
  const stack: (TextNodeLike | string)[] = [root];
  while (stack.length) {
    const next = stack.pop() as TextNodeLike | string;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    if (next.nodeType === 3 || next.nodeType === 4) {
      out.push(next.nodeValue ?? '');
      continue;
    }
    if (next.nodeType !== 1 && next.nodeType !== 9 && next.nodeType !== 11) continue;
    const name = next.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (name === 'BR') {
      out.push('\n');
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      out.push('\n\n');
      stack.push('\n\n');
    } else if (name === 'IMG' || name === 'TD') {
      out.push(' ');
    }
    const kids = next.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TextNodeLike);
  }
  return normalizeWhitespace(out.join(''));
}

export type HtmlToText = (html: string) => string;

/**
 * Plain text of an HTML fragment (or of plain text that may carry entities). Fragments are parsed into elements of
 * one reusable linkedom document: four times faster and far lighter on memory than a new document per item.
 */
export function createHtmlToText(): HtmlToText {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  return (html) => {
    if (!/[<&]/.test(html)) return normalizeWhitespace(html);
    const holder = document.createElement('div');
    holder.innerHTML = html;
    return visibleText(holder as unknown as TextNodeLike);
  };
}
