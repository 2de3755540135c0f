/**
 * Starts every chat platform whose token is configured. Each platform module (`src/platforms/<name>/index.ts`)
 * exports `start<Name>(deps)` resolving to `{ sink, stop }`; it is imported only when configured, so a missing or
 * unconfigured platform costs nothing. LEAD: adjust `PlatformDeps` to what startDiscord/startSlack finally take.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  name: string;
  sink: ChatSink;
  stop(): Promise<void>;
}

type StartFn = (deps: PlatformDeps) => Promise<{ sink: ChatSink; stop(): Promise<void> }>;

const PLATFORMS: Array<{ name: string; file: string; export: string; configured: (c: Config) => boolean }> = [
  { name: 'discord', file: '../platforms/discord/index.ts', export: 'startDiscord', configured: (c) => !!c.discord },
  { name: 'slack', file: '../platforms/slack/index.ts', export: 'startSlack', configured: (c) => !!c.slack },
];

export async function startPlatforms(deps: PlatformDeps): Promise<RunningPlatform[]> {
  const running: RunningPlatform[] = [];
  try {
    for (const p of PLATFORMS) {
      if (!p.configured(deps.config)) continue;
      const url = new URL(p.file, import.meta.url);
      if (!existsSync(fileURLToPath(url))) {
        deps.logger.warn({ platform: p.name }, 'platform configured but not available in this build');
        continue;
      }
      const mod = (await import(url.href)) as Record<string, unknown>;
      const start = mod[p.export] as StartFn | undefined;
      if (typeof start !== 'function') throw new Error(`${p.file} does not export ${p.export}()`);
      const { sink, stop } = await start(deps);
      running.push({ name: p.name, sink, stop });
      deps.logger.info({ platform: p.name }, 'chat platform started');
    }
  } catch (err) {
    await stopPlatforms(running, deps.logger);
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
