/**
 * The Discord bot: a discord.js client with the Guilds intent only (no privileged intents), answering slash
 * commands through the shared command layer and delivering alerts through its ChatSink. Commands are registered
 * by `claimwatch deploy-commands`, not on every start.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { ChatSink } from '../../core/alerts.ts';
import type { CommandModule } from '../../core/commands.ts';
import type { Services } from '../../core/services.ts';
import { createInteractionHandler } from './interactions.ts';
import { createDiscordSink } from './sink.ts';
import { discordStartFailure } from './start-errors.ts';

export interface DiscordDeps {
  config: NonNullable<Config['discord']>;
  services: Services;
  commands: CommandModule[];
  logger: Logger;
  /**
   * Rate limits longer than this are not waited out inside a send: the send fails as retryable with the wait, and
   * the outbox tries again later. Default 10 s.
   */
  maxRateLimitWaitMs?: number;
  /** How long to wait for the gateway to become ready. Default 60 s. */
  readyTimeoutMs?: number;
}

export interface DiscordBot {
  sink: ChatSink;
  stop(): Promise<void>;
}

export async function startDiscord(deps: DiscordDeps): Promise<DiscordBot> {
  if (typeof deps.config?.token !== 'string' || typeof deps.config.apiBase !== 'string') {
    throw new TypeError('startDiscord: config must be the Discord settings (Config.discord: token, apiBase, …)');
  }
  const logger = deps.logger.child({ platform: 'discord' });
  const maxWait = deps.maxRateLimitWaitMs ?? 10_000;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: deps.config.apiBase, rejectOnRateLimit: (limit) => limit.retryAfter > maxWait },
  });
  client.on(
    Events.InteractionCreate,
    createInteractionHandler({ client, commands: deps.commands, services: deps.services, logger }),
  );
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (msg) => logger.warn(msg));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'discord rate limit'),
  );

  const readyTimeoutMs = deps.readyTimeoutMs ?? 60_000;
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(readyTimeoutMs) });
  try {
    await client.login(deps.config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw discordStartFailure(err, deps.config.apiBase, readyTimeoutMs);
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot ready');

  return {
    sink: createDiscordSink({ rest: client.rest, logger }),
    async stop() {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}
