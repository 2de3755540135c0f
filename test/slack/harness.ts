/**
 * Starts the real Slack platform (bolt App, WebClients) against the loopback Slack fakes, with the given modules.
 */
import type { CommandModule } from '../../src/core/commands.ts';
import type { Services } from '../../src/core/services.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import { type SlackPlatform, startSlack } from '../../src/platforms/slack/index.ts';
import { type SlackWebApiFake, startSlackWebApi } from '../fakes/slack/slack-web-api.ts';
import { type SocketModeFake, startSocketModeServer } from '../fakes/slack/socket-mode-server.ts';

export const BOT_TOKEN = 'xoxb-test-bot-token';
export const APP_TOKEN = 'xapp-test-app-token';
export const SIGNING_SECRET = 'test-signing-secret';

export interface Harness {
  api: SlackWebApiFake;
  socket: SocketModeFake | null;
  slack: SlackPlatform;
  close(): Promise<void>;
}

/** Services for tests whose modules never touch them: any use is a bug in the test. */
export function noServices(): Services {
  return new Proxy({} as Services, {
    get(_t, prop) {
      throw new Error(`services.${String(prop)} is not available in this test`);
    },
  });
}

export async function startHarness(opts: {
  mode: 'socket' | 'http';
  commands: CommandModule[];
  services?: Services;
  adminUserIds?: string[];
  ackWithinMs?: number;
  logger?: Logger;
  /** Web API retries (default 0, so a broken fake fails fast; 2 is the production default). */
  retries?: number;
}): Promise<Harness> {
  const api = await startSlackWebApi({ botToken: BOT_TOKEN, appToken: opts.mode === 'socket' ? APP_TOKEN : undefined });
  const socket = opts.mode === 'socket' ? await startSocketModeServer(api) : null;
  const slack = await startSlack({
    config: {
      botToken: BOT_TOKEN,
      appToken: opts.mode === 'socket' ? APP_TOKEN : undefined,
      signingSecret: opts.mode === 'http' ? SIGNING_SECRET : undefined,
      apiUrl: api.apiUrl,
      adminUserIds: opts.adminUserIds ?? [],
    },
    httpPort: 0,
    services: opts.services ?? noServices(),
    commands: opts.commands,
    logger: opts.logger ?? silentLogger(),
    webClient: { timeoutMs: 2000, retries: opts.retries ?? 0 },
    ackWithinMs: opts.ackWithinMs,
  });
  return {
    api,
    socket,
    slack,
    async close() {
      await slack.stop();
      await socket?.close();
      await api.close();
    },
  };
}
