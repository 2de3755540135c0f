/**
 * Starts every chat platform whose token is configured (Discord: DISCORD_TOKEN; Slack: SLACK_BOT_TOKEN). Each is
 * imported only when configured, so discord.js and bolt cost nothing to a console-only run. If one fails to start,
 * those already started are stopped and the error goes up (the service does not run half-connected).
 */

import type { Config } from '../config.ts';
import type { ChatSink } from '../core/alerts.ts';
import type { CommandModule } from '../core/commands.ts';
import type { Services } from '../core/services.ts';
import type { Logger } from '../logger.ts';

export interface PlatformDeps {
  config: Config;
  services: Services;
  commands: CommandModule[];
  logger: Logger;
}

export interface RunningPlatform {
  name: 'discord' | 'slack';
  sink: ChatSink;
  stop(): Promise<void>;
}

export async function startPlatforms(deps: PlatformDeps): Promise<RunningPlatform[]> {
  const { config, services, commands, logger } = deps;
  const running: RunningPlatform[] = [];
  try {
    if (config.discord) {
      const { startDiscord } = await import('../platforms/discord/index.ts');
      const bot = await startDiscord({ config: config.discord, services, commands, logger });
      running.push({ name: 'discord', sink: bot.sink, stop: () => bot.stop() });
      logger.info({ platform: 'discord' }, 'chat platform started');
    }
    if (config.slack) {
      const { startSlack } = await import('../platforms/slack/index.ts');
      const app = await startSlack({ config: config.slack, httpPort: config.httpPort, services, commands, logger });
      running.push({ name: 'slack', sink: app.sink, stop: () => app.stop() });
      logger.info({ platform: 'slack', mode: app.mode }, 'chat platform started');
    }
  } catch (err) {
    await stopPlatforms(running, logger);
    throw err;
  }
  return running;
}

export async function stopPlatforms(running: readonly RunningPlatform[], logger: Logger): Promise<void> {
  for (const p of running) {
    try {
      await p.stop();
    } catch (err) {
      logger.error({ err, platform: p.name }, 'platform did not stop cleanly');
    }
  }
}

/**
 * Sinks for every configured platform without starting its bot (no gateway, no Socket Mode, no HTTP port): what
 * `watch poll` delivers through, beside a service that may be running with the same tokens.
 */
export async function deliverySinks(config: Pick<Config, 'discord' | 'slack'>, logger: Logger): Promise<ChatSink[]> {
  const sinks: ChatSink[] = [];
  if (config.discord) {
    const { createDiscordDeliverySink } = await import('../platforms/discord/delivery-sink.ts');
    sinks.push(createDiscordDeliverySink(config.discord, logger));
  }
  if (config.slack) {
    const { createSlackDeliverySink } = await import('../platforms/slack/delivery-sink.ts');
    sinks.push(createSlackDeliverySink(config.slack, logger));
  }
  return sinks;
}
