/**
 * `claimwatch build`, `claimwatch check` and `claimwatch claims list|search|show`: the known-claims database from the
 * command line. Output for people by default, JSON (one object a line) with --json.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { buildDatabase, type ClaimsApp, openClaimsApp } from '../app/claims-app.ts';
import type { BuildResult } from '../core/build.ts';
import { judgeDocument, toItemReport } from '../core/claims/index.ts';
import type { DocumentInput, ItemReport, KnownClaim } from '../core/claims/types.ts';
import { UserError } from '../core/errors.ts';
import { judgeAndLearn } from '../core/learn.ts';
import { createLogger } from '../logger.ts';
import { seedBuildProgress } from '../progress-line.ts';
import {
  formatTable,
  parseJsonLines,
  parsePositiveInt,
  readInput,
  resolveDbPath,
  resolveSeedsDir,
  writeJsonLine,
} from './common.ts';

interface DbOptions {
  db?: string;
  seeds?: string;
}

interface CheckItem extends DocumentInput {
  id: string | number;
}

export function registerClaimsCommands(program: Command): void {
  program
    .command('build')
    .description('rebuild the known-claims database from the seed documents (atomic: a failed build changes nothing)')
    .option('--seeds <dir>', 'folder of seed .txt files (default: CLAIMWATCH_SEEDS, else ./seeds)')
    .option('--db <file>', 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)')
    .option('--json', 'print one JSON object: {claims, evidence, conflicts, kept?: {sentences, claims, evidence}}')
    .action((opts: DbOptions & { json?: boolean }) => {
      const dbPath = resolveDbPath(opts.db);
      const result = buildDatabase({ dbPath, seedsDir: resolveSeedsDir(opts.seeds), onProgress: seedBuildProgress() });
      if (opts.json) writeJsonLine(result);
      else process.stdout.write(formatBuild(dbPath, result));
    });

  program
    .command('check')
    .description('judge text against the known claims: known, contradicts, new or offtopic, with reasons')
    .argument('[input...]', 'FILE, - for stdin, or the text itself (stdin when piped and nothing is given)')
    .option('--db <file>', 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--jsonl', 'input is JSON lines: {"id", "text", "title"?, "link"?, "published"?}')
    .option('--json', 'print one JSON line per input: {id, verdict, claims}')
    .option('--learn', 'store what was read: new claims, evidence, contradictions (check never writes without it)')
    .addHelpText('after', '\nExample:\n  claimwatch check "North Korea sent 12,000 troops to Russia"')
    .action(async (args: string[], opts: DbOptions & { json?: boolean; jsonl?: boolean; learn?: boolean }) => {
      const input = await readInput(args);
      if (input.text.trim() === '') throw new UserError('bad_input', `nothing to check: ${input.origin} is empty`);
      const jsonl = opts.jsonl === true;
      const items: CheckItem[] = jsonl
        ? parseJsonLines(input.text, toCheckItem)
        : [{ id: input.origin, text: input.text }];
      withApp(opts, (app) => {
        for (const item of items) {
          const report = opts.learn
            ? learnItem(app, item, sourceOf(item, input.origin, jsonl))
            : toItemReport(judgeDocument(item, app.claims, app.judge));
          if (opts.json) writeJsonLine({ id: item.id, verdict: report.verdict, claims: report.claims });
          else process.stdout.write(formatItem(jsonl ? `#${item.id}` : 'Verdict', report));
        }
      });
    });

  const claims = program.command('claims').description('browse the known claims');
  claims
    .command('list')
    .description('list known claims, newest first')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--limit <n>', 'how many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print one JSON line per claim')
    .action((opts: DbOptions & { limit: string; offset: string; json?: boolean }) => {
      const limit = parsePositiveInt(opts.limit, '--limit');
      const offset = opts.offset === '0' ? 0 : parsePositiveInt(opts.offset, '--offset');
      withApp(opts, (app) => printClaims(app.claims.list({ limit, offset }), opts.json));
    });
  claims
    .command('search')
    .description('full-text search over claims and the sentences that support them')
    .argument('<query...>', 'words to look for')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print one JSON line per claim')
    .action((words: string[], opts: DbOptions & { limit: string; json?: boolean }) => {
      const query = words.join(' ');
      if (!/[\p{L}\p{N}]/u.test(query)) throw new UserError('bad_input', 'the search query has no words in it');
      const limit = parsePositiveInt(opts.limit, '--limit');
      withApp(opts, (app) => printClaims(app.claims.search(query, limit), opts.json));
    });
  claims
    .command('show')
    .description('one claim: its text, evidence with sources and dates, and related claims')
    .argument('<id>', 'claim id')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--json', 'print one JSON object')
    .action((idText: string, opts: DbOptions & { json?: boolean }) => {
      const id = parsePositiveInt(idText, 'the claim id');
      withApp(opts, (app) => {
        const claim = app.claims.get(id);
        if (!claim) throw new UserError('not_found', `there is no claim #${id}`);
        const related = app.claims.relations(id);
        if (opts.json) {
          writeJsonLine({
            ...claim,
            related: related.map((r) => ({
              claimId: r.claim.id,
              text: r.claim.text,
              relation: r.relation,
              reason: r.reason,
            })),
          });
          return;
        }
        process.stdout.write(formatClaimDetail(claim, related));
      });
    });
}

function withApp<T>(opts: DbOptions, fn: (app: ClaimsApp) => T): T {
  const dbPath = resolveDbPath(opts.db);
  const seedsDir = resolveSeedsDir(opts.seeds);
  if (!existsSync(dbPath)) process.stderr.write(`claimwatch: first use: building ${dbPath} from ${seedsDir}\n`);
  const app = openClaimsApp({
    dbPath,
    seedsDir,
    logger: createLogger(process.env.CLAIMWATCH_LOG_LEVEL || 'warn'),
    onBuildProgress: seedBuildProgress(),
  });
  try {
    return fn(app);
  } finally {
    app.close();
  }
}

function learnItem(app: ClaimsApp, item: CheckItem, source: string): ItemReport {
  const provenance = { source, published: item.published ?? null };
  return toItemReport(app.transact(() => judgeAndLearn(app.claims, item, provenance, app.judge)));
}

/** Evidence names the item's link; else where the text came from (`cli` for argument text), `#id` for JSONL. */
function sourceOf(item: CheckItem, origin: string, jsonl: boolean): string {
  if (item.link) return item.link;
  const base = origin === 'text' ? 'cli' : origin;
  return jsonl ? `${base}#${item.id}` : base;
}

function toCheckItem(value: unknown, lineNo: number): CheckItem | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.text !== 'string' || v.text.trim() === '') return '"text" must be a non-empty string';
  if (v.id !== undefined && typeof v.id !== 'string' && typeof v.id !== 'number')
    return '"id" must be a string or number';
  for (const key of ['title', 'link', 'published'] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string') return `"${key}" must be a string`;
  }
  const item: CheckItem = { id: (v.id as string | number | undefined) ?? lineNo, text: v.text };
  if (typeof v.title === 'string') item.title = v.title;
  if (typeof v.link === 'string') item.link = v.link;
  if (typeof v.published === 'string') item.published = v.published;
  return item;
}

function formatBuild(dbPath: string, r: BuildResult): string {
  const lines = [
    `Built ${dbPath}: ${r.claims} claims, ${r.evidence} pieces of evidence, ${r.conflicts.length} conflicts`,
  ];
  if (r.kept) {
    lines.push(
      `Kept ${r.kept.sentences} sentences learned from feeds and checks, judged again against the seeds: ` +
        `${r.kept.claims} claims, ${r.kept.evidence} pieces of evidence on other claims`,
    );
  }
  r.conflicts.forEach((c, i) => {
    lines.push('', `${i + 1}. ${c.reason}`, `   ${c.a.source}: "${c.a.quote}"`, `   ${c.b.source}: "${c.b.quote}"`);
  });
  return `${lines.join('\n')}\n`;
}

function formatItem(label: string, report: ItemReport): string {
  const rows = report.claims.map((c) => [
    c.verdict,
    c.sentence,
    c.matches.map((m) => `#${m.claimId}`).join(' '),
    c.reason,
  ]);
  const table = formatTable(
    [{ header: 'verdict' }, { header: 'sentence', max: 70 }, { header: 'matches', max: 16 }, { header: 'reason' }],
    rows,
  );
  return `${label}: ${report.verdict.toUpperCase()}\n${table}\n\n`;
}

function printClaims(claims: KnownClaim[], json?: boolean): void {
  if (json) {
    for (const c of claims) writeJsonLine(c);
    return;
  }
  if (claims.length === 0) {
    process.stdout.write('No claims found.\n');
    return;
  }
  const rows = claims.map((c) => [`#${c.id}`, c.text, String(c.evidence.length), sources(c)]);
  const table = formatTable(
    [{ header: 'id' }, { header: 'claim', max: 90 }, { header: 'evidence' }, { header: 'sources', max: 40 }],
    rows,
  );
  process.stdout.write(`${table}\n`);
}

function formatClaimDetail(claim: KnownClaim, related: ReturnType<ClaimsApp['claims']['relations']>): string {
  const lines = [`Claim #${claim.id}`, `  ${claim.text}`, '', `Frame: ${describeFrame(claim)}`, '', 'Evidence:'];
  for (const e of claim.evidence) {
    const meta = [e.published, e.speaker && `said by ${e.speaker}`].filter(Boolean).join(', ');
    lines.push(`  - ${e.source}${meta ? ` (${meta})` : ''}`, `    "${e.quote}"`);
  }
  lines.push('', related.length ? 'Related claims:' : 'Related claims: none');
  for (const r of related) lines.push(`  - ${r.relation} #${r.claim.id}: ${r.claim.text}`, `    why: ${r.reason}`);
  return `${lines.join('\n')}\n`;
}

function describeFrame(claim: KnownClaim): string {
  const f = claim.frame;
  const q = f.quantity ? `${f.quantity.text} [${f.quantity.min}, ${f.quantity.max}]` : null;
  const parts: Array<[string, string | null]> = [
    ['actor', f.actor],
    ['action', f.action],
    ['theme', f.theme],
    ['quantity', q],
    ['place', f.place.join(' < ') || null],
    ['time', f.time],
    ['said by', f.attribution],
    ['polarity', f.polarity],
    ['modality', f.modality],
  ];
  return parts
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function sources(claim: KnownClaim): string {
  return [...new Set(claim.evidence.map((e) => e.source))].join(', ');
}
