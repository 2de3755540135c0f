/**
 * Tuning aid: for each labelled row the engine gets wrong, where its seed sentence sits in the seed index (its own
 * claim or evidence on another), whether lookup finds that claim, and how similar they are.
 * `npx tsx test/claims/diag-dev.ts [known|contradicts|new|offtopic]`
 */
import { readFileSync } from 'node:fs';
import { sameProposition } from '../../src/core/claims/compare.ts';
import { analyzeDocument, judgeSentence } from '../../src/core/claims/index.ts';
import { overlap, relatedness } from '../../src/core/claims/similarity.ts';
import { buildSeedIndex } from './memory-index.ts';

const norm = (t: string) =>
  t
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .toLowerCase();
const rows = readFileSync('test/fixtures/eval/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const { index } = buildSeedIndex(new URL('../../seeds/', import.meta.url).pathname);
const want = process.argv[2] ?? 'contradicts';
for (const r of rows) {
  if (r.label !== want) continue;
  const q = norm(r.seed_quote ?? '');
  const holder = index.claims.find((c) =>
    c.evidence.some((e) => e.source === r.seed_file && norm(e.quote).includes(q)),
  );
  const s = analyzeDocument({ text: r.sentence, published: r.published })[0];
  if (!s || !holder) {
    console.log('NO HOLDER', r.sentence.slice(0, 70));
    continue;
  }
  const j = judgeSentence(s, index);
  if (j.verdict === r.label && j.matches.some((m) => m.claim.id === holder.id)) continue;
  const own = norm(holder.text).includes(q) ? 'own' : `in #${holder.id}: ${holder.text.slice(0, 50)}`;
  const found = index.candidates(s.keys, 40).some((c) => c.id === holder.id);
  const o = overlap(s.terms, holder.terms);
  const sim = 0.7 * o.cover + 0.3 * o.dice;
  console.log(
    `${j.verdict} | ${own} | found=${found} sim=${sim.toFixed(2)} rel=${relatedness(o).toFixed(2)} prop=${sameProposition(s.frame, holder.frame)}`,
  );
  console.log(`    ${r.sentence.slice(0, 110)}`);
}
