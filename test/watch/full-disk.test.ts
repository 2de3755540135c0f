/**
 * Issue 9, class 4: when the database refuses writes (a full disk), a feed is not fetched again and again, an alert
 * already sent is not sent twice, and the user is told the disk is full.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { databaseErrorMessage, openFailureMessage } from '../../src/store/db-errors.ts';
import { createHarness, feedOk, item, MINUTE, ON_TOPIC } from './harness.ts';

const URL_A = 'https://news.example/a.xml';
let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

/** Every write to `table` fails, as on a full disk, until the returned function is called. */
function refuseWrites(table: string): () => void {
  for (const op of ['INSERT', 'UPDATE']) {
    h.db.exec(
      `CREATE TEMP TRIGGER full_${table}_${op} BEFORE ${op} ON main.${table} BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;`,
    );
  }
  return () => {
    for (const op of ['INSERT', 'UPDATE']) h.db.exec(`DROP TRIGGER temp.full_${table}_${op}`);
  };
}

describe('a database that refuses writes (issue 9, class 4)', () => {
  it('GIVEN a feed failing while its failure cannot be recorded WHEN the poller runs again and again THEN the feed is fetched once per backoff, not in a hot loop', async () => {
    h = createHarness();
    h.script.answer(URL_A, feedOk([item(1, 'x')]));
    await h.services.watch.add({ url: URL_A, channel: 'console:news' });
    h.script.answer(URL_A, new Error('HTTP 500'));
    const free = refuseWrites('feeds');
    h.clock.advance(11 * MINUTE);
    const before = h.script.requests.length;
    for (let i = 0; i < 20; i++) {
      await h.poller.pollDue();
      h.clock.advance(1_000);
    }
    expect(h.script.requests.length - before).toBe(1);
    // the loop is told to wake when the wait ends, not at once
    expect(h.poller.nextDueAt()).toBeGreaterThan(h.clock.now() + MINUTE);
    free();
    h.clock.advance(30 * MINUTE);
    await h.poller.pollDue();
    expect(h.script.requests.length - before).toBe(2);
    expect(h.watch.listFeeds()[0]?.failures).toBe(1);
  });

  it('GIVEN an alert sent whose sent mark cannot be written WHEN delivery runs again THEN it is not sent a second time, and is marked sent once the database takes writes', async () => {
    h = createHarness();
    h.script.answer(URL_A, feedOk([item(1, 'x')]));
    await h.services.watch.add({ url: URL_A, channel: 'console:news' });
    h.script.answer(URL_A, feedOk([item(2, ON_TOPIC[1] as string)]));
    h.clock.advance(11 * MINUTE);
    await h.poller.pollDue();
    const free = refuseWrites('outbox');
    await h.dispatcher.dispatchDue();
    expect(h.console.attempts).toHaveLength(1);
    for (let i = 0; i < 5; i++) {
      h.clock.advance(10 * MINUTE);
      await h.dispatcher.dispatchDue();
    }
    expect(h.console.attempts).toHaveLength(1);
    free();
    h.clock.advance(30 * MINUTE);
    await h.dispatcher.dispatchDue();
    expect(h.console.attempts).toHaveLength(1);
    expect(h.outbox.counts()).toMatchObject({ pending: 0, sent: 1 });
  });

  it('GIVEN SQLite reporting a full disk WHEN the error is shown THEN it says the disk is full, where, and what to do', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    for (const message of [
      openFailureMessage('/data/cw/claimwatch.db', full),
      databaseErrorMessage('/data/cw/claimwatch.db', full),
    ]) {
      expect(message).toMatch(
        /^the disk holding \/data\/cw is full, so the database \/data\/cw\/claimwatch\.db cannot be written/,
      );
      expect(message).toMatch(/free some space, or set CLAIMWATCH_DB/);
    }
  });
});
