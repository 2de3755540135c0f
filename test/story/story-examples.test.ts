import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase, openClaimsApp, readSeedDocuments } from '../../src/app/claims-app.ts';
import { storyOfSeeds } from '../../src/app/story-file.ts';
import type { Alert } from '../../src/core/alerts.ts';
import { analyzeDocument, judgeSentenceByRules, toClaimReport } from '../../src/core/claims/index.ts';
import {
  activeExamples,
  createExampleIndex,
  exampleCues,
  examplePointers,
  exampleTerms,
  type LabelledExample,
  lazyExampleIndex,
  useExamples,
} from '../../src/core/claims/learned/examples.ts';
import { bagOfWords } from '../../src/core/claims/learned/words-bag.ts';
import type { KnownClaim } from '../../src/core/claims/types.ts';
import { recordSubject } from '../../src/core/desk/apply.ts';
import { useStory } from '../../src/core/story/active-story.ts';
import { createLogger } from '../../src/logger.ts';
import { createSqliteDeskStore } from '../../src/store/desk-store.ts';
import { openService } from '../desk/scenario.ts';
import { CONTRADICTING } from '../watch/story-items.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const IRAN = join(ROOT, 'test/fixtures/eval/stories/iran-drones');
const silent = createLogger('silent');
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  useStory(storyOfSeeds(SEEDS, readSeedDocuments(SEEDS)));
  useExamples(null);
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cw-examples-'));
  dirs.push(d);
  return d;
}

const example = (text: string, label: LabelledExample['label'], seed: LabelledExample['seed'] = null) => ({
  text,
  label,
  seed,
  group: text,
});

const EXAMPLES: LabelledExample[] = [
  example('Ukraine downgrades diplomatic ties with Iran over drones', 'known', {
    file: '004_a.txt',
    quote: 'downgrade diplomatic ties',
  }),
  example('Iran denies supplying drones to Russia', 'contradicts', {
    file: '001_b.txt',
    quote: 'Iran supplied drones',
  }),
  example('The weather in Paris was mild on Sunday', 'offtopic'),
];

function claim(source: string, quote: string): KnownClaim {
  return { evidence: [{ source, quote, published: null }] } as unknown as KnownClaim;
}

describe('labelled examples', () => {
  it('finds the examples worded most like a sentence, best first, leaving out those it is told to', () => {
    const index = createExampleIndex(EXAMPLES);
    const words = bagOfWords('Kyiv downgraded its diplomatic ties with Tehran over the drones');
    const found = index.neighbours(words, 3);
    expect(found[0]?.example.text).toBe(EXAMPLES[0]?.text);
    expect(found.every((n, i) => i === 0 || n.sim <= (found[i - 1]?.sim as number))).toBe(true);
    expect(found.some((n) => n.example.label === 'offtopic')).toBe(false);
    const skipped = index.neighbours(words, 3, (e) => e.label === 'known');
    expect(skipped.map((n) => n.example.label)).not.toContain('known');
  });

  it('compares figures beside words: "11,000" in one sentence finds "11000" in another', () => {
    const index = createExampleIndex([
      // the other figure first: on words alone the two tie, and a tie goes to the first
      example('Seoul says North Korea sent 3000 troops', 'known', { file: '000_a.txt', quote: 'several thousand' }),
      example('Seoul says North Korea sent 11,000 troops', 'contradicts', { file: '004_a.txt', quote: '12,000 men' }),
    ]);
    const [nearest] = index.neighbours(exampleTerms('An estimated 11000 troops, Seoul says'), 1);
    expect(nearest?.example.label).toBe('contradicts');
    expect(exampleTerms('sent 11,000 troops')).toContain('n:11000');
  });

  it('built when first asked, finds the same neighbours as built at once', () => {
    const words = bagOfWords('Iran denies that it supplied drones');
    const lazy = lazyExampleIndex(EXAMPLES);
    expect(lazy.size).toBe(EXAMPLES.length);
    expect(lazy.neighbours(words, 2)).toEqual(createExampleIndex(EXAMPLES).neighbours(words, 2));
  });

  it('gives no cue at all without examples, as a sentence with no close example gets', () => {
    const none = createExampleIndex([]).neighbours(bagOfWords('Iran sent drones to Russia'), 10);
    expect(none).toEqual([]);
    expect(exampleCues(none)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const far = createExampleIndex(EXAMPLES).neighbours(bagOfWords('a completely unrelated quarterly report'), 10);
    expect(exampleCues(far).every((v) => v === 0)).toBe(true);
  });

  it('points at a claim only when its evidence holds the seed sentence a neighbour pointed at', () => {
    const index = createExampleIndex(EXAMPLES);
    const found = index.neighbours(bagOfWords('Ukraine downgrades ties with Iran over the drones it supplied'), 10);
    const held = claim('seeds/004_a.txt', 'Ukraine said it would downgrade diplomatic ties with Iran.');
    const otherFile = claim('seeds/003_c.txt', 'Ukraine said it would downgrade diplomatic ties with Iran.');
    const [supports, contradicts] = examplePointers(found, held);
    expect(supports).toBeGreaterThan(0);
    expect(contradicts).toBe(0);
    expect(examplePointers(found, otherFile)).toEqual([0, 0]);
  });
});

/** A seeds folder with the Iran story's seeds and a story file naming `examples`. */
function iranSeedsWithExamples(examples: string[]): string {
  const d = join(tempDir(), 'seeds');
  mkdirSync(d);
  for (const f of readdirSync(join(IRAN, 'seeds')).filter((n) => n.endsWith('.txt')))
    copyFileSync(join(IRAN, 'seeds', f), join(d, f));
  const story = [
    "topic: Iranian drones for Russia's war against Ukraine",
    'subject: iran',
    'theatre: [russia, ukraine]',
    `examples: [${examples.join(', ')}]`,
    'actors:',
    '  iran: {name: Iran, phrases: [iran, iranian, tehran]}',
    '  russia: {phrases: [russia, russian, moscow, kremlin]}',
    '  ukraine: {phrases: [ukraine, ukrainian, kyiv]}',
  ].join('\n');
  writeFileSync(join(d, 'story.yml'), story);
  return d;
}

describe("the story file's examples", () => {
  it('are read at build, kept with the claims and used whenever the database is opened', () => {
    const seedsDir = iranSeedsWithExamples(['../labelled/claims.jsonl']);
    const labelled = join(seedsDir, '../labelled');
    mkdirSync(labelled);
    copyFileSync(join(IRAN, 'claims.jsonl'), join(labelled, 'claims.jsonl'));
    const dbPath = join(tempDir(), 'x.db');
    buildDatabase({ dbPath, seedsDir });
    // opened from another seeds folder (no story file there): the examples stored with the claims still count
    const app = openClaimsApp({ dbPath, seedsDir: join(IRAN, 'seeds'), logger: silent });
    try {
      expect(activeExamples().size).toBe(123);
    } finally {
      app.close();
    }
  });

  it('a file the story names but that is missing fails the build, naming it, and leaves no database', () => {
    const seedsDir = iranSeedsWithExamples(['no-such-set.jsonl']);
    const dbPath = join(tempDir(), 'x.db');
    expect(() => buildDatabase({ dbPath, seedsDir })).toThrow(
      /examples names no-such-set\.jsonl, but .* does not exist/,
    );
    expect(existsSync(dbPath)).toBe(false);
  });

  it('a story without examples judges with none', () => {
    const app = openClaimsApp({ dbPath: join(tempDir(), 'x.db'), seedsDir: join(IRAN, 'seeds'), logger: silent });
    try {
      expect(activeExamples().size).toBe(0);
    } finally {
      app.close();
    }
  });
});

describe("the desk's marks", () => {
  it('count at once as examples: a sentence marked Wrong → new is found with the desk verdict', () => {
    const dbPath = join(tempDir(), 'x.db');
    const { app, runtime } = openService(dbPath);
    try {
      const before = activeExamples().size;
      const sentence = CONTRADICTING[0] as string;
      const s = analyzeDocument({ text: sentence })[0];
      if (!s) throw new Error('no sentence');
      const report = toClaimReport(judgeSentenceByRules(s, app.claims));
      const alert: Alert = {
        verdict: report.verdict,
        feed: { id: 1, title: 'Wire', url: 'https://news.example/feed' },
        item: { title: 'Report', link: 'https://news.example/1', published: '2024-10-25T08:00:00.000Z' },
        claims: [report],
      };
      const ref = recordSubject(createSqliteDeskStore(app.db), alert, 'alert:1:1:slack:C1', 'slack:C1', Date.now())
        ?.ref as string;
      const other = report.verdict === 'new' ? 'offtopic' : 'new';
      runtime.services.desk.mark(ref, { kind: 'wrong', verdict: other }, { id: 'slack:U1', name: 'r', isAdmin: false });
      expect(activeExamples().size).toBe(before + 1);
      const [nearest] = activeExamples().neighbours(bagOfWords(sentence), 1);
      expect(nearest?.example).toMatchObject({ text: sentence, label: other });
    } finally {
      app.close();
    }
  });
});
