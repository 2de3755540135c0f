/**
 * The real articles `claimwatch demo` serves: src/demo/articles.json, copied verbatim from the shared development set
 * (../shared/realnews/items.jsonl). Read and checked here so a damaged file fails with its reason, not midway.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const article = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  link: z.url(),
  published: z.iso.date(),
  source: z.string().min(1),
  content: z.string().min(1),
});

export type DemoArticle = z.infer<typeof article>;

const file = z.object({ about: z.string(), articles: z.array(article).min(1) });

export const DEMO_ARTICLES_FILE = new URL('./articles.json', import.meta.url);

/** Every bundled article, oldest first (the order the story unfolded in). */
export function loadDemoArticles(path: URL | string = DEMO_ARTICLES_FILE): DemoArticle[] {
  const parsed = file.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`the demo articles file ${String(path)} is damaged: ${parsed.error.message}`);
  return [...parsed.data.articles].sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
}
