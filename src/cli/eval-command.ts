/**
 * `claimwatch eval FILE`: measures the engine on a labelled set (claims.md format) against the known-claims database,
 * with a keyword baseline scored in the same run. A table for people, or one JSON object with --json.
 */
import type { Command } from 'commander';
import { openClaimsApp } from '../app/claims-app.ts';
import { readLabelledSet } from '../app/labelled-files.ts';
import { type LlmConfig, loadConfig } from '../config.ts';
import { ENGINE_KINDS, type EngineKind, sentenceJudge } from '../core/claims/index.ts';
import { UserError } from '../core/errors.ts';
import { engineJudge, formatEvalReport, formatLlmSection, runEval, runLlmEval } from '../core/eval/index.ts';
import { createLogger } from '../logger.ts';
import { seedBuildProgress } from '../progress-line.ts';
import { resolveDbPath, resolveSeedsDir, writeJsonLine } from './common.ts';

interface EvalOptions {
  db?: string;
  seeds?: string;
  json?: boolean;
  mistakes?: boolean;
  engine?: string;
  llm?: boolean;
}

/** The configured LLM judge for `eval --llm`: its server must be set; mode off is measured as uncertain. */
function llmForEval(): LlmConfig {
  const { llm } = loadConfig();
  if (!llm) {
    throw new UserError('bad_input', '--llm needs an LLM server: set CLAIMWATCH_LLM_URL and CLAIMWATCH_LLM_MODEL');
  }
  return llm.mode === 'off' ? { ...llm, mode: 'uncertain' } : llm;
}

function parseEngine(v: string): EngineKind {
  if ((ENGINE_KINDS as readonly string[]).includes(v)) return v as EngineKind;
  throw new UserError('bad_input', `--engine must be one of ${ENGINE_KINDS.join(', ')}, not "${v}"`);
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'measure the engine on a labelled set: per-class precision/recall/F1, macro-F1, confusion matrix, and a keyword baseline in the same run',
    )
    .argument('<file>', 'labelled set, JSON lines: {"sentence", "label", "seed_file"?, "seed_quote"?, "published"?}')
    .option('--db <file>', 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option(
      '--json',
      'print one JSON object: {n, labels, engine: {perClass, macroF1, accuracy, confusion, wrongSeed, mistakes}, baseline: {...}, delta: {macroF1, contradictsF1}, warnings}',
    )
    .option('--mistakes', 'also list the sentences the engine got wrong')
    .option('--engine <kind>', 'learned (default, else CLAIMWATCH_ENGINE) or rules: the rules alone, for comparison')
    .option(
      '--llm',
      'also score the engine with the LLM judge (CLAIMWATCH_LLM_URL, CLAIMWATCH_LLM_MODEL; CLAIMWATCH_LLM_MODE, uncertain when off), beside the engine alone, with the calls made',
    )
    .addHelpText(
      'after',
      '\nA known or contradicts verdict counts as right only when it points at the labelled seed sentence.\n' +
        'Example:\n  claimwatch eval test/fixtures/eval/dev.jsonl --db /tmp/claims.db',
    )
    .action(async (file: string, opts: EvalOptions) => {
      const rows = readLabelledSet(file);
      const llm = opts.llm ? llmForEval() : undefined;
      const app = openClaimsApp({
        dbPath: resolveDbPath(opts.db),
        seedsDir: resolveSeedsDir(opts.seeds),
        logger: createLogger(process.env.CLAIMWATCH_LOG_LEVEL || 'warn'),
        onBuildProgress: seedBuildProgress(),
        ...(opts.engine ? { engine: parseEngine(opts.engine) } : {}),
        ...(llm ? { llm } : {}),
      });
      try {
        const claims = app.claims.list({ limit: Math.max(1, app.claims.counts().claims) });
        if (app.llm) {
          const engine = sentenceJudge('learned');
          const report = await runLlmEval({ rows, claims, index: app.claims, engine, llm: app.llm });
          if (opts.json) writeJsonLine(report);
          else {
            process.stdout.write(formatEvalReport(report, { mistakes: opts.mistakes === true }));
            process.stdout.write(`\n${formatLlmSection(report)}`);
          }
          return;
        }
        const report = runEval({ rows, judge: engineJudge(app.claims, app.judge), claims });
        if (opts.json) writeJsonLine(report);
        else process.stdout.write(formatEvalReport(report, { mistakes: opts.mistakes === true }));
      } finally {
        app.close();
      }
    });
}
