/**
 * Wires the known-claims database: the SQLite file, its claim store, and the build from seeds/.
 *
 * How a build stays atomic: the seeds are read first (an unreadable folder or no .txt fails before the database is
 * touched), then the claims tables are emptied and refilled inside ONE immediate transaction on the database file
 * itself. A failure rolls the transaction back, so the old claims stay as they were; other tables in the same file
 * (feeds, subscriptions, outbox) are never touched, and a running bot keeps reading the old claims until the commit.
 * No file is renamed, so there are no WAL files left pointing at a replaced database.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LlmConfig } from '../config.ts';
import { type BuildProgress, type BuildResult, buildKnownClaims, type SeedDocument } from '../core/build.ts';
import {
  type DocumentInput,
  ENGINE_KINDS,
  type EngineKind,
  type SentenceJudge,
  sentenceJudge,
} from '../core/claims/index.ts';
import type { LabelledExample } from '../core/claims/learned/examples.ts';
import { UserError } from '../core/errors.ts';
import { type LearnedSentence, relearn } from '../core/learn.ts';
import type { LlmJudge } from '../core/llm/index.ts';
import type { ClaimStore, Transact } from '../core/store-ports.ts';
import { activeStory, useStory } from '../core/story/active-story.ts';
import { compileStory, type Story } from '../core/story/story.ts';
import { deriveSeedVocabulary } from '../core/story/topic-words.ts';
import type { Logger } from '../logger.ts';
import { clearClaims, createSqliteClaimStore } from '../store/claim-store.ts';
import { createTransact, type Database, openDatabase } from '../store/db.ts';
import { configuredLlmJudge } from './llm-judge.ts';
import { readStoryExamples, storeExamples, useStoredExamples } from './story-examples.ts';
import { storyFrom, storyOfSeeds } from './story-file.ts';

export interface ClaimsApp {
  db: Database;
  claims: ClaimStore;
  /** The judgement in use (CLAIMWATCH_ENGINE): learned by default; the LLM judge's answers over it when one is on. */
  judge: SentenceJudge;
  /** The LLM judge, when CLAIMWATCH_LLM_MODE is not off. */
  llm?: LlmJudge;
  /**
   * Asks the LLM judge beforehand about the sentences of `doc` (the first `limit`) it has no answer for, so that
   * `judge` (synchronous) finds them; does nothing when no judge is on. Never throws.
   */
  prepare?(doc: DocumentInput, limit?: number): Promise<void>;
  transact: Transact;
  close(): void;
}

export interface ClaimsAppOptions {
  dbPath: string;
  seedsDir: string;
  logger: Logger;
  /** Else CLAIMWATCH_ENGINE, else learned. */
  engine?: EngineKind;
  /** The LLM judge's settings (Config.llm); none, or mode off, judges with the engine alone. */
  llm?: LlmConfig;
  /** Told seed by seed when the database has to be built first (the CLI draws a progress line at a terminal). */
  onBuildProgress?: (p: BuildProgress) => void;
}

/** CLAIMWATCH_ENGINE: `learned` (default) or `rules`; anything else is a clear error. */
export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): EngineKind {
  const v = (env.CLAIMWATCH_ENGINE ?? '').trim();
  if (v === '') return 'learned';
  if ((ENGINE_KINDS as readonly string[]).includes(v)) return v as EngineKind;
  throw new UserError('bad_input', `CLAIMWATCH_ENGINE must be one of ${ENGINE_KINDS.join(', ')}, not "${v}"`);
}

/** Opens the database, building the known claims from `seedsDir` first when it has never been built. */
export function openClaimsApp({ dbPath, seedsDir, logger, engine, llm, onBuildProgress }: ClaimsAppOptions): ClaimsApp {
  const kind = engine ?? engineFromEnv();
  if (kind === 'rules' && llm && llm.mode !== 'off') {
    throw new UserError('bad_input', 'the LLM judge works over the learned engine, not the rules alone');
  }
  const engineJudge = sentenceJudge(kind);
  const created = !fileExists(dbPath);
  const db = openDatabase(dbPath);
  // the story this call built the claims with, if it built them (else the one recorded with them is read back)
  let builtWith: Story | undefined;
  try {
    if (!isBuilt(db)) {
      const seeds = readSeedDocuments(seedsDir);
      const story = storyOfSeeds(seedsDir, seeds);
      const examples = readStoryExamples(seedsDir, story);
      const result = rebuildClaims(db, seeds, { onlyIfUnbuilt: true, onProgress: onBuildProgress, story, examples });
      if (result) builtWith = story;
      if (result) {
        logger.info(
          { dbPath, seedsDir, claims: result.claims, evidence: result.evidence, conflicts: result.conflicts.length },
          'built the known-claims database from seeds',
        );
      }
    }
  } catch (err) {
    db.close();
    if (created) removeDatabaseFiles(dbPath);
    throw err;
  }
  try {
    // judge with the story the claims were built with; a database from before story files takes the seeds folder's
    useStory(
      builtWith ??
        withSeedVocabulary(builtStory(db, dbPath), seedsDir) ??
        storyOfSeeds(seedsDir, readSeedDocuments(seedsDir)),
    );
    useStoredExamples(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const claims = createSqliteClaimStore(db);
  const judge = configuredLlmJudge(db, llm, logger);
  return {
    db,
    claims,
    judge: judge ? judge.judge : engineJudge,
    llm: judge,
    async prepare(doc, limit) {
      if (judge) await judge.prepare(doc, claims, limit);
    },
    transact: createTransact(db),
    close: () => db.close(),
  };
}

/**
 * A story recorded by a build from before the seed vocabulary (story.ts) gets it from the seeds folder, as a build
 * now would: without it, the learned judgement would read every sentence as sharing no word with the seeds.
 */
function withSeedVocabulary(story: Story | undefined, seedsDir: string): Story | undefined {
  if (!story || story.data.seed_vocabulary) return story;
  let seeds: SeedDocument[];
  try {
    seeds = readSeedDocuments(seedsDir);
  } catch {
    return story; // no seeds folder beside a moved database: judged without it, as before
  }
  return compileStory({ ...story.data, seed_vocabulary: deriveSeedVocabulary(seeds) });
}

/** The story recorded with the claims, if the build recorded one. */
export function builtStory(db: Database, where = 'the claims database'): Story | undefined {
  const row = db.prepare<[], { value: string }>("SELECT value FROM claims_meta WHERE key = 'story'").get();
  return row ? storyFrom(JSON.parse(row.value), `the story stored in ${where}`) : undefined;
}

/** Rebuilds the known claims of `dbPath` from `seedsDir`, atomically; the same seeds always give the same result. */
export function buildDatabase({
  dbPath,
  seedsDir,
  onProgress,
}: {
  dbPath: string;
  seedsDir: string;
  onProgress?: (p: BuildProgress) => void;
}): BuildResult {
  const seeds = readSeedDocuments(seedsDir);
  const story = storyOfSeeds(seedsDir, seeds);
  const examples = readStoryExamples(seedsDir, story);
  const created = !fileExists(dbPath);
  let db: Database | undefined;
  try {
    db = openDatabase(dbPath);
    return rebuildClaims(db, seeds, { onProgress, story, examples }) as BuildResult;
  } catch (err) {
    db?.close();
    db = undefined;
    if (created) removeDatabaseFiles(dbPath);
    throw err;
  } finally {
    db?.close();
  }
}

/**
 * Empties and refills the claims tables in one transaction, reading with `story` (else the story in use), which is
 * recorded with them. With `onlyIfUnbuilt`, does nothing (returns undefined) when another process finished a build
 * first. `build` is replaceable so tests can make a build fail midway.
 */
export function rebuildClaims(
  db: Database,
  seeds: readonly SeedDocument[],
  opts: {
    onlyIfUnbuilt?: boolean;
    build?: typeof buildKnownClaims;
    onProgress?: (p: BuildProgress) => void;
    story?: Story;
    /** The story's labelled examples, recorded with the claims (none when absent). */
    examples?: readonly LabelledExample[];
  } = {},
): BuildResult | undefined {
  const build = opts.build ?? buildKnownClaims;
  return db
    .transaction(() => {
      if (opts.onlyIfUnbuilt && isBuilt(db)) return undefined;
      if (opts.story) useStory(opts.story);
      const learned = learnedSentences(db, seeds);
      clearClaims(db);
      const store = createSqliteClaimStore(db);
      const result = build(seeds, store, opts.onProgress);
      if (learned.length > 0) {
        const again = relearn(store, learned);
        const counts = store.counts();
        Object.assign(result, {
          claims: counts.claims,
          evidence: counts.evidence,
          kept: { sentences: learned.length, claims: again.claims, evidence: again.evidence },
        });
      }
      const setMeta = db.prepare('INSERT OR REPLACE INTO claims_meta (key, value) VALUES (?, ?)');
      setMeta.run('built_at', new Date().toISOString());
      setMeta.run('seeds', JSON.stringify(seeds.map((s) => s.name).sort()));
      setMeta.run('story', JSON.stringify(activeStory().data));
      storeExamples(db, opts.examples ?? []);
      return result;
    })
    .immediate();
}

/** Every `.txt` in `dir`, by name. A missing or unreadable folder, or one without seeds, is the user's error. */
export function readSeedDocuments(dir: string): SeedDocument[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.txt'));
  } catch (err) {
    throw new UserError('bad_input', `cannot read the seeds folder ${dir}: ${describe(err)}`, { cause: err });
  }
  if (names.length === 0) throw new UserError('bad_input', `the seeds folder ${dir} holds no .txt files`);
  return names.sort().map((name) => {
    try {
      return { name, text: readFileSync(join(dir, name), 'utf8') };
    } catch (err) {
      throw new UserError('bad_input', `cannot read seed ${join(dir, name)}: ${describe(err)}`, { cause: err });
    }
  });
}

/**
 * The sentences the bot learned, in the order it read them: evidence whose source is no seed file (of this build or
 * the one before it). A rebuild keeps them (see relearn).
 */
function learnedSentences(db: Database, seeds: readonly SeedDocument[]): LearnedSentence[] {
  const seedNames = new Set(seeds.map((s) => s.name));
  const before = db.prepare<[], { value: string }>("SELECT value FROM claims_meta WHERE key = 'seeds'").get();
  if (before) for (const n of JSON.parse(before.value) as string[]) seedNames.add(n);
  return db
    .prepare<[], LearnedSentence>('SELECT source, quote, published FROM evidence ORDER BY id')
    .all()
    .filter((e) => !seedNames.has(e.source));
}

function isBuilt(db: Database): boolean {
  return db.prepare("SELECT 1 FROM claims_meta WHERE key = 'built_at'").get() !== undefined;
}

function fileExists(dbPath: string): boolean {
  return dbPath !== ':memory:' && dbPath !== '' && existsSync(dbPath);
}

function removeDatabaseFiles(dbPath: string): void {
  if (dbPath === ':memory:' || dbPath === '') return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${dbPath}${suffix}`, { force: true });
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'not a folder';
  return err instanceof Error ? err.message : String(err);
}
