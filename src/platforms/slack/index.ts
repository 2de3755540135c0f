/**
 * The Slack platform: a bolt App answering `/claimwatch …` over Socket Mode (SLACK_APP_TOKEN, no public URL) or, when
 * only SLACK_SIGNING_SECRET is set, over HTTP on CLAIMWATCH_HTTP_PORT with bolt's request signature verification
 * (plus a replay guard: each signed request is accepted once, and never with a timestamp from the future);
 * and a ChatSink posting alerts as Block Kit. SLACK_API_URL (proxies, tests) reaches every Web API call, the Socket
 * Mode client's apps.connections.open included.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type SlashCommand, webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { ChatSink } from '../../core/alerts.ts';
import type { CommandModule } from '../../core/commands.ts';
import type { Services } from '../../core/services.ts';
import type { Logger } from '../../logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { createSlackDeliverySink, withTrailingSlash } from './delivery-sink.ts';
import { createDeskActionHandler } from './desk-actions.ts';
import { createReplayGuard } from './replay-guard.ts';
import { ADMIN_REQUIREMENT, createSlashHandler } from './slash-handler.ts';
import { authTestFailure } from './start-errors.ts';
import { SLASH_COMMAND } from './usage.ts';
import { createWorkspaceAccess } from './workspace-access.ts';

export interface SlackDeps {
  config: NonNullable<Config['slack']>;
  httpPort: number;
  services: Services;
  commands: CommandModule[];
  logger: Logger;
  /** Web API timeout and retries; tests use short ones so a broken fake fails fast. */
  webClient?: { timeoutMs?: number; retries?: number };
  /** How long a fast command may run before it is acknowledged and answered later. */
  ackWithinMs?: number;
}

export interface SlackPlatform {
  sink: ChatSink;
  stop(): Promise<void>;
  mode: 'socket' | 'http';
  /** The port HTTP mode listens on (useful with port 0). */
  port?: number;
}

export async function startSlack(deps: SlackDeps): Promise<SlackPlatform> {
  const { config, logger } = deps;
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  }
  const slackApiUrl = config.apiUrl ? withTrailingSlash(config.apiUrl) : undefined;
  const retries = deps.webClient?.retries;
  const clientOptions = (extra: webApi.WebClientOptions = {}): webApi.WebClientOptions => ({
    ...(slackApiUrl ? { slackApiUrl } : {}),
    timeout: deps.webClient?.timeoutMs ?? 10_000,
    retryConfig: { retries: retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 5_000 },
    logger: boltLogger(logger),
    ...extra,
  });

  // Who we are, before anything else: a bad token stops start-up with Slack's reason instead of failing later.
  const api = new webApi.WebClient(config.botToken, clientOptions());
  const me = await api.auth.test().catch((err: unknown) => {
    throw authTestFailure(err, config.apiUrl);
  });
  const botName = me.user ?? 'claimwatch';

  const app = new App({
    token: config.botToken,
    botId: me.bot_id,
    botUserId: me.user_id,
    logger: boltLogger(logger),
    clientOptions: clientOptions(),
    ...(socketMode
      ? {
          socketMode: true,
          appToken: config.appToken,
          // The Socket Mode client builds its own WebClient from these; keep its patient reconnect retries unless told.
          installerOptions: {
            clientOptions: {
              ...(slackApiUrl ? { slackApiUrl } : {}),
              timeout: deps.webClient?.timeoutMs ?? 10_000,
              ...(retries !== undefined ? { retryConfig: { retries, factor: 2, minTimeout: 200 } } : {}),
            },
          },
        }
      : { receiver: httpReceiver(config.signingSecret as string, deps.httpPort, logger) }),
  });

  const access = createWorkspaceAccess({ client: app.client, adminUserIds: config.adminUserIds, botName, logger });
  const handle = createSlashHandler({
    modules: deps.commands,
    services: deps.services,
    access,
    logger,
    ackWithinMs: deps.ackWithinMs,
  });
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await handle(
      requestOf(command),
      (reply) => ack(reply),
      (reply) => respond(reply),
    );
  });
  const desk = createDeskActionHandler({
    services: deps.services,
    access,
    logger,
    adminRequirement: ADMIN_REQUIREMENT,
  });
  app.action(/^cw1:[rwm]:/, async ({ ack, body, action, respond, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    const a = action as { action_id: string; type: string; selected_option?: { value: string } };
    const message = body.message as { ts?: string } | undefined;
    await desk(
      {
        actionId: a.action_id,
        value: a.type === 'static_select' ? a.selected_option?.value : undefined,
        user: { id: body.user.id, name: body.user.username ?? body.user.name ?? body.user.id },
        channelId: body.channel?.id ?? body.container?.channel_id ?? null,
        messageTs: message?.ts ?? body.container?.message_ts ?? null,
      },
      {
        update: (args) => client.chat.update(args as never),
        respond: (m) => respond(m as never),
      },
    );
  });
  app.error(async (err) => {
    logger.error({ err }, 'slack app error');
  });

  const started: unknown = await (socketMode ? app.start() : app.start(deps.httpPort));
  const port = socketMode
    ? undefined
    : ((started as { address(): AddressInfo | string | null }).address() as AddressInfo).port;
  logger.info({ mode: socketMode ? 'socket' : 'http', port, bot: botName, team: me.team_id }, 'slack app started');

  // The dispatcher retries deliveries (looking up the key first); a client retrying on its own would post blind copies.
  const sink = createSlackDeliverySink(config, logger, deps.webClient?.timeoutMs);
  return {
    sink,
    mode: socketMode ? 'socket' : 'http',
    port,
    async stop() {
      await app.stop();
    },
  };
}

function requestOf(command: SlashCommand) {
  return {
    text: command.text ?? '',
    userId: command.user_id,
    channelId: command.channel_id,
    teamId: command.team_id,
    userName: command.user_name,
  };
}

/** bolt's HTTP receiver (signature check) behind the replay guard (future timestamps, replayed signatures). */
function httpReceiver(signingSecret: string, port: number, logger: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, port, logger: boltLogger(logger) });
  receiver.requestListener = createReplayGuard()(receiver.requestListener);
  return receiver;
}
