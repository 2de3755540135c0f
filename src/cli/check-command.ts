/**
 * `claimwatch check`: judge text (the arguments, a FILE, stdin, or JSON lines) or a web page (an http(s) URL) against
 * the known claims. A page goes through the same check as chat `/check url` (src/core/check.ts). Output for people by
 * default, one JSON line per input with --json.
 */
import type { Command } from 'commander';
import type { ClaimsApp } from '../app/claims-app.ts';
import { configuredReader } from '../app/runtime.ts';
import { loadConfig } from '../config.ts';
import { createCheck } from '../core/check.ts';
import { judgeDocument, toItemReport } from '../core/claims/index.ts';
import type { DocumentInput, ItemReport } from '../core/claims/types.ts';
import { UserError } from '../core/errors.ts';
import { judgeAndLearn } from '../core/learn.ts';
import { type DbOptions, withClaimsApp } from './claims-app-session.ts';
import { formatTable, pageUrlArg, parseJsonLines, readInput, writeJsonLine } from './common.ts';

interface CheckOptions extends DbOptions {
  json?: boolean;
  jsonl?: boolean;
  learn?: boolean;
}

interface CheckItem extends DocumentInput {
  id: string | number;
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('judge text or a web page against the known claims: known, contradicts, new or offtopic, with reasons')
    .argument(
      '[input...]',
      'an http(s) URL, a FILE, - for stdin, or the text itself (stdin when piped and nothing is given)',
    )
    .option('--db <file>', 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)')
    .option('--seeds <dir>', 'seed folder used if the database must be built first')
    .option('--jsonl', 'input is JSON lines: {"id", "text", "title"?, "link"?, "published"?}')
    .option('--json', 'print one JSON line per input: {id, verdict, claims} (a page adds url and title)')
    .option('--learn', 'store what was read: new claims, evidence, contradictions (check never writes without it)')
    .addHelpText(
      'after',
      '\nExamples:\n  claimwatch check "The ministry said 12,000 troops had crossed the border."\n  claimwatch check https://example.org/article',
    )
    .action(async (args: string[], opts: CheckOptions) => {
      const url = pageUrlArg(args);
      if (url !== null) return checkPage(url, opts);
      const input = await readInput(args);
      if (input.text.trim() === '') throw new UserError('bad_input', `nothing to check: ${input.origin} is empty`);
      const jsonl = opts.jsonl === true;
      const items: CheckItem[] = jsonl
        ? parseJsonLines(input.text, toCheckItem)
        : [{ id: input.origin, text: input.text }];
      const { llm } = loadConfig();
      await withClaimsApp(
        opts,
        async (app) => {
          for (const item of items) {
            await app.prepare?.(item);
            const report = opts.learn
              ? learnItem(app, item, sourceOf(item, input.origin, jsonl))
              : toItemReport(judgeDocument(item, app.claims, app.judge));
            if (opts.json) writeJsonLine({ id: item.id, verdict: report.verdict, claims: report.claims });
            else process.stdout.write(formatItem(jsonl ? `#${item.id}` : 'Verdict', report));
          }
        },
        { llm },
      );
    });
}

/**
 * Fetches the page through the guarded reader (CLAIMWATCH_ALLOW_HOSTS, CLAIMWATCH_MAX_BODY_BYTES) and judges its
 * article. A refused host, an answer that is no web page, a timeout or an HTTP error is a UserError saying so.
 */
async function checkPage(url: string, opts: CheckOptions): Promise<void> {
  if (opts.jsonl)
    throw new UserError('bad_input', '--jsonl reads JSON lines from a FILE or stdin, not from a web page');
  const config = loadConfig();
  const reader = configuredReader(config);
  try {
    await withClaimsApp(
      opts,
      async (app) => {
        let page: ItemReport & { title: string | null; url: string };
        if (opts.learn) {
          // the same fetch and extraction as the check; only the judging learns
          const article = await reader.readArticle(url);
          const item: CheckItem = { id: url, text: article.text, title: article.title ?? undefined, link: article.url };
          await app.prepare?.(item);
          page = { ...learnItem(app, item, article.url), title: article.title, url: article.url };
        } else {
          page = await createCheck({ claims: app.claims, reader, judge: app.judge, prepare: app.prepare }).url(url);
        }
        if (opts.json) {
          writeJsonLine({ id: url, url: page.url, title: page.title, verdict: page.verdict, claims: page.claims });
        } else {
          process.stdout.write(`Page: ${page.title ?? '(no title)'} <${page.url}>\n${formatItem('Verdict', page)}`);
        }
      },
      { llm: config.llm },
    );
  } finally {
    await reader.close();
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
