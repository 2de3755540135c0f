/**
 * A loopback stand-in for Discord (REST API v10 + gateway) that the real discord.js client talks to. It records
 * every REST request, answers the gateway handshake (HELLO, heartbeat ACK, READY, GUILD_CREATE), dispatches slash
 * command interactions with real member permissions, and can inject faults: queued statuses (429 with retry_after,
 * 5xx) per route and channels that answer 403 Missing Access or 404 Unknown Channel. Plain JSON frames only.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  channelPayload,
  type FakeGuild,
  guildPayload,
  MANAGER_PERMISSIONS,
  memberPayload,
  userPayload,
} from './payloads.ts';
import { answerRest, type RestState } from './rest-routes.ts';

export { type FakeChannel, type FakeGuild, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS } from './payloads.ts';

/** JSON as it came over the wire; tests assert on its shape. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON, narrowed by the assertions that read it
export type Wire = any;

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, percent-decoded: `/webhooks/APP/TOKEN/messages/@original`. */
  route: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Wire;
  /** Status the fake answered with. */
  status: number;
  /** What the fake answered with, where a test needs it (a posted message, with its id). */
  response?: Wire;
}

export interface FakeResponse {
  status: number;
  /** For 429: seconds, sent as Retry-After and as retry_after in the body. */
  retryAfter?: number;
  body?: unknown;
}

export interface CommandInput {
  name: string;
  subcommand?: string;
  /** string → STRING, number → INTEGER, boolean → BOOLEAN, { channel: id } → CHANNEL. */
  options?: Record<string, string | number | boolean | { channel: string }>;
  channelId?: string;
  guildId?: string;
  user?: { id: string; name?: string; permissions: bigint };
}

export interface InteractionAnswer {
  /** Whether the bot deferred first (callback type 5). */
  deferred: boolean;
  ephemeral: boolean;
  embeds: Wire[];
  content: string;
  /** Every request the bot made for this interaction, in order. */
  requests: RecordedRequest[];
}

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  botId?: string;
  guilds?: FakeGuild[];
}

const API_PREFIX = '/api/v10';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class FakeDiscord implements RestState {
  readonly token: string;
  readonly appId: string;
  readonly botUser: ReturnType<typeof userPayload>;
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads received on the gateway (intents, token). */
  readonly identifies: Wire[] = [];
  /** RESUME payloads received (after a reconnect). */
  readonly resumes: Wire[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  readonly queued = new Map<string, FakeResponse[]>();
  readonly channelFailures = new Map<string, 403 | 404>();
  private readonly waiters: Array<{ pred: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> =
    [];
  private seq = 0;
  private nextId = 900_000_000_000_000_000n;
  port = 0;
  /** Set by attachControl (control.ts): answers `/_fake/...` requests, which are not recorded. */
  onControl: ((req: IncomingMessage, res: ServerResponse, route: string) => Promise<void>) | null = null;

  constructor(opts: FakeDiscordOptions = {}) {
    this.token = opts.token ?? 'fake-bot-token';
    this.appId = opts.appId ?? '100000000000000001';
    this.botUser = userPayload(opts.botId ?? '100000000000000001', 'claimwatch', true);
    this.guilds = opts.guilds ?? [];
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws));
    });
  }

  /** Snowflake-shaped ids for interactions and saved commands. */
  newId(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  /** The REST base to hand discord.js (`DISCORD_API_BASE`). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests to `METHOD /route` (route after /api/v10, no query) get these answers, in order. */
  queue(methodRoute: string, responses: FakeResponse[]): void {
    this.queued.set(methodRoute, [...(this.queued.get(methodRoute) ?? []), ...responses]);
  }

  /** Makes sends to a channel fail like Discord does when the bot lost access (403) or the channel is gone (404). */
  failChannel(channelId: string, status: 403 | 404 | null): void {
    if (status === null) this.channelFailures.delete(channelId);
    else this.channelFailures.set(channelId, status);
  }

  /** Resolves with the first request (already received or future) matching `pred`. */
  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const found = this.requests.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { pred, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          reject(new Error(`fake discord: no matching request within ${timeoutMs} ms`));
        }
      }, timeoutMs).unref();
    });
  }

  /** Messages the bot posted to a channel (bodies of successful POST /channels/:id/messages). */
  channelMessages(channelId: string): Wire[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && r.status === 200)
      .map((r) => r.body);
  }

  /** Asks every connected client to reconnect (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const ws of this.sockets) this.sendFrame(ws, { op: 7, s: null, t: null, d: null });
  }

  /** Drops every gateway connection without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
  }

  /** Sends a gateway dispatch to every identified connection. */
  dispatch(t: string, d: unknown): void {
    for (const ws of this.sockets) this.sendFrame(ws, { op: 0, t, s: ++this.seq, d });
  }

  /** Dispatches a slash command (INTERACTION_CREATE, type 2) and returns its id and token. */
  command(input: CommandInput): { id: string; token: string } {
    const guild = this.guilds.find((g) => g.id === (input.guildId ?? this.guilds[0]?.id));
    if (!guild) throw new Error('fake discord: no guild for the command');
    const channel = guild.channels.find((c) => c.id === (input.channelId ?? guild.channels[0]?.id));
    if (!channel) throw new Error('fake discord: no channel for the command');
    const user = input.user ?? { id: '300000000000000001', name: 'manager', permissions: MANAGER_PERMISSIONS };
    const resolvedChannels: Record<string, unknown> = {};
    const options = Object.entries(input.options ?? {}).map(([name, v]) => {
      if (typeof v === 'object') {
        const c = guild.channels.find((x) => x.id === v.channel) ?? { id: v.channel, name: 'unknown' };
        resolvedChannels[v.channel] = { ...channelPayload(guild.id, c), permissions: String(MANAGER_PERMISSIONS) };
        return { name, type: 7, value: v.channel };
      }
      return { name, type: typeof v === 'string' ? 3 : typeof v === 'number' ? 4 : 5, value: v };
    });
    const data = {
      id: this.newId(),
      name: input.name,
      type: 1,
      guild_id: guild.id,
      options: input.subcommand ? [{ name: input.subcommand, type: 1, options }] : options,
      ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
    };
    return this.dispatchInteraction(guild, channel, user, { type: 2, data });
  }

  /** Messages the bot posted to a channel as Discord returned them (with their ids and components). */
  postedMessages(channelId: string): Wire[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.route === `/channels/${channelId}/messages` && r.status === 200)
      .map((r) => r.response);
  }

  /**
   * Dispatches a click on a message component (INTERACTION_CREATE, type 3 MESSAGE_COMPONENT): a button
   * (component_type 2) or a string select (3, with `values`), on a message the bot posted.
   */
  component(input: {
    message: Wire;
    customId: string;
    values?: string[];
    user?: { id: string; name?: string; permissions: bigint };
  }): { id: string; token: string } {
    const channelId = String(input.message.channel_id);
    const guild = this.guilds.find((g) => g.channels.some((c) => c.id === channelId));
    const channel = guild?.channels.find((c) => c.id === channelId);
    if (!guild || !channel) throw new Error('fake discord: the message is in no known channel');
    const user = input.user ?? { id: '300000000000000001', name: 'manager', permissions: MANAGER_PERMISSIONS };
    return this.dispatchInteraction(guild, channel, user, {
      type: 3,
      data: input.values
        ? { custom_id: input.customId, component_type: 3, values: input.values }
        : { custom_id: input.customId, component_type: 2 },
      message: input.message,
    });
  }

  /** INTERACTION_CREATE from `user` in `channel`, with the fields every interaction carries. */
  private dispatchInteraction(
    guild: (typeof this.guilds)[number],
    channel: (typeof this.guilds)[number]['channels'][number],
    user: { id: string; name?: string; permissions: bigint },
    fields: Record<string, unknown>,
  ): { id: string; token: string } {
    const id = this.newId();
    const token = `itoken-${id}`;
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.appId,
      ...fields,
      guild_id: guild.id,
      channel_id: channel.id,
      channel: channelPayload(guild.id, channel),
      member: memberPayload(userPayload(user.id, user.name ?? 'user'), [], user.permissions),
      token,
      version: 1,
      app_permissions: String(guild.botRole.permissions),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
    });
    return { id, token };
  }

  /**
   * The bot's answer to a component click: `update` is the message as redrawn in place (callback type 7), `ephemeral`
   * what only the clicker saw (a type 4 reply with the ephemeral flag, or an ephemeral follow-up after an update).
   */
  async componentAnswer(
    interaction: { id: string; token: string },
    timeoutMs = 10_000,
  ): Promise<{ update: Wire | null; ephemeral: Wire | null }> {
    const callback = await this.waitFor(
      (r) => r.method === 'POST' && r.route === `/interactions/${interaction.id}/${interaction.token}/callback`,
      timeoutMs,
    );
    if (callback.body.type === 7) {
      // a follow-up may come just after the update; give it a moment
      const hook = `/webhooks/${this.appId}/${interaction.token}`;
      const follow = await this.waitFor((r) => r.method === 'POST' && r.route === hook, 300).catch(() => null);
      const ephemeral = follow && ((follow.body?.flags ?? 0) & 64) !== 0 ? follow.body : null;
      return { update: callback.body.data, ephemeral };
    }
    const d = callback.body.data ?? {};
    return { update: null, ephemeral: ((d.flags ?? 0) & 64) !== 0 ? d : null };
  }

  /** Waits for the bot's final answer to an interaction: the reply, or the edit/follow-up after a deferral. */
  async answer(interaction: { id: string; token: string }, timeoutMs = 10_000): Promise<InteractionAnswer> {
    const callback = await this.waitFor(
      (r) => r.method === 'POST' && r.route === `/interactions/${interaction.id}/${interaction.token}/callback`,
      timeoutMs,
    );
    const mine = () => this.requests.filter((r) => r.route.includes(interaction.token));
    if (callback.body.type === 4) {
      const d = callback.body.data ?? {};
      return {
        deferred: false,
        ephemeral: ((d.flags ?? 0) & 64) !== 0,
        embeds: d.embeds ?? [],
        content: d.content ?? '',
        requests: mine(),
      };
    }
    const hook = `/webhooks/${this.appId}/${interaction.token}`;
    const final = await this.waitFor(
      (r) =>
        (r.method === 'PATCH' && r.route === `${hook}/messages/@original`) || (r.method === 'POST' && r.route === hook),
      timeoutMs,
    );
    const d = final.body ?? {};
    const ephemeral = final.method === 'PATCH' ? (callback.body.data?.flags & 64) !== 0 : ((d.flags ?? 0) & 64) !== 0;
    return { deferred: true, ephemeral, embeds: d.embeds ?? [], content: d.content ?? '', requests: mine() };
  }

  private sendFrame(ws: WebSocket, frame: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  private onGateway(ws: WebSocket): void {
    this.sendFrame(ws, { op: 10, s: null, t: null, d: { heartbeat_interval: 45_000 } });
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Wire };
      if (frame.op === 1) this.sendFrame(ws, { op: 11, s: null, t: null, d: null });
      if (frame.op === 2) {
        this.identifies.push(frame.d);
        if (frame.d?.token !== this.token && frame.d?.token !== `Bot ${this.token}`) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        this.sockets.add(ws);
        this.sendFrame(ws, {
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: this.botUser,
            guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
            session_id: randomUUID(),
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: this.appId, flags: 0 },
          },
        });
        for (const g of this.guilds)
          this.sendFrame(ws, { op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: guildPayload(g, this.botUser) });
      }
      if (frame.op === 6) {
        this.resumes.push(frame.d);
        this.sockets.add(ws);
        this.sendFrame(ws, { op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
      }
    });
    ws.on('close', () => this.sockets.delete(ws));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (this.onControl && url.pathname.startsWith('/_fake/')) {
      await this.onControl(req, res, url.pathname.slice('/_fake'.length));
      return;
    }
    const raw = await readBody(req);
    let body: Wire = raw;
    if (raw && String(req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(raw);
    const path = decodeURIComponent(url.pathname);
    const route = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      route,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(record);
    record.status = answerRest(this, record, res);
    for (const w of [...this.waiters]) {
      if (w.pred(record)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(record);
      }
    }
  }
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(opts).listen();
}
