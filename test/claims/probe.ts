/** Tuning aid: how one sentence is read and which seed claims it meets. `npx tsx test/claims/probe.ts "sentence"` */

import { analyzeDocument } from '../../src/core/claims/index.ts';
import { judgeSentence } from '../../src/core/claims/judge.ts';
import { overlap, relatedness } from '../../src/core/claims/similarity.ts';
import { buildSeedIndex } from './memory-index.ts';

const text = process.argv[2] ?? '';
const { index } = buildSeedIndex(new URL('../../seeds/', import.meta.url).pathname);
for (const s of analyzeDocument({ text, published: '2024-10-20' })) {
  const { detail, ...f } = s.frame;
  console.log(s.onTopic ? 'ON ' : 'OFF', JSON.stringify(f));
  console.log('   ', JSON.stringify(detail));
  console.log('    terms', s.terms.join(' '));
  console.log('    keys ', s.keys.join(' '));
  const j = judgeSentence(s, index);
  console.log(`=> ${j.verdict}: ${j.reason}`);
  const ranked = index
    .candidates(s.keys, 40)
    .map((c) => ({ c, o: overlap(s.terms, c.terms) }))
    .sort((a, b) => 0.7 * b.o.cover + 0.3 * b.o.dice - (0.7 * a.o.cover + 0.3 * a.o.dice))
    .slice(0, 6);
  for (const { c, o } of ranked) {
    const sim = 0.7 * o.cover + 0.3 * o.dice;
    console.log(
      `   #${c.id} sim ${sim.toFixed(2)} rel ${relatedness(o).toFixed(2)} [${c.evidence.map((e) => e.source.slice(0, 3)).join(',')}] ${c.text.slice(0, 100)}`,
    );
    console.log(`        ${c.terms.join(' ')}`);
  }
}
