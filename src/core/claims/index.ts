/**
 * The claims engine's public API. Pure functions over text and a ClaimIndex; the wink model and the phrase tables are
 * immutable, so they are built once, on first use, and shared.
 */
import { createAnalyzer } from './analyze.ts';
import { judgeSentence } from './judge.ts';
import { createPhraseMatcher } from './matcher.ts';
import { createSegmenter, type Segmenter } from './segment.ts';
import type { AnalyzedSentence, ClaimIndex, DocumentInput, SentenceJudgement } from './types.ts';

export { judgeSentence } from './judge.ts';
export { toClaimReport, toItemReport } from './report.ts';
export * from './types.ts';

interface Engine {
  segmenter: Segmenter;
  analyze: (doc: DocumentInput) => AnalyzedSentence[];
}

let engine: Engine | undefined;
function getEngine(): Engine {
  if (!engine) {
    const segmenter = createSegmenter();
    engine = { segmenter, analyze: createAnalyzer({ segmenter, match: createPhraseMatcher() }) };
  }
  return engine;
}

/** Sentences of a document with their topic, claim frame, similarity terms and index keys. */
export function analyzeDocument(doc: DocumentInput): AnalyzedSentence[] {
  return getEngine().analyze(doc);
}

/** Judges every sentence of a document against the index. */
export function judgeDocument(doc: DocumentInput, index: ClaimIndex): SentenceJudgement[] {
  return analyzeDocument(doc).map((s) => judgeSentence(s, index));
}

/** The bare tokenizer the engine uses (wink-nlp with the lean sentence pipe), for throughput comparisons. */
export function tokenize(text: string): string[] {
  return getEngine().segmenter.tokenize(text);
}
