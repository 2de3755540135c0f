/**
 * An HTTP control surface for a fake Discord running in its own process (`serve.ts`), so a real `npm start` can be
 * driven from outside: dispatch a slash command and get the bot's answer, read what it posted, break a channel.
 *   POST /_fake/command            {name, subcommand?, options?, user: "manager"|"member", channelId?} → the answer
 *   GET  /_fake/channels/:id/messages                                                                    → bodies posted
 *   POST /_fake/channels/:id/fail  {status: 403|404|null}
 *   GET  /_fake/requests                                                                                 → every REST request
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CommandInput, type FakeDiscord, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS } from './fake-discord.ts';

const USERS = {
  manager: { id: '300000000000000001', name: 'editor', permissions: MANAGER_PERMISSIONS },
  member: { id: '300000000000000002', name: 'reader', permissions: MEMBER_PERMISSIONS },
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export function attachControl(fake: FakeDiscord): void {
  fake.onControl = async (req, res, route) => {
    try {
      const parts = route.split('/').filter(Boolean);
      if (req.method === 'POST' && route === '/command') {
        const body = await readJson(req);
        const who = body.user === 'member' ? USERS.member : USERS.manager;
        const input = { ...(body as unknown as CommandInput), user: who };
        const { requests: _requests, ...answer } = await fake.answer(fake.command(input), 60_000);
        json(res, 200, answer);
      } else if (req.method === 'GET' && parts[0] === 'channels' && parts[2] === 'messages') {
        json(res, 200, fake.channelMessages(parts[1] ?? ''));
      } else if (req.method === 'POST' && parts[0] === 'channels' && parts[2] === 'fail') {
        const body = await readJson(req);
        fake.failChannel(parts[1] ?? '', (body.status as 403 | 404 | null) ?? null);
        json(res, 200, { ok: true });
      } else if (req.method === 'GET' && route === '/requests') {
        json(
          res,
          200,
          fake.requests.map(({ headers: _h, ...r }) => r),
        );
      } else {
        json(res, 404, { error: `no control route ${req.method} ${route}` });
      }
    } catch (err) {
      json(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
