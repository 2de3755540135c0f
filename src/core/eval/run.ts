/**
 * One evaluation run: every labelled sentence judged by the engine (as a one-sentence document with its date) and by
 * the keyword baseline over the same known claims, both scored by the same rule.
 */
import { judgeDocument, type SentenceJudge } from '../claims/index.ts';
import type { ClaimIndex, DocumentInput, KnownClaim, SentenceJudgement, Verdict } from '../claims/types.ts';
import { createKeywordBaseline, type KeywordBaselineOptions } from './baseline.ts';
import type { LabelledSentence } from './labelled-set.ts';
import { computeMetrics, type SystemMetrics } from './metrics.ts';
import {
  baseName,
  normalizeForMatch,
  type Outcome,
  type Prediction,
  predictionFromJudgements,
  scorePrediction,
} from './scoring.ts';

/** A sentence a system got wrong, with what it said and, for known/contradicts, which seed sentence was expected. */
export interface Mistake {
  line: number;
  sentence: string;
  label: Verdict;
  verdict: Verdict;
  outcome: Exclude<Outcome, 'right'>;
  reason: string;
  expected: { file: string; quote: string } | null;
  pointedAt: Array<{ source: string; quote: string }>;
}

export interface SystemReport extends SystemMetrics {
  mistakes: Mistake[];
}

/**
 * `n`: labelled sentences; `labels`: how many of each label; `engine` / `baseline`: metrics of each system;
 * `delta`: engine minus baseline for macro-F1 and for the contradicts class's F1 (the figures the bars name);
 * `warnings`: problems with the set against this database (see checkSeeds).
 */
export interface EvalReport {
  n: number;
  labels: Record<Verdict, number>;
  engine: SystemReport;
  baseline: SystemReport;
  delta: { macroF1: number; contradictsF1: number };
  warnings: string[];
}

export interface EvalInput {
  rows: readonly LabelledSentence[];
  /** The engine: judges a document. `engineJudge(index)` is the real one. */
  judge: (doc: DocumentInput) => SentenceJudgement[];
  /** The known claims the baseline compares with: the same ones the engine's index holds. */
  claims: readonly KnownClaim[];
  baseline?: KeywordBaselineOptions;
}

export function engineJudge(index: ClaimIndex, judge?: SentenceJudge): (doc: DocumentInput) => SentenceJudgement[] {
  return (doc) => judgeDocument(doc, index, judge);
}

export function runEval(input: EvalInput): EvalReport {
  const baseline = createKeywordBaseline(input.claims, input.baseline);
  const engine = scoreSystem(input.rows, (row) => predictionFromJudgements(input.judge(toDocument(row))));
  const base = scoreSystem(input.rows, (row) => baseline(row.sentence));
  const labels = { known: 0, contradicts: 0, new: 0, offtopic: 0 };
  for (const row of input.rows) labels[row.label] += 1;
  return {
    n: input.rows.length,
    labels,
    engine,
    baseline: base,
    delta: {
      macroF1: engine.macroF1 - base.macroF1,
      contradictsF1: engine.perClass.contradicts.f1 - base.perClass.contradicts.f1,
    },
    warnings: checkSeeds(input.rows, input.claims),
  };
}

function toDocument(row: LabelledSentence): DocumentInput {
  return row.published ? { text: row.sentence, published: row.published } : { text: row.sentence };
}

function scoreSystem(rows: readonly LabelledSentence[], predict: (row: LabelledSentence) => Prediction): SystemReport {
  const answers: Array<{ label: Verdict; verdict: Verdict; outcome: Outcome }> = [];
  const mistakes: Mistake[] = [];
  for (const row of rows) {
    const p = predict(row);
    const outcome = scorePrediction(row, p);
    answers.push({ label: row.label, verdict: p.verdict, outcome });
    if (outcome !== 'right') {
      mistakes.push({
        line: row.line,
        sentence: row.sentence,
        label: row.label,
        verdict: p.verdict,
        outcome,
        reason: p.reason,
        expected: row.seed,
        pointedAt: p.pointsAt,
      });
    }
  }
  return { ...computeMetrics(answers), mistakes };
}

/**
 * Problems with the set against this database: a seed file no known claim cites (almost surely a typo), and seed
 * quotes found in no evidence of that file (the build kept no claim from that sentence, so no answer can be right).
 */
function checkSeeds(rows: readonly LabelledSentence[], claims: readonly KnownClaim[]): string[] {
  const quotesBySource = new Map<string, string[]>();
  for (const e of claims.flatMap((c) => c.evidence)) {
    const file = baseName(e.source);
    quotesBySource.set(file, [...(quotesBySource.get(file) ?? []), normalizeForMatch(e.quote)]);
  }
  const missingFile = new Map<string, number[]>();
  const missingQuote: number[] = [];
  for (const row of rows) {
    if (!row.seed) continue;
    const quotes = quotesBySource.get(baseName(row.seed.file));
    if (!quotes) missingFile.set(row.seed.file, [...(missingFile.get(row.seed.file) ?? []), row.line]);
    else if (!quotes.some((q) => q.includes(normalizeForMatch(row.seed?.quote ?? '')))) missingQuote.push(row.line);
  }
  const out = [...missingFile].map(
    ([file, lines]) => `seed_file ${file} (line ${lines.join(', ')}) is not the source of any known claim`,
  );
  if (missingQuote.length > 0) {
    out.push(`seed_quote found in no evidence of its seed_file: line ${missingQuote.join(', ')}`);
  }
  return out;
}
