/**
 * The fake Discord's REST answers: gateway lookup, channel messages (with per-channel 403/404), interaction
 * callbacks and webhook edits/follow-ups, command registration, the bot's own member; queued faults first.
 */
import type { ServerResponse } from 'node:http';
import type { FakeResponse, RecordedRequest } from './fake-discord.ts';
import { channelPayload, type FakeGuild, memberPayload, messagePayload, type userPayload } from './payloads.ts';

/** What the REST answers read from the fake. */
export interface RestState {
  readonly token: string;
  readonly appId: string;
  readonly botUser: ReturnType<typeof userPayload>;
  readonly guilds: FakeGuild[];
  readonly gatewayUrl: string;
  readonly queued: Map<string, FakeResponse[]>;
  readonly channelFailures: Map<string, 403 | 404>;
  newId(): string;
}

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Answers one request; returns the status sent. */
export function answerRest(fake: RestState, r: RecordedRequest, res: ServerResponse): number {
  const key = `${r.method} ${r.route}`;
  const fault = fake.queued.get(key)?.shift();
  if (fault) {
    if (fault.status === 429) {
      const after = fault.retryAfter ?? 0.05;
      send(
        res,
        429,
        fault.body ?? { message: 'You are being rate limited.', retry_after: after, global: false, code: 0 },
        {
          'retry-after': String(after),
          'x-ratelimit-scope': 'user',
        },
      );
    } else {
      send(res, fault.status, fault.body ?? { message: `${fault.status} from fake`, code: 0 });
    }
    return fault.status;
  }
  const parts = r.route.split('/').filter(Boolean);
  if (r.route.startsWith('/interactions/')) {
    send(res, 204);
    return 204;
  }
  if (parts[0] === 'webhooks') {
    if (r.method === 'DELETE') {
      send(res, 204);
      return 204;
    }
    const channelId = fake.guilds[0]?.channels[0]?.id ?? '0';
    send(res, 200, messagePayload(channelId, fake.botUser, r.body ?? {}));
    return 200;
  }
  if (r.headers.authorization !== `Bot ${fake.token}`) {
    send(res, 401, { message: '401: Unauthorized', code: 0 });
    return 401;
  }
  if (r.method === 'GET' && r.route === '/gateway/bot') {
    send(res, 200, {
      url: fake.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    });
    return 200;
  }
  if (parts[0] === 'channels' && parts[1]) {
    const failure = fake.channelFailures.get(parts[1]);
    if (failure === 403) {
      send(res, 403, { message: 'Missing Access', code: 50001 });
      return 403;
    }
    const guild = fake.guilds.find((g) => g.channels.some((c) => c.id === parts[1]));
    const channel = guild?.channels.find((c) => c.id === parts[1]);
    if (failure === 404 || !guild || !channel) {
      send(res, 404, { message: 'Unknown Channel', code: 10003 });
      return 404;
    }
    if (r.method === 'POST' && parts[2] === 'messages') {
      r.response = messagePayload(channel.id, fake.botUser, r.body ?? {});
      send(res, 200, r.response);
      return 200;
    }
    if (r.method === 'GET' && parts.length === 2) {
      send(res, 200, channelPayload(guild.id, channel));
      return 200;
    }
  }
  if (parts[0] === 'guilds' && parts[2] === 'members' && r.method === 'GET') {
    const guild = fake.guilds.find((g) => g.id === parts[1]);
    if (guild && parts[3] === fake.botUser.id) {
      send(res, 200, memberPayload(fake.botUser, [guild.botRole.id]));
      return 200;
    }
  }
  if (parts[0] === 'applications' && r.method === 'PUT' && parts[parts.length - 1] === 'commands') {
    const saved = (Array.isArray(r.body) ? r.body : []).map((c: Record<string, unknown>) => ({
      ...c,
      id: fake.newId(),
      application_id: fake.appId,
      version: '1',
    }));
    send(res, 200, saved);
    return 200;
  }
  send(res, 404, { message: '404: Not Found', code: 0 });
  return 404;
}
