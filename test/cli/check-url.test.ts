/**
 * `claimwatch check URL` as an operator runs it (child processes, database in a temp folder): the page is fetched from
 * a loopback site through the guarded reader and judged as chat `/check url` judges it; a refused host, a non-HTML
 * answer and a 404 each end in one line saying what went wrong and a non-zero exit.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { articlePage } from '../fakes/article-page.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';
import { ON_TOPIC } from '../watch/harness.ts';

interface CheckLine {
  id: string;
  url: string;
  title: string | null;
  verdict: string;
  claims: Array<{ sentence: string; verdict: string; reason: string }>;
}

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let dbPath: string;

const CAPTURED = ON_TOPIC[0] as string;
const HOWITZERS = ON_TOPIC[1] as string;

function evidenceFrom(source: string): number {
  const db = openDatabase(dbPath);
  try {
    return (db.prepare('SELECT count(*) AS n FROM evidence WHERE source = ?').get(source) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/story', {
    kind: 'body',
    body: articlePage('Soldiers captured in Kursk', [CAPTURED, HOWITZERS]),
    contentType: 'text/html; charset=utf-8',
  });
  server.route('/moved', { kind: 'redirect', location: '/story', status: 301 });
  server.route('/data.json', { kind: 'body', body: '{"troops": 12000}', contentType: 'application/json' });
  server.route('/gone', { kind: 'status', status: 404 });
  tmp = tempDir('claimwatch-check-url-');
  dbPath = join(tmp.dir, 'claimwatch.db');
  // the fetch is under test, not the judgement: the deterministic rules judge
  env = { ...childEnv(dbPath), CLAIMWATCH_ENGINE: 'rules' };
  const built = await runCli(['build'], env);
  expect(built.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe('claimwatch check URL', () => {
  it('GIVEN an article page on an allowed host WHEN checked THEN its title, address and the article’s sentences are judged, and nothing is stored', async () => {
    const r = await runCli(['check', server.url('/moved')], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Page: Soldiers captured in Kursk`);
    expect(r.stdout).toContain(`<${server.url('/story')}>`);
    expect(r.stdout).toMatch(/^Verdict: (NEW|CONTRADICTS)$/m);
    expect(r.stdout).toContain('Ukrainian forces captured two North Korean soldiers');
    expect(r.stdout).not.toMatch(/Subscribe|analytics/);
    expect(evidenceFrom(server.url('/story'))).toBe(0);
  }, 60_000);

  it('GIVEN --json WHEN a page is checked THEN one line {id, url, title, verdict, claims} holds the article sentences', async () => {
    const r = await runCli(['check', server.url('/story'), '--json'], env);
    expect(r.code).toBe(0);
    const [line, ...rest] = jsonLines<CheckLine>(r.stdout);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ id: server.url('/story'), url: server.url('/story') });
    expect(line?.title).toMatch(/Soldiers captured in Kursk/);
    const sentences = line?.claims.map((c) => c.sentence) ?? [];
    expect(sentences.some((s) => s.startsWith(CAPTURED))).toBe(true);
    expect(sentences.some((s) => s.startsWith(HOWITZERS))).toBe(true);
    expect(['new', 'contradicts']).toContain(line?.verdict);
    expect(line?.claims.find((c) => c.sentence.startsWith(CAPTURED))?.verdict).toBe('new');
  }, 60_000);

  it('GIVEN --learn WHEN a page is checked THEN its claims are stored with the page as their source', async () => {
    const r = await runCli(['check', server.url('/story'), '--learn', '--json'], env);
    expect(r.code).toBe(0);
    expect(evidenceFrom(server.url('/story'))).toBeGreaterThan(0);
  }, 60_000);

  it('GIVEN a loopback page and no CLAIMWATCH_ALLOW_HOSTS WHEN checked THEN it is refused, saying why, and nothing is fetched', async () => {
    const before = server.requestsTo('/story').length;
    const r = await runCli(['check', server.url('/story')], { ...env, CLAIMWATCH_ALLOW_HOSTS: '' });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'claimwatch: Refused: 127.0.0.1 is a loopback address. Private and internal addresses are refused; CLAIMWATCH_ALLOW_HOSTS can allow a trusted host.',
    );
    expect(server.requestsTo('/story').length).toBe(before);
  }, 60_000);

  it('GIVEN an answer that is not a web page, or a 404 WHEN checked THEN the error says so and the exit code is not 0', async () => {
    const json = await runCli(['check', server.url('/data.json')], env);
    expect(json.code).not.toBe(0);
    expect(json.stdout).toBe('');
    expect(json.stderr.trim()).toBe(
      `claimwatch: The page at ${server.origin.slice(7)} is application/json, not a web page.`,
    );
    const gone = await runCli(['check', server.url('/gone'), '--json'], env);
    expect(gone.code).not.toBe(0);
    expect(gone.stdout).toBe('');
    expect(gone.stderr.trim()).toBe(`claimwatch: ${server.origin.slice(7)} answered HTTP 404 Not Found.`);
  }, 60_000);

  it('GIVEN a URL with --jsonl WHEN checked THEN it is refused before any fetch', async () => {
    const before = server.requests.length;
    const r = await runCli(['check', server.url('/story'), '--jsonl'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--jsonl reads JSON lines from a FILE or stdin, not from a web page');
    expect(server.requests.length).toBe(before);
  }, 60_000);
});
