/**
 * A loopback stand-in for Slack's Socket Mode endpoint (ws): greets each connection with `{type:"hello"}`, sends
 * `slash_commands` envelopes on demand and records the app's acknowledgements.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FAKE_TEAM, type SlackWebApiFake } from './slack-web-api.ts';

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SocketModeFake {
  url: string;
  acks: Ack[];
  /** Resolves when the app has connected and been greeted. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends a slash command envelope; resolves with the app's acknowledgement. */
  sendSlashCommand(payload: Record<string, unknown>, timeoutMs?: number): Promise<Ack>;
  close(): Promise<void>;
}

export async function startSocketModeServer(api: SlackWebApiFake): Promise<SocketModeFake> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const sockets = new Set<WebSocket>();
  const waiting = new Map<string, (ack: Ack) => void>();
  const acks: Ack[] = [];
  let greeted: (() => void) | undefined;
  let isGreeted = false;

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Ack;
      if (!msg.envelope_id) return;
      acks.push(msg);
      waiting.get(msg.envelope_id)?.(msg);
      waiting.delete(msg.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }));
    isGreeted = true;
    greeted?.();
  });

  const fake: SocketModeFake = {
    url: `ws://127.0.0.1:${port}/link/?ticket=test`,
    acks,
    connected(timeoutMs = 5000) {
      if (isGreeted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('socket mode: the app never connected')), timeoutMs);
        greeted = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    sendSlashCommand(payload, timeoutMs = 5000) {
      const ws = [...sockets].at(-1);
      if (!ws) return Promise.reject(new Error('socket mode: no connection'));
      const envelope_id = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`socket mode: no ack for ${envelope_id}`)), timeoutMs);
        waiting.set(envelope_id, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        ws.send(JSON.stringify({ envelope_id, type: 'slash_commands', accepts_response_payload: true, payload }));
      });
    },
    close() {
      for (const ws of sockets) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
  api.socketUrl = fake.url;
  return fake;
}

/** A slash-command payload as Slack sends it (the fields bolt and claimwatch read). */
export function slashPayload(
  api: SlackWebApiFake,
  text: string,
  who: { user?: string; channel?: string } = {},
): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_TEAM.id,
    team_domain: 'test',
    channel_id: who.channel ?? 'C0ALERTS',
    channel_name: 'alerts',
    user_id: who.user ?? 'U0MEMBER',
    user_name: 'someone',
    command: '/claimwatch',
    text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: api.responseUrl(),
    trigger_id: `${Date.now()}.trigger`,
  };
}
