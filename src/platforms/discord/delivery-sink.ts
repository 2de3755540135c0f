/**
 * A Discord ChatSink over REST alone, without the gateway: what `watch poll` delivers through when DISCORD_TOKEN is
 * set (the running bot's sink uses its client's REST the same way).
 */
import { REST } from 'discord.js';
import type { Config } from '../../config.ts';
import type { ChatSink } from '../../core/alerts.ts';
import type { Logger } from '../../logger.ts';
import { createDiscordSink } from './sink.ts';

/** Rate limits longer than this fail the send as retryable instead of holding a short-lived command. */
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

export function createDiscordDeliverySink(config: NonNullable<Config['discord']>, logger: Logger): ChatSink {
  const rest = new REST({
    api: config.apiBase,
    rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
  }).setToken(config.token);
  return createDiscordSink({ rest, logger: logger.child({ platform: 'discord' }) });
}
