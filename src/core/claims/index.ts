/**
 * The claims engine's public API. Pure functions over text and a ClaimIndex; the wink model and the phrase tables are
 * immutable, so they are built once, on first use, and shared.
 */

import { activeStory, storyVersion } from '../story/active-story.ts';
import { createAnalyzer } from './analyze.ts';
import { judgeSentence as judgeByRules } from './judge.ts';
import { type JudgeModel, judgeLearned } from './learned/judge-learned.ts';
import trained from './learned/model.json' with { type: 'json' };
import { createPhraseMatcher } from './matcher.ts';
import { createSegmenter, type Segmenter } from './segment.ts';
import type { AnalyzedSentence, ClaimIndex, DocumentInput, SentenceJudgement } from './types.ts';

export { judgeSentence as judgeSentenceByRules } from './judge.ts';
export { toClaimReport, toItemReport } from './report.ts';
export * from './types.ts';

interface Engine {
  segmenter: Segmenter;
  analyze: (doc: DocumentInput) => AnalyzedSentence[];
  /** The story version its phrase tables were built for. */
  story: number;
}

let engine: Engine | undefined;
let segmenter: Segmenter | undefined;
function getEngine(): Engine {
  if (!engine || engine.story !== storyVersion()) {
    segmenter ??= createSegmenter();
    const match = createPhraseMatcher(activeStory());
    engine = { segmenter, analyze: createAnalyzer({ segmenter, match }), story: storyVersion() };
  }
  return engine;
}

/** Sentences of a document with their topic, claim frame, similarity terms and index keys. */
export function analyzeDocument(doc: DocumentInput): AnalyzedSentence[] {
  return getEngine().analyze(doc);
}

/** The weights `npm run train` fitted (src/core/claims/learned/model.json). */
export const TRAINED_MODEL: JudgeModel = trained as JudgeModel;

/**
 * Judges one analyzed sentence: the learned judgement over the rules' readings, with `model` (the trained one by
 * default). The seed build uses the rules alone (judgeSentenceByRules), so what the model reads does not depend on
 * the model.
 */
export function judgeSentence(
  s: AnalyzedSentence,
  index: ClaimIndex,
  model: JudgeModel = TRAINED_MODEL,
): SentenceJudgement {
  return judgeLearned(s, index, model);
}

/** Judges one analyzed sentence against an index. */
export type SentenceJudge = (s: AnalyzedSentence, index: ClaimIndex) => SentenceJudgement;

/** `learned` (the default) or `rules` (the rules alone: deterministic, and what the learned judgement reads). */
export type EngineKind = 'learned' | 'rules';
export const ENGINE_KINDS: readonly EngineKind[] = ['learned', 'rules'];

export function sentenceJudge(kind: EngineKind): SentenceJudge {
  return kind === 'rules' ? judgeByRules : (s, index) => judgeLearned(s, index, TRAINED_MODEL);
}

/** Judges every sentence of a document against the index. */
export function judgeDocument(
  doc: DocumentInput,
  index: ClaimIndex,
  judge: SentenceJudge = judgeSentence,
): SentenceJudgement[] {
  const sentences = analyzeDocument(doc);
  return asOneRead(index, () => sentences.map((s) => judge(s, index)));
}

/** Runs one document's lookups as one read when the index can (see ClaimIndex.batch). */
export function asOneRead<T>(index: ClaimIndex, fn: () => T): T {
  return index.batch ? index.batch(fn) : fn();
}

/** The bare tokenizer the engine uses (wink-nlp with the lean sentence pipe), for throughput comparisons. */
export function tokenize(text: string): string[] {
  return getEngine().segmenter.tokenize(text);
}
