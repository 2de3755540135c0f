/**
 * The Slack ChatSink's own WebClient: no retries of its own (the dispatcher retries, looking the key up first) and
 * rate-limited calls rejected rather than waited out. The running app and `watch poll` both deliver through it.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { ChatSink } from '../../core/alerts.ts';
import type { Logger } from '../../logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { createSlackSink } from './slack-sink.ts';

export function createSlackDeliverySink(
  config: Pick<NonNullable<Config['slack']>, 'botToken' | 'apiUrl'>,
  logger: Logger,
  timeoutMs = 10_000,
): ChatSink {
  const client = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: withTrailingSlash(config.apiUrl) } : {}),
    timeout: timeoutMs,
    logger: boltLogger(logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  return createSlackSink({ client, logger });
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
