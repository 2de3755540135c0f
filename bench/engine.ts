/**
 * Engine benchmarks, two sections (each runs in its own process, see bench/index.ts):
 * - check: `check` throughput against the database built from the seeds, the bare throughput of the tokenizer the
 *   engine uses over the same sentences in the same run, and their ratio;
 * - scale: the cost per sentence as the database grows to 100, 10,000 and 100,000 known claims (synthetic variants
 *   of news sentences, inserted into a temp file), and the process's peak RSS with 100,000 claims.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDatabase, readSeedDocuments } from '../src/app/claims-app.ts';
import { readStoryExamples } from '../src/app/story-examples.ts';
import { storyOfSeeds } from '../src/app/story-file.ts';
import { analyzeDocument, judgeDocument, judgeSentenceByRules, tokenize } from '../src/core/claims/index.ts';
import { createExampleIndex, useExamples } from '../src/core/claims/learned/examples.ts';
import type { AnalyzedSentence } from '../src/core/claims/types.ts';
import { parseSeed } from '../src/core/seeds/index.ts';
import { useStory } from '../src/core/story/active-story.ts';
import { createSqliteClaimStore } from '../src/store/claim-store.ts';
import { openDatabase } from '../src/store/db.ts';
import type { BenchContext, BenchFigures } from './index.ts';

const SEEDS_DIR = new URL('../seeds/', import.meta.url).pathname;
// the scale bench reads sentences without a database: it takes the story the seeds' database would record, and the
// labelled examples it would keep (both sections judge with them, as the bot does)
const STORY = storyOfSeeds(SEEDS_DIR, readSeedDocuments(SEEDS_DIR));
useStory(STORY);
useExamples(createExampleIndex(readStoryExamples(SEEDS_DIR, STORY)));
/** Analyzed sentences used as templates for the synthetic known claims. */
const POOL = 1000;
/** Sentences judged at each database size. */
const QUERIES = 1000;
/** Timed passes for check and for tokenize (the best counts: the machine may be busy with other work). */
const PASSES = 2;

/** `check` throughput against the seeds' database, and the bare tokenizer over the same sentences. */
export async function runCheckBench(ctx: BenchContext): Promise<BenchFigures> {
  const sentences = newsSentences(ctx.option('sentences', 10_000), 42);
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-bench-'));
  try {
    const seedDb = join(dir, 'seeds.db');
    const built = buildDatabase({ dbPath: seedDb, seedsDir: SEEDS_DIR });
    ctx.log(`seed database: ${built.claims} claims, ${built.evidence} evidence, ${built.conflicts.length} conflicts`);
    const db = openDatabase(seedDb);
    const store = createSqliteClaimStore(db);
    for (const s of sentences.slice(0, 200)) judgeDocument({ text: s }, store); // warm-up
    // check and tokenize are timed the same way: best of two passes over the same sentences
    const checkMs = best(() => {
      for (const s of sentences) judgeDocument({ text: s }, store);
    });
    // the rules alone, in the same run: what the learned judgement costs on top of them
    for (const s of sentences.slice(0, 200)) judgeDocument({ text: s }, store, judgeSentenceByRules);
    const rulesMs = best(() => {
      for (const s of sentences) judgeDocument({ text: s }, store, judgeSentenceByRules);
    });
    db.close();
    const check = (sentences.length / checkMs) * 1000;
    const rules = (sentences.length / rulesMs) * 1000;
    ctx.log(`check: ${sentences.length} sentences in ${fmt(checkMs)} ms = ${fmt(check)} sentences/s`);
    ctx.log(`check with the rules alone: ${fmt(rules)} sentences/s`);
    for (const s of sentences.slice(0, 200)) tokenize(s);
    const tokenizeMs = best(() => {
      for (const s of sentences) tokenize(s);
    });
    const tokenizeRate = (sentences.length / tokenizeMs) * 1000;
    ctx.log(`tokenize: ${fmt(tokenizeRate)} sentences/s; check/tokenize = ${fmt(check / tokenizeRate, 3)}`);
    return {
      check_sentences_per_s: round(check),
      tokenize_sentences_per_s: round(tokenizeRate),
      tokenize_ratio: round(check / tokenizeRate, 3),
      rules_sentences_per_s: round(rules),
      rules_tokenize_ratio: round(rules / tokenizeRate, 3),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Cost per sentence with 100, 10,000 and 100,000 known claims: synthetic variants of analyzed news sentences are
 * inserted into a temp database, and the same queries are judged at each size.
 */
export async function runScaleBench(ctx: BenchContext): Promise<BenchFigures> {
  const maxClaims = ctx.option('max-claims', 100_000);
  const pool = newsSentences(POOL * 3, 7)
    .flatMap((text) => analyzeDocument({ text }))
    .filter((s) => s.onTopic)
    .slice(0, POOL);
  const queries = newsSentences(QUERIES, 42).map((text) => ({ text }));
  const dir = mkdtempSync(join(tmpdir(), 'claimwatch-bench-'));
  try {
    return measureScale(join(dir, 'scale.db'), pool, maxClaims, queries, ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Best time (ms) of PASSES runs. */
function best(fn: () => void): number {
  let ms = Infinity;
  for (let pass = 0; pass < PASSES; pass++) {
    const t = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

/** `n` news-like sentences: rewordings of the seed sentences plus other news. */
export function newsSentences(n: number, seed: number): string[] {
  const seedSentences = readSeedSentences();
  const random = prng(seed);
  return Array.from({ length: n }, () => variant(seedSentences, random));
}

/** Grows one database through 100 → 10,000 → 100,000 claims and times the same queries at each size. */
function measureScale(
  path: string,
  pool: AnalyzedSentence[],
  maxClaims: number,
  queries: Array<{ text: string }>,
  ctx: BenchContext,
): BenchFigures {
  const db = openDatabase(path);
  const store = createSqliteClaimStore(db);
  const sizes = [100, 10_000, 100_000].filter((n) => n <= maxClaims);
  const figures: BenchFigures = {};
  let inserted = 0;
  const random = prng(7);
  for (const size of sizes) {
    const t0 = performance.now();
    const batch = 2000;
    while (inserted < size) {
      const n = Math.min(batch, size - inserted);
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const base = pool[Math.floor(random() * pool.length)] as AnalyzedSentence;
          const text = `${base.text} [variant ${inserted + i}]`;
          store.addClaim(
            { ...base, text },
            { source: `bench:${inserted + i}`, quote: text, published: '2024-11-01', speaker: base.frame.attribution },
          );
        }
      })();
      inserted += n;
    }
    const insertMs = performance.now() - t0;
    for (const q of queries.slice(0, 200)) judgeDocument(q, store); // warm-up at this size
    const perSentence =
      best(() => {
        for (const q of queries) judgeDocument(q, store);
      }) / queries.length;
    figures[`per_sentence_ms_${size >= 1000 ? `${size / 1000}k` : size}`] = round(perSentence, 4);
    ctx.log(
      `${size} known claims: ${fmt(perSentence, 4)} ms/sentence (inserted in ${fmt(insertMs)} ms, ` +
        `rss ${fmt(process.memoryUsage().rss / 2 ** 20)} MB, heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MB)`,
    );
  }
  db.close();
  const small = figures.per_sentence_ms_100;
  const large = figures.per_sentence_ms_100k;
  if (small !== undefined && large !== undefined) figures.scale_ratio_100k_vs_100 = round(large / small, 3);
  return figures;
}

/** On-topic and off-topic sentences of the seeds, as the engine splits them. */
function readSeedSentences(): string[] {
  const out: string[] = [];
  for (const seed of readSeedDocuments(SEEDS_DIR)) {
    const { text } = parseSeed(seed.text);
    for (const s of analyzeDocument({ text })) out.push(s.text);
  }
  return out.concat(OTHER_NEWS);
}

const OTHER_NEWS = [
  'The central bank left interest rates unchanged on Thursday, citing easing inflation.',
  'Heavy rain caused flooding across southern Spain, and several roads were closed.',
  'The club confirmed its manager will stay until the end of the season.',
  'Shares in the carmaker fell 4% after it cut its profit forecast.',
  'Sign up for our morning newsletter to get the top stories in your inbox.',
  'Scientists said the new vaccine was safe in early trials.',
  'The senator announced she would not seek re-election next year.',
  'Tickets for the festival sold out within an hour.',
];

const SWAPS: Array<[RegExp, string[]]> = [
  [/\bNorth Korea\b/g, ['North Korea', 'Pyongyang', 'the DPRK', "Kim Jong Un's regime"]],
  [/\bMoscow\b/g, ['Moscow', 'Russia', 'the Kremlin']],
  [/\bsoldiers\b/g, ['soldiers', 'troops', 'servicemen']],
  [/\bsays\b/g, ['says', 'said', 'claims']],
];
const PREFIXES = ['', '', 'On Tuesday, ', 'Meanwhile, ', 'According to officials, ', 'In a statement, '];
const SUFFIXES = ['', '', ', officials said', ', a source told Reuters', ', according to the report'];

/** A news-like rewording: synonyms, a different figure, a dateline or an attribution. */
function variant(seeds: string[], random: () => number): string {
  let s = seeds[Math.floor(random() * seeds.length)] as string;
  for (const [re, options] of SWAPS) s = s.replace(re, () => options[Math.floor(random() * options.length)] as string);
  if (random() < 0.4) {
    s = s.replace(/\b\d{1,3}(,\d{3})*\b/, (n) => {
      const v = Number(n.replace(/,/g, ''));
      return Math.max(1, Math.round(v * (0.5 + random()))).toLocaleString('en-US');
    });
  }
  const prefix = PREFIXES[Math.floor(random() * PREFIXES.length)] as string;
  const suffix = SUFFIXES[Math.floor(random() * SUFFIXES.length)] as string;
  if (prefix && /^(The|A|An|Some|This|Both|Many|Several|Now|In|Moscow|Russia)\b/.test(s)) s = prefix + s;
  if (suffix && /[.]$/.test(s)) s = `${s.slice(0, -1)}${suffix}.`;
  return s;
}

function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}
