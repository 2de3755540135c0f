/**
 * Two processes delivering one outbox (a `watch poll` beside the running service): a row one of them claimed is left
 * to it while it lives and taken over once it has died, so an alert is neither sent twice nor lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSink, OutboundMessage } from '../../src/core/alerts.ts';
import { createDispatcher } from '../../src/core/dispatch/dispatcher.ts';
import { silentLogger } from '../../src/logger.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { createSqliteOutboxStore } from '../../src/store/outbox-store.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';

let db: Database;
afterEach(() => db?.close());

const NOW = Date.UTC(2024, 10, 1);
const clock = { now: () => NOW };

function notice(n: number, channel = 'console:news'): OutboundMessage {
  return { kind: 'notice', key: `claims:${n}`, channel, text: `notice ${n}` };
}

function setup(alive: Set<number>) {
  db = openDatabase(':memory:');
  const isAlive = (pid: number) => alive.has(pid);
  const a = createSqliteOutboxStore(db, { owner: 1001, isAlive });
  const b = createSqliteOutboxStore(db, { owner: 1002, isAlive });
  const rows = [1, 2, 3].map((n) => notice(n));
  a.enqueue(
    rows.map((m) => ({ key: m.key, channel: m.channel, feedId: null, message: m })),
    NOW,
  );
  return { a, b };
}

describe('outbox claims', () => {
  it('GIVEN a row claimed by a live process WHEN another looks THEN it is not due for it and cannot be claimed; once the first has died it is', () => {
    const alive = new Set([1001, 1002]);
    const { a, b } = setup(alive);
    const [first] = a.due(NOW, 10);
    expect(a.claim(first?.id as number)).toBe(true);
    expect(a.claim(first?.id as number)).toBe(true); // its own claim again
    expect(b.due(NOW, 10).map((r) => r.key)).toEqual(['claims:2', 'claims:3']);
    expect(b.claim(first?.id as number)).toBe(false);

    alive.delete(1001); // killed mid-send
    expect(b.due(NOW, 10).map((r) => r.key)).toEqual(['claims:1', 'claims:2', 'claims:3']);
    expect(b.claim(first?.id as number)).toBe(true);
    b.markSent(first?.id as number, NOW);
    expect(a.counts()).toEqual({ pending: 2, sent: 1, dead: 0 });
  });

  it('GIVEN two dispatchers on one outbox WHEN both deliver at once through slow sinks THEN every row is sent exactly once', async () => {
    const { a, b } = setup(new Set([1001, 1002]));
    const sent: string[] = [];
    const slowSink = (): ChatSink => ({
      platform: 'console',
      async deliver(message) {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(message.key);
        return { ok: true };
      },
    });
    const watch = createSqliteWatchStore(db);
    const dispatcher = (outbox: typeof a) =>
      createDispatcher({ outbox, watch, sinks: () => [slowSink()], clock, log: silentLogger() });
    await Promise.all([dispatcher(a).drain(), dispatcher(b).drain()]);
    expect(sent.sort()).toEqual(['claims:1', 'claims:2', 'claims:3']);
    expect(a.counts()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });
});
