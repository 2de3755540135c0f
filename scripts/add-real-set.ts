/**
 * `node --import tsx scripts/add-real-set.ts [--frozen NAME] DIR…`: adds labelled real pages (DIR/items.jsonl and
 * DIR/claims.jsonl, in the format of ../shared/realnews) to the tuning set or to a frozen test split.
 *
 * Each page goes by a hash of its link: about a quarter to the frozen split (test-frozen, or NAME: a later batch
 * kept in its own folder, so the earlier split's figures stay comparable), the rest to dev-more. Copies of one story
 * (syndicated wire text on several sites: pages sharing much of their text, or their title) stay on one side, the
 * side a copy already in the sets is on, so the frozen split never scores a text the model was trained on.
 * Links already in any set are refused.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REAL = new URL('../test/fixtures/eval/real/', import.meta.url).pathname;
const args = process.argv.slice(2);
const frozenAt = args.indexOf('--frozen');
const FROZEN = frozenAt >= 0 ? (args.splice(frozenAt, 2)[1] ?? 'test-frozen') : 'test-frozen';
mkdirSync(join(REAL, FROZEN), { recursive: true });
const SETS = readdirSync(REAL).filter((set) => existsSync(join(REAL, set, 'items.jsonl')));
const FROZEN_SHARE = 0.25;
/** Share of 8-word shingles two pages must have in common to count as copies of one text. */
const COPY_OVERLAP = 0.3;

interface Item {
  id: string;
  title: string;
  link: string;
  content: string;
}

/** Rows with the line they came from, written back as they were (the labeller's own formatting). */
function readJsonl<T>(path: string): Array<T & { line: string }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => ({ ...(JSON.parse(line) as T), line }));
}

const shingleCache = new Map<string, Set<string>>();

/** 8-word shingles of a page, worked out once per page (every new page is compared with every placed one). */
function shingles(text: string): Set<string> {
  const cached = shingleCache.get(text);
  if (cached) return cached;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 8 <= words.length; i++) out.add(words.slice(i, i + 8).join(' '));
  shingleCache.set(text, out);
  return out;
}

function titleKey(title: string): string {
  return title
    .replace(/^\[(slug|descriptive)\]\s*/i, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function copies(a: Item, b: Item): boolean {
  if (titleKey(a.title) !== '' && titleKey(a.title) === titleKey(b.title)) return true;
  const sa = shingles(a.content);
  const sb = shingles(b.content);
  const smaller = Math.min(sa.size, sb.size);
  if (smaller === 0) return false;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / smaller >= COPY_OVERLAP;
}

function byHash(link: string): string {
  const h = Number.parseInt(createHash('sha256').update(link).digest('hex').slice(0, 8), 16) / 2 ** 32;
  return h < FROZEN_SHARE ? FROZEN : 'dev-more';
}

const placed = SETS.flatMap((set) => readJsonl<Item>(join(REAL, set, 'items.jsonl')).map((item) => ({ item, set })));
const norm = (u: string) => u.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
const links = new Set(placed.map((p) => norm(p.item.link)));
const counts: Record<string, { items: number; claims: number }> = {};

for (const dir of args) {
  const items = readJsonl<Item>(join(dir, 'items.jsonl'));
  const claims = readJsonl<{ item_id: string }>(join(dir, 'claims.jsonl'));
  for (const item of items) {
    if (links.has(norm(item.link))) throw new Error(`${dir}: ${item.id} ${item.link} is already in a set`);
    if (placed.some((p) => p.item.id === item.id)) throw new Error(`${dir}: item id ${item.id} is already in a set`);
    const copy = placed.find((p) => copies(p.item, item));
    const set = copy ? (copy.set.startsWith('test-') ? FROZEN : 'dev-more') : byHash(item.link);
    appendFileSync(join(REAL, set, 'items.jsonl'), `${item.line}\n`);
    const own = claims.filter((c) => c.item_id === item.id);
    for (const c of own) appendFileSync(join(REAL, set, 'claims.jsonl'), `${c.line}\n`);
    placed.push({ item, set });
    links.add(norm(item.link));
    const count = counts[set] ?? { items: 0, claims: 0 };
    counts[set] = count;
    count.items++;
    count.claims += own.length;
    if (copy) process.stderr.write(`${item.id} is a copy of ${copy.item.id}: ${set}\n`);
  }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
