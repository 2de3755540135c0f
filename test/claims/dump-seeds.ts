/** Tuning aid: prints how the engine reads and judges the seeds. `npx tsx test/claims/dump-seeds.ts [--frames]` */
import { buildSeedIndex } from './memory-index.ts';

const frames = process.argv.includes('--frames');
const { index, judgements } = buildSeedIndex(new URL('../../seeds/', import.meta.url).pathname);
for (const { source, j } of judgements) {
  console.log(`${source.slice(0, 3)} ${j.verdict.padEnd(11)} ${j.sentence.text.slice(0, 110)}`);
  if (j.verdict !== 'new') console.log(`      ↳ ${j.reason}`);
  if (frames) {
    const { detail, ...f } = j.sentence.frame;
    console.log('      ', JSON.stringify(f), JSON.stringify(detail));
    console.log('       keys', j.sentence.keys.join(' '));
  }
}
console.log(`claims ${index.claims.length}, conflicts ${index.conflicts.length}`);
