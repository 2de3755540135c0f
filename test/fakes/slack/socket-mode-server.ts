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
  /** Sends an `interactive` envelope (a block_actions click); resolves with the app's acknowledgement. */
  sendInteractive(payload: Record<string, unknown>, timeoutMs?: number): Promise<Ack>;
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
      return send('slash_commands', payload, timeoutMs);
    },
    sendInteractive(payload, timeoutMs = 5000) {
      return send('interactive', payload, timeoutMs);
    },
    close() {
      for (const ws of sockets) ws.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };

  function send(type: string, payload: Record<string, unknown>, timeoutMs: number): Promise<Ack> {
    const ws = [...sockets].at(-1);
    if (!ws) return Promise.reject(new Error('socket mode: no connection'));
    const envelope_id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket mode: no ack for ${envelope_id}`)), timeoutMs);
      waiting.set(envelope_id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      ws.send(JSON.stringify({ envelope_id, type, accepts_response_payload: type === 'slash_commands', payload }));
    });
  }
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

/**
 * A block_actions payload as Slack sends it when someone clicks an interactive element of a message the bot posted:
 * a button (`value` undefined) or a static select (the option picked).
 */
export function blockActionsPayload(
  api: SlackWebApiFake,
  message: { channel: string; ts: string; text?: string; blocks: unknown[] },
  actionId: string,
  who: { user: string; name?: string },
  selected?: string,
): Record<string, unknown> {
  const action = selected
    ? {
        type: 'static_select',
        action_id: actionId,
        block_id: 'cw1:desk',
        selected_option: { text: { type: 'plain_text', text: selected }, value: selected },
        action_ts: `${Date.now() / 1000}`,
      }
    : { type: 'button', action_id: actionId, block_id: 'cw1:desk', value: 'x', action_ts: `${Date.now() / 1000}` };
  return {
    type: 'block_actions',
    team: { id: FAKE_TEAM.id, domain: 'test' },
    user: { id: who.user, username: who.name ?? who.user, name: who.name ?? who.user, team_id: FAKE_TEAM.id },
    api_app_id: 'A0TEST',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.trigger`,
    channel: { id: message.channel, name: 'alerts' },
    message: { type: 'message', ts: message.ts, text: message.text ?? '', blocks: message.blocks, bot_id: 'B0BOT' },
    response_url: api.responseUrl(),
    actions: [action],
  };
}
