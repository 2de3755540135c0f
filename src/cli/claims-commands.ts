/**
 * `claimwatch build`, `claimwatch check` (src/cli/check-command.ts) and `claimwatch claims list|search|show`: the
 * known-claims database from the command line. Output for people by default, JSON (one object a line) with --json.
 */
import type { Command } from 'commander';
import { buildDatabase, type ClaimsApp } from '../app/claims-app.ts';
import type { BuildResult } from '../core/build.ts';
import type { KnownClaim } from '../core/claims/types.ts';
import { UserError } from '../core/errors.ts';
import { seedBuildProgress } from '../progress-line.ts';
import { registerCheckCommand } from './check-command.ts';
import { type DbOptions, withClaimsApp } from './claims-app-session.ts';
import { formatTable, parsePositiveInt, resolveDbPath, resolveSeedsDir, writeJsonLine } from './common.ts';
import { deskStatusLine, registerDeskCommands } from './desk-commands.ts';

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

  registerCheckCommand(program);

  const claims = program.command('claims').description('browse the known claims');
  claims
    .command('list')
    .description('list known claims, newest first')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--limit <n>', 'how many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print one JSON line per claim')
    .action(async (opts: DbOptions & { limit: string; offset: string; json?: boolean }) => {
      const limit = parsePositiveInt(opts.limit, '--limit');
      const offset = opts.offset === '0' ? 0 : parsePositiveInt(opts.offset, '--offset');
      await withClaimsApp(opts, (app) => printClaims(app.claims.list({ limit, offset }), opts.json));
    });
  claims
    .command('search')
    .description('full-text search over claims and the sentences that support them')
    .argument('<query...>', 'words to look for')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print one JSON line per claim')
    .action(async (words: string[], opts: DbOptions & { limit: string; json?: boolean }) => {
      const query = words.join(' ');
      if (!/[\p{L}\p{N}]/u.test(query)) throw new UserError('bad_input', 'the search query has no words in it');
      const limit = parsePositiveInt(opts.limit, '--limit');
      await withClaimsApp(opts, (app) => printClaims(app.claims.search(query, limit), opts.json));
    });
  claims
    .command('show')
    .description('one claim: its text, evidence with sources and dates, and related claims')
    .argument('<id>', 'claim id')
    .option('--db <file>', 'database file')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--json', 'print one JSON object')
    .action(async (idText: string, opts: DbOptions & { json?: boolean }) => {
      const id = parsePositiveInt(idText, 'the claim id');
      await withClaimsApp(opts, (app) => {
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
        process.stdout.write(formatClaimDetail(claim, related) + deskStatusLine(app, claim.text));
      });
    });
  registerDeskCommands(program, claims);
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
