/**
 * Tuning aid: scores the engine on a labelled set against the in-memory seed index, with the rule `eval` uses (a known or
 * contradicts verdict counts only when a match's evidence holds the labelled seed sentence).
 * `npx tsx test/claims/eval-dev.ts [test/fixtures/eval/dev.jsonl] [--errors]`
 */
import { readFileSync } from 'node:fs';
import { analyzeDocument, judgeSentence } from '../../src/core/claims/index.ts';
import type { SentenceJudgement, Verdict } from '../../src/core/claims/types.ts';
import { buildSeedIndex } from './memory-index.ts';

interface Row {
  sentence: string;
  label: Verdict;
  seed_file?: string;
  seed_quote?: string;
  published?: string;
}

const norm = (t: string) =>
  t
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();

export function pointsAtSeed(j: SentenceJudgement, row: Row): boolean {
  const q = norm(row.seed_quote ?? '');
  return j.matches.some((m) => m.claim.evidence.some((e) => e.source === row.seed_file && norm(e.quote).includes(q)));
}

/** The strongest sentence verdict of the row, as `check` reports an item. */
export function judgeRow(row: Row, index: Parameters<typeof judgeSentence>[1]): SentenceJudgement | null {
  const js = analyzeDocument({ text: row.sentence, ...(row.published ? { published: row.published } : {}) }).map((s) =>
    judgeSentence(s, index),
  );
  const rank: Record<Verdict, number> = { contradicts: 3, new: 2, known: 1, offtopic: 0 };
  let best: SentenceJudgement | null = null;
  for (const j of js) if (!best || rank[j.verdict] > rank[best.verdict]) best = j;
  return best;
}

const file = process.argv.find((a) => a.endsWith('.jsonl')) ?? 'test/fixtures/eval/dev.jsonl';
const rows: Row[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);
const { index } = buildSeedIndex(new URL('../../seeds/', import.meta.url).pathname);
const labels: Verdict[] = ['known', 'contradicts', 'new', 'offtopic'];
const confusion = new Map<string, number>();
const errors: string[] = [];
for (const row of rows) {
  const j = judgeRow(row, index);
  let got: Verdict | 'wrong-match' = j?.verdict ?? 'offtopic';
  if ((got === 'known' || got === 'contradicts') && got === row.label && j && !pointsAtSeed(j, row))
    got = 'wrong-match';
  const key = `${row.label}>${got}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
  if (got !== row.label) {
    errors.push(
      `[${row.label} → ${got}] ${row.sentence}\n      ${j?.reason ?? ''}${row.seed_quote ? `\n      want: ${row.seed_file} "${row.seed_quote}"` : ''}${j?.matches[0] ? `\n      got:  ${j.matches[0].claim.evidence.map((e) => e.source.slice(0, 3)).join(',')} "${j.matches[0].claim.text.slice(0, 90)}"` : ''}`,
    );
  }
}
let f1sum = 0;
for (const l of labels) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, n] of confusion) {
    const [want, got] = k.split('>');
    if (want === l && got === l) tp += n;
    else if (want === l) fn += n;
    else if (got === l) fp += n;
  }
  // a right verdict pointing at the wrong claim is a miss for its class (and not a hit for any other)
  const p = tp + fp === 0 ? 0 : tp / (tp + fp);
  const r = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  f1sum += f1;
  console.log(`${l.padEnd(12)} P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
}
console.log(`macro-F1 ${(f1sum / labels.length).toFixed(3)}  (${rows.length} rows)`);
console.log(
  [...confusion.entries()]
    .sort()
    .map(([k, n]) => `${k}:${n}`)
    .join('  '),
);
if (process.argv.includes('--errors')) for (const e of errors) console.log(e);
