/**
 * `claimwatch demo` as a user runs it with no internet: a child process (under the loopback-only network guard) that
 * serves the bundled real articles, watches them with the real watcher over a throwaway database, prints the alerts
 * and exits 0, leaving nothing in its temp folder and never touching the user's database.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoArticles } from '../../src/demo/demo-articles.ts';
import { type CliResult, childEnv, collect, jsonLines, spawnCli, tempDir } from '../watch/cli-child.ts';

interface DemoArticle {
  id: string;
  title: string;
  link: string;
  published: string;
  source: string;
  content: string;
}

interface AlertLine {
  channel: string;
  verdict: string;
  item: { title: string; link: string; published: string | null };
  claims: Array<{ sentence: string; verdict: string }>;
}

const ARTICLES = (
  JSON.parse(readFileSync(new URL('../../src/demo/articles.json', import.meta.url), 'utf8')) as {
    articles: DemoArticle[];
  }
).articles;

let tmp: ReturnType<typeof tempDir>;
let demoTmp: string;
let userDb: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  tmp = tempDir('claimwatch-demo-test-');
  demoTmp = join(tmp.dir, 'tmp');
  userDb = join(tmp.dir, 'user', 'claimwatch.db');
  // Where the demo must NOT write: the user's database. Its temp folder goes under demoTmp (TMPDIR).
  env = childEnv(userDb, { TMPDIR: demoTmp });
  delete env.CLAIMWATCH_ALLOW_HOSTS; // the demo opens loopback itself, for its own run only
  delete env.CLAIMWATCH_LOG_LEVEL;
});
afterEach(() => tmp.remove());

/** What the demo left in its temp root (tsx keeps its own cache there too, which is not the demo's). */
function demoFoldersLeft(): string[] {
  return readdirSync(demoTmp).filter((name) => name.startsWith('claimwatch-demo-'));
}

async function demo(args: string[]): Promise<CliResult & { ms: number }> {
  mkdirSync(demoTmp, { recursive: true });
  const started = Date.now();
  const result = await collect(spawnCli(['demo', ...args], env));
  return { ...result, ms: Date.now() - started };
}

// Each run is a child process that builds a database: give it the minute the demo promises, not vitest's default.
describe('claimwatch demo', { timeout: 60_000 }, () => {
  it('GIVEN no internet WHEN `demo --json` runs THEN it prints alerts that name a real article and its source, reads the article pages, exits 0 within a minute and leaves nothing behind', async () => {
    const run = await demo(['--json', '--limit', '3']);
    expect(run.stderr).toContain('Judged 3 new articles');
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(60_000);

    const alerts = jsonLines<AlertLine>(run.stdout);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    const oldest = [...ARTICLES].sort((a, b) => a.published.localeCompare(b.published)).slice(0, 3);
    for (const a of alerts) {
      expect(a.channel).toBe('console:demo');
      expect(['new', 'contradicts']).toContain(a.verdict);
      const article = oldest.find((x) => a.item.title === `${x.title} — ${x.source}`);
      expect(article, `alert title "${a.item.title}" names one of the served articles and its source`).toBeDefined();
      expect(a.item.published?.slice(0, 10)).toBe(article?.published);
      // every judged sentence is the article's own text
      for (const c of a.claims) expect(article?.content.replace(/\s+/g, ' ')).toContain(c.sentence.slice(0, 40));
    }
    // the feed carries only each article's first paragraph: sentences beyond it came from the article page
    const fromPages = alerts.flatMap((a) => {
      const article = oldest.find((x) => a.item.title.startsWith(x.title)) as DemoArticle;
      const teaser = article.content.split(/\n+/)[0] as string;
      return a.claims.filter((c) => !teaser.includes(c.sentence.slice(0, 40)));
    });
    expect(fromPages.length).toBeGreaterThan(0);

    expect(demoFoldersLeft()).toEqual([]);
    expect(existsSync(userDb)).toBe(false);
  });

  it('GIVEN no options WHEN `demo` runs THEN it shows progress and each alert as the console channel renders it', async () => {
    const run = await demo([]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toMatch(/^Building a throwaway known-claims database from .*seeds in .*claimwatch-demo-/m);
    expect(out).toContain(`in ${join(demoTmp, 'claimwatch-demo-')}`);
    expect(out).toMatch(/^ {2}\d+ known claims, \d+ pieces of evidence, \d+ conflicts$/m);
    expect(out).toMatch(
      /^Serving 5 real articles \(2024-10-18 to 2024-10-25\) at http:\/\/127\.0\.0\.1:\d+\/feed\.xml/m,
    );
    expect(out).toMatch(/^Polling the feed/m);
    expect(out).toMatch(/^Judged 5 new articles; [1-5] alerts posted to console:demo in [\d.]+ s\./m);
    // the console channel's rendering: "[channel] VERDICT title — source", then the link line and the claims
    expect(out).toMatch(/^\[console:demo\] (NEW|CONTRADICTS) .+ — The Spokesman-Review \(syndicated wire copy\)$/m);
    expect(out).toMatch(/^ {2}- (new|contradicts): /m);
    // issue 11: the demo shows both kinds of alert, each claim with its reason on the line below
    expect(out).toMatch(/^\[console:demo\] NEW /m);
    expect(out).toMatch(/^\[console:demo\] CONTRADICTS /m);
    expect(out).toMatch(/^ {2}- contradicts: .+\n {6}\S.+/m);
    // progress comes in order around the alerts
    expect(out.indexOf('Polling the feed')).toBeLessThan(out.indexOf('[console:demo]'));
    expect(out.lastIndexOf('[console:demo]')).toBeLessThan(out.indexOf('Judged 5 new articles'));
    expect(demoFoldersLeft()).toEqual([]);
  });

  it('GIVEN a --limit beyond the bundled articles WHEN `demo` runs THEN one clear line, exit 2, nothing created', async () => {
    const run = await demo(['--limit', '99']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `claimwatch: --limit must be between 1 and ${ARTICLES.length} (the bundled articles), not 99`,
    );
    expect(run.stdout).toBe('');
    expect(demoFoldersLeft()).toEqual([]);
  });

  it('GIVEN a seeds folder that does not exist WHEN `demo` runs THEN the error names it, exit 2, the temp folder is gone', async () => {
    const run = await demo(['--seeds', join(tmp.dir, 'no-seeds')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `claimwatch: cannot read the seeds folder ${join(tmp.dir, 'no-seeds')}: no such file or folder`,
    );
    expect(run.stdout).not.toContain('[console:demo]');
    expect(demoFoldersLeft()).toEqual([]);
  });
});

describe('the bundled demo articles', () => {
  it('GIVEN src/demo/articles.json THEN every article loads, oldest first, with its title, real link, date and source', () => {
    const loaded = loadDemoArticles();
    expect(loaded.length).toBe(ARTICLES.length);
    expect(loaded.map((a) => a.published)).toEqual([...loaded.map((a) => a.published)].sort());
    for (const a of loaded) {
      expect(a.link).toMatch(/^https:\/\/[^/]*[a-z]\.[a-z]+\//);
      expect(a.source.trim()).not.toBe('');
    }
  });

  it('GIVEN a damaged articles file WHEN loaded THEN the error names the file and what is wrong', () => {
    const bad = join(tmp.dir, 'articles.json');
    writeFileSync(bad, JSON.stringify({ about: 'x', articles: [{ id: 'd01', title: 'T', link: 'not a url' }] }));
    expect(() => loadDemoArticles(bad)).toThrow(/demo articles file .*articles\.json is damaged: .*link/s);
  });
});
