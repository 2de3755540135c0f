/**
 * The desk from the CLI, as a console user sees it: alerts printed by `run --once` carry a reference, `claimwatch
 * mark` records a mark on it (each command its own process, so every mark read back has survived a restart), and
 * `feedback list|export` show the marks, the export in the labelled-set format training reads.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelledSet } from '../../src/core/eval/labelled-set.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { childEnv, jsonLines, runCli, tempDir } from '../watch/cli-child.ts';
import { backCatalogue, FIRST_REPORTS } from '../watch/story-items.ts';
import { item, S0 } from './scenario.ts';

let server: FeedServer;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startFeedServer();
  tmp = tempDir('claimwatch-desk-cli-');
  env = { ...childEnv(join(tmp.dir, 'claimwatch.db')), CLAIMWATCH_ENGINE: 'rules' };
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});

describe('claimwatch mark and claimwatch feedback', () => {
  it('GIVEN console alerts WHEN a console user marks them THEN the marks are kept, listed and exported as labelled sentences', async () => {
    server.setFeed('/news.xml', { title: 'Loopback News', items: backCatalogue(server.origin) });
    expect((await runCli(['watch', 'add', server.url('/news.xml'), '--channel', 'console:desk'], env)).code).toBe(0);
    const fresh = FIRST_REPORTS[0] as string;
    server.addItems('/news.xml', item(server.origin, 'x-0', S0, 0), item(server.origin, 'x-1', fresh, 1));

    const shown = await runCli(['run', '--once'], env);
    expect(shown.stdout).toMatch(/mark: claimwatch mark [0-9a-f]{20} right/);
    const polled = await runCli(['feedback', 'list'], env);
    expect(polled.stdout).toContain('No marks yet.');

    const refs = [...shown.stdout.matchAll(/mark: claimwatch mark ([0-9a-f]{20})/g)].map((m) => m[1] as string);
    expect(refs).toHaveLength(2);
    const [contradiction, newClaim] =
      shown.stdout.indexOf(S0.slice(0, 40)) < shown.stdout.indexOf(fresh.slice(0, 40)) ? refs : [...refs].reverse();

    const wrong = await runCli(['mark', contradiction as string, 'wrong', 'known'], env);
    expect(wrong.code).toBe(0);
    expect(wrong.stdout).toContain(`Marked wrong → known: "${S0}"`);
    const twice = await runCli(['mark', contradiction as string, 'wrong', 'known'], env);
    expect(twice.stdout).toContain('Already recorded; nothing changed.');
    const right = await runCli(['mark', newClaim as string, 'right'], env);
    expect(right.stdout).toContain('Marked right');

    const bad = await runCli(['mark', contradiction as string, 'wrong', 'maybe'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be one of known, contradicts, new, offtopic');
    const lost = await runCli(['mark', '0123456789abcdef0123', 'right'], env);
    expect(lost.code).not.toBe(0);
    expect(lost.stderr).toContain('I have no record of the alert');

    const listed = await runCli(['feedback', 'list', '--json'], env);
    const marks = jsonLines<{ sentence: string; botVerdict: string; deskVerdict: string; user: string }>(listed.stdout);
    expect(marks.map((m) => [m.sentence, m.botVerdict, m.deskVerdict])).toEqual([
      [S0, 'contradicts', 'known'],
      [fresh, 'new', 'new'],
    ]);
    expect(marks[0]?.user).toMatch(/^cli:/);

    const exported = await runCli(['feedback', 'export'], env);
    expect(exported.code).toBe(0);
    const rows = parseLabelledSet(exported.stdout);
    expect(rows.map((r) => [r.sentence, r.label])).toEqual([
      [S0, 'known'],
      [fresh, 'new'],
    ]);
    expect(rows[0]?.seed?.file).toMatch(/^\d{3}_[0-9a-f]+\.txt$/);
    expect(rows[1]?.seed).toBeNull();

    const status = await runCli(['claims', 'status', '3', 'disputed', 'two', 'agencies', 'disagree'], env);
    expect(status.stdout).toContain('Claim #3 marked disputed (two agencies disagree)');
    const claim = await runCli(['claims', 'show', '3'], env);
    expect(claim.stdout).toMatch(/Desk: marked disputed by \S+ on \d{4}-\d{2}-\d{2}: two agencies disagree/);
  }, 120_000);
});
