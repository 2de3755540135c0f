/**
 * The eval report for people: per-class table with the engine and the baseline side by side, macro-F1 and the
 * deltas the bars name, both confusion matrices, warnings, and (on request) the engine's mistakes.
 */
import type { Verdict } from '../claims/types.ts';
import { VERDICTS } from './labelled-set.ts';
import type { LlmEvalReport } from './llm-run.ts';
import type { SystemMetrics } from './metrics.ts';
import type { EvalReport, Mistake } from './run.ts';

export interface FormatOptions {
  /** Also list the sentences the engine got wrong. */
  mistakes?: boolean;
}

type Scored = EvalReport['engine'];

/** Per-class precision, recall and F1 of the engine beside another system, then macro-F1 and accuracy. */
function sideBySide(
  e: Scored,
  other: Pick<Scored, 'perClass' | 'macroF1' | 'accuracy'>,
  name: string,
  n: number,
): string {
  const head = ['class', 'engine P', 'R', 'F1', `${name} P`, 'R', 'F1', 'support'];
  const rows = VERDICTS.map((v) => {
    const a = e.perClass[v];
    const b = other.perClass[v];
    return [v, num(a.precision), num(a.recall), num(a.f1), num(b.precision), num(b.recall), num(b.f1), `${a.support}`];
  });
  rows.push(['macro-F1', '', '', num(e.macroF1), '', '', num(other.macroF1), `${n}`]);
  rows.push(['accuracy', '', '', num(e.accuracy), '', '', num(other.accuracy), '']);
  return table(head, rows);
}

export function formatEvalReport(r: EvalReport, opts: FormatOptions = {}): string {
  const labelCounts = VERDICTS.map((v) => `${v} ${r.labels[v]}`).join(', ');
  const out: string[] = [`${r.n} labelled sentences (${labelCounts})`, ''];

  out.push(sideBySide(r.engine, r.baseline, 'baseline', r.n), '');
  out.push(
    `engine - baseline: macro-F1 ${signed(r.delta.macroF1)}, contradicts F1 ${signed(r.delta.contradictsF1)}`,
    '',
  );

  out.push('Confusion matrix, engine (rows: label, columns: verdict)', confusion(r.engine), '');
  out.push('Confusion matrix, keyword baseline', confusion(r.baseline), '');
  out.push('"wrong seed": the labelled verdict, pointing at another seed sentence; counted as a mistake.');

  if (r.warnings.length > 0) out.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w}`));
  if (opts.mistakes) {
    out.push('', `Engine mistakes (${r.engine.mistakes.length}):`, ...r.engine.mistakes.map(formatMistake));
  }
  return `${out.join('\n')}\n`;
}

/** The engine alone beside the engine with the LLM judge, and what the judge cost. */
export function formatLlmSection(r: LlmEvalReport): string {
  const { llm } = r;
  const out = [
    `LLM judge: ${llm.model}, mode ${llm.mode}: ${llm.calls} calls made, ${llm.cached} answers from the cache, ${llm.failed} without a usable answer, ${llm.overBudget} over the hourly budget; ${llm.judged} of ${r.n} verdicts are the judge's`,
    '',
  ];
  out.push(sideBySide(r.engine, llm.withJudge, 'with judge', r.n), '');
  out.push(
    `with judge - engine: macro-F1 ${signed(llm.delta.macroF1)}, contradicts F1 ${signed(llm.delta.contradictsF1)}`,
    '',
  );
  out.push('Confusion matrix, engine with the LLM judge', confusion(llm.withJudge));
  return `${out.join('\n')}\n`;
}

function confusion(m: SystemMetrics): string {
  const head = ['label \\ verdict', ...VERDICTS, 'wrong seed'];
  const rows = VERDICTS.map((label) => [
    label,
    ...VERDICTS.map((verdict: Verdict) => `${m.confusion[label][verdict]}`),
    label === 'known' || label === 'contradicts' ? `${m.wrongSeed[label]}` : '',
  ]);
  return table(head, rows);
}

function formatMistake(m: Mistake): string {
  const what = m.outcome === 'wrong_seed' ? `${m.verdict}, but not the labelled seed sentence` : m.verdict;
  const lines = [`  line ${m.line}: labelled ${m.label}, engine said ${what}`, `    "${m.sentence}"`];
  if (m.expected) lines.push(`    expected: ${m.expected.file}: "${m.expected.quote}"`);
  if (m.pointedAt.length > 0) {
    lines.push(`    pointed at: ${m.pointedAt.map((p) => `${p.source}: "${clip(p.quote, 90)}"`).join('; ')}`);
  }
  lines.push(`    reason: ${m.reason}`);
  return lines.join('\n');
}

/** Columns padded to their widest cell; the first column left-aligned, figures right-aligned. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const render = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(head), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)].join('\n');
}

function num(x: number): string {
  return x.toFixed(3);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
