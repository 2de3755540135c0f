/**
 * A loopback stand-in for Slack's Web API (node:http), enough for the real @slack/bolt App and WebClient:
 * auth.test, users.info, conversations.info, chat.postMessage (validated against Block Kit limits and recorded),
 * conversations.history (the recorded messages, newest first, metadata only with include_all_metadata),
 * apps.connections.open (→ the Socket Mode fake's ws:// URL) and response_url posts (recorded).
 * Failures are queued per method: `failNext('chat.postMessage', { status: 429, retryAfter: 2 })`; network faults
 * (`drop`, `hang`) too.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

export interface FakeChannel {
  name: string;
  is_member: boolean;
  is_archived?: boolean;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  /** chat.postMessage `metadata` as sent (event_type, event_payload). */
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as the bot sent it
  blocks: any[];
}

export interface Failure {
  /** Only for this channel (chat.postMessage, conversations.info). */
  channel?: string;
  /** HTTP status; 429 sends Retry-After. */
  status?: number;
  retryAfter?: number;
  /** Slack error code in `{ ok: false, error }` (HTTP 200, as Slack does). */
  error?: string;
  /**
   * A network fault: `request` resets the connection before Slack does anything; `response` does the work (a message
   * is posted) and then resets the connection, so the caller never learns it succeeded.
   */
  drop?: 'request' | 'response';
  /** Never answer (the caller's timeout decides); nothing is done. */
  hang?: boolean;
}

export interface SlackWebApiFake {
  /** `http://127.0.0.1:PORT/api/` — what SLACK_API_URL is set to. */
  apiUrl: string;
  baseUrl: string;
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  calls: Array<{ method: string; body: Record<string, unknown> }>;
  messages: PostedMessage[];
  /** chat.update calls that changed a message, in order (the message in `messages` is changed too). */
  updates: Array<Pick<PostedMessage, 'channel' | 'ts' | 'text' | 'blocks'>>;
  /** Bodies posted to response URLs, in order. */
  responses: Array<{ path: string; body: Record<string, unknown> }>;
  /** Set by the Socket Mode fake. */
  socketUrl: string | null;
  failNext(method: string, failure: Failure): void;
  /** Forgets failures queued and not yet used. */
  clearFailures(): void;
  responseUrl(): string;
  /** Resolves once `check()` returns something, re-checked whenever the fake records a call. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const FAKE_TEAM = { id: 'T0TEST', name: 'Test newsroom' };
export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT', name: 'claimwatch' };

export async function startSlackWebApi(opts: { botToken: string; appToken?: string }): Promise<SlackWebApiFake> {
  const events = new EventEmitter();
  const failures = new Map<string, Failure[]>();
  let responseCount = 0;

  const fake: SlackWebApiFake = {
    apiUrl: '',
    baseUrl: '',
    users: new Map(),
    channels: new Map(),
    calls: [],
    messages: [],
    updates: [],
    responses: [],
    socketUrl: null,
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    clearFailures() {
      failures.clear();
    },
    responseUrl() {
      responseCount += 1;
      return `${fake.baseUrl}/respond/${responseCount}`;
    },
    waitFor(check, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const attempt = () => {
          const value = check();
          if (value !== undefined && value !== false) {
            cleanup();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('change', attempt);
        };
        events.on('change', attempt);
        attempt();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function takeFailure(method: string, channel: unknown): Failure | undefined {
    const queue = failures.get(method) ?? [];
    const i = queue.findIndex((f) => f.channel === undefined || f.channel === channel);
    if (i < 0) return undefined;
    const [failure] = queue.splice(i, 1);
    return failure;
  }

  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', fake.baseUrl);
    let dropResponse = false;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (dropResponse) {
        req.socket.destroy();
        events.emit('change');
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
      events.emit('change');
    };
    if (url.pathname.startsWith('/respond/')) {
      fake.responses.push({ path: url.pathname, body: JSON.parse(raw || '{}') });
      send(200, { ok: true });
      return;
    }
    if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
    const method = url.pathname.slice('/api/'.length);
    const body = parseBody(raw, req.headers['content-type']);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(body.token ?? '');
    fake.calls.push({ method, body });

    const failure = takeFailure(method, body.channel);
    if (failure?.hang) {
      events.emit('change');
      return;
    }
    if (failure?.drop === 'request') {
      req.socket.destroy();
      events.emit('change');
      return;
    }
    dropResponse = failure?.drop === 'response';
    if (failure?.status === 429) {
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) });
    }
    if (failure?.status) return send(failure.status, { ok: false, error: 'http_error' });
    if (failure?.error) return send(200, { ok: false, error: failure.error });

    if (method === 'apps.connections.open') {
      if (!opts.appToken || token !== opts.appToken) return send(200, { ok: false, error: 'invalid_auth' });
      return send(200, { ok: true, url: fake.socketUrl });
    }
    if (token !== opts.botToken) return send(200, { ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'auth.test':
        return send(200, {
          ok: true,
          url: 'https://test.slack.invalid/',
          team: FAKE_TEAM.name,
          team_id: FAKE_TEAM.id,
          user: FAKE_BOT.name,
          user_id: FAKE_BOT.userId,
          bot_id: FAKE_BOT.botId,
        });
      case 'users.info': {
        const user = fake.users.get(String(body.user));
        if (!user) return send(200, { ok: false, error: 'user_not_found' });
        return send(200, { ok: true, user: { id: body.user, name: user.name ?? String(body.user), ...user } });
      }
      case 'conversations.info': {
        const ch = fake.channels.get(String(body.channel));
        if (!ch) return send(200, { ok: false, error: 'channel_not_found' });
        return send(200, { ok: true, channel: { id: body.channel, is_channel: true, ...ch } });
      }
      case 'chat.postMessage': {
        const channel = String(body.channel);
        const ch = fake.channels.get(channel);
        if (!ch) return send(200, { ok: false, error: 'channel_not_found' });
        if (ch.is_archived) return send(200, { ok: false, error: 'is_archived' });
        if (!ch.is_member) return send(200, { ok: false, error: 'not_in_channel' });
        const blocks = (typeof body.blocks === 'string' ? JSON.parse(body.blocks) : (body.blocks ?? [])) as unknown[];
        const invalid = blockProblem(blocks);
        if (invalid) return send(200, { ok: false, error: 'invalid_blocks', errors: [invalid] });
        if (!body.text && blocks.length === 0) return send(200, { ok: false, error: 'no_text' });
        const ts = `${Math.floor(Date.now() / 1000)}.${String(fake.messages.length + 1).padStart(6, '0')}`;
        const metadata = typeof body.metadata === 'string' ? JSON.parse(body.metadata) : body.metadata;
        fake.messages.push({ channel, ts, text: body.text as string | undefined, metadata, blocks });
        return send(200, { ok: true, channel, ts, message: { text: body.text } });
      }
      case 'chat.update': {
        const channel = String(body.channel);
        const found = fake.messages.find((m) => m.channel === channel && m.ts === String(body.ts));
        if (!found) return send(200, { ok: false, error: 'message_not_found' });
        const blocks = (typeof body.blocks === 'string' ? JSON.parse(body.blocks) : (body.blocks ?? [])) as unknown[];
        const invalid = blockProblem(blocks);
        if (invalid) return send(200, { ok: false, error: 'invalid_blocks', errors: [invalid] });
        found.blocks = blocks;
        found.text = body.text as string | undefined;
        fake.updates.push({ channel, ts: found.ts, text: found.text, blocks });
        return send(200, { ok: true, channel, ts: found.ts, text: found.text });
      }
      case 'conversations.history': {
        const channel = String(body.channel);
        if (!fake.channels.get(channel)) return send(200, { ok: false, error: 'channel_not_found' });
        const withMetadata = String(body.include_all_metadata) === 'true';
        const limit = Number(body.limit ?? 100);
        const messages = fake.messages
          .filter((m) => m.channel === channel)
          .reverse()
          .slice(0, limit)
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return send(200, { ok: true, messages, has_more: false });
      }
      default:
        return send(200, { ok: false, error: 'unknown_method' });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.apiUrl = `${fake.baseUrl}/api/`;
  return fake;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Slack's published Block Kit limits: what the real API rejects as invalid_blocks. */
// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
export function blockProblem(blocks: any[]): string | null {
  if (blocks.length > 50) return `too many blocks (${blocks.length} > 50)`;
  for (const [i, b] of blocks.entries()) {
    if (b.type === 'header' && (b.text?.text ?? '').length > 150) return `blocks[${i}] header over 150`;
    if (b.type === 'section') {
      const t = b.text?.text ?? '';
      if (t.length === 0 || t.length > 3000) return `blocks[${i}] section text length ${t.length}`;
    }
    if (b.type === 'context') {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
        return `blocks[${i}] context elements`;
      }
      // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
      if (b.elements.some((e: any) => (e.text ?? '').length > 3000)) return `blocks[${i}] context text over 3000`;
    }
    if (b.type === 'actions') {
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) {
        return `blocks[${i}] actions elements`;
      }
      for (const e of b.elements) {
        if (typeof e.action_id !== 'string' || e.action_id.length > 255) return `blocks[${i}] action_id`;
        if (e.type === 'button' && (e.text?.text ?? '').length > 75) return `blocks[${i}] button text over 75`;
        if (e.type === 'static_select') {
          const options = e.options ?? [];
          if (options.length === 0 || options.length > 100) return `blocks[${i}] select options`;
          // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
          if (options.some((o: any) => (o.text?.text ?? '').length > 75 || (o.value ?? '').length > 150)) {
            return `blocks[${i}] select option over its limit`;
          }
        }
      }
    }
  }
  return null;
}
