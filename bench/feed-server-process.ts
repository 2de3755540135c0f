/**
 * The loopback fake feed server in its own process, so the feeds bench measures the watcher's memory and CPU alone.
 * Speaks JSON lines: stdin `{id, op: 'setFeeds', feeds: [{path, feed}]}` or `{id, op: 'addItems', path, items}`;
 * stdout first `{origin}`, then `{id}` once each request is applied. Ends when stdin closes.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { FakeFeed, FakeItem } from '../test/fakes/feed-server.ts';

type Request =
  | { op: 'setFeeds'; feeds: Array<{ path: string; feed: FakeFeed }> }
  | { op: 'addItems'; path: string; items: FakeItem[] };

export interface RemoteFeedServer {
  origin: string;
  url(path: string): string;
  setFeeds(feeds: Array<{ path: string; feed: FakeFeed }>): Promise<void>;
  addItems(path: string, ...items: FakeItem[]): Promise<void>;
  close(): Promise<void>;
}

export async function startRemoteFeedServer(): Promise<RemoteFeedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<number, () => void>();
  let origin: (value: string) => void = () => {};
  const ready = new Promise<string>((resolve) => {
    origin = resolve;
  });
  lines.on('line', (line) => {
    const msg = JSON.parse(line) as { origin?: string; id?: number };
    if (msg.origin) origin(msg.origin);
    else if (msg.id !== undefined) waiting.get(msg.id)?.();
  });
  let next = 0;
  const call = (req: Request) =>
    new Promise<void>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ id, ...req })}\n`);
    });
  const base = await ready;
  return {
    origin: base,
    url: (path) => `${base}${path}`,
    setFeeds: (feeds) => call({ op: 'setFeeds', feeds }),
    addItems: (path, ...items) => call({ op: 'addItems', path, items }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

async function serve(): Promise<void> {
  const { startFeedServer } = await import('../test/fakes/feed-server.ts');
  const server = await startFeedServer();
  process.stdout.write(`${JSON.stringify({ origin: server.origin })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const req = JSON.parse(line) as Request & { id: number };
    if (req.op === 'setFeeds') for (const f of req.feeds) server.setFeed(f.path, f.feed);
    else server.addItems(req.path, ...req.items);
    process.stdout.write(`${JSON.stringify({ id: req.id })}\n`);
  }
  await server.close();
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await serve();
