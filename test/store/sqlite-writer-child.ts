/**
 * A second process writing to the same SQLite file, the way the running service and a CLI command share it.
 *   hold FILE START_AT MS   — at START_AT (epoch ms) take the write lock, write, hold it MS, commit (a poll in flight)
 *   watch-add FILE START_AT N — at START_AT, record feed N and its subscription the way `watch add` does, through the
 *                               store adapters and the CLI's error reporting; prints `added N` or the CLI's error line
 */
import { reportCliError } from '../../src/cli/report-error.ts';
import { createTransact, openDatabase } from '../../src/store/db.ts';
import { createSqliteWatchStore } from '../../src/store/watch-store.ts';

const [mode, file, startAt, arg] = process.argv.slice(2);

function sleepUntil(epochMs: number): void {
  const ms = epochMs - Date.now();
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

try {
  const db = openDatabase(String(file));
  const watch = createSqliteWatchStore(db);
  const transact = createTransact(db);
  sleepUntil(Number(startAt));
  if (mode === 'hold') {
    db.transaction(() => {
      watch.insertFeed(newFeed('https://holder.example/feed.xml'));
      process.stdout.write('holding\n');
      sleepUntil(Date.now() + Number(arg));
    }).immediate();
  } else {
    const url = `https://feeds.example/${arg}.xml`;
    transact(() => {
      const existing = watch.findFeedByUrl(url);
      const feed = existing ?? watch.insertFeed(newFeed(url));
      watch.upsertSubscription({ feedId: feed.id, channel: 'console:alerts', scope: null, level: 'new' });
      watch.markSeen(feed.id, ['a', 'b', 'c'], Date.now());
    });
    process.stdout.write(`added ${arg}\n`);
  }
  db.close();
} catch (err) {
  process.exitCode = reportCliError(err);
}

function newFeed(url: string) {
  return {
    url,
    title: null,
    fullText: false,
    intervalMs: null,
    etag: null,
    lastModified: null,
    lastPollAt: Date.now(),
    lastResult: 'added',
    nextPollAt: Date.now() + 600_000,
  };
}
