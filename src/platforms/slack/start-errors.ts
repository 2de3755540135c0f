/**
 * Why the Slack app could not start, in one line naming the cause: a token Slack refused, Slack unreachable, or Slack
 * answering with an HTTP error are different problems with different fixes.
 */
import { webApi } from '@slack/bolt';
import { UserError } from '../../core/errors.ts';

const DEFAULT_API_URL = 'https://slack.com/api/';

/** auth.test failed at start-up → a UserError saying what to check. */
export function authTestFailure(err: unknown, apiUrl: string | undefined): UserError {
  const where = apiUrl ?? DEFAULT_API_URL;
  const e = err as {
    code?: string;
    message?: string;
    data?: { error?: string };
    statusCode?: number;
    retryAfter?: number;
    original?: { code?: string; message?: string };
  };
  switch (e.code) {
    case webApi.ErrorCode.PlatformError:
      return new UserError(
        'unavailable',
        `Slack refused SLACK_BOT_TOKEN (auth.test: ${e.data?.error ?? 'unknown_error'}); copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page`,
        { cause: err },
      );
    case webApi.ErrorCode.HTTPError:
      return new UserError(
        'unavailable',
        `Slack is not answering normally at ${where} (auth.test: HTTP ${e.statusCode}); try again later`,
        { cause: err },
      );
    case webApi.ErrorCode.RateLimitedError:
      return new UserError('unavailable', `Slack is rate-limiting auth.test; try again in ${e.retryAfter ?? 60} s`, {
        cause: err,
      });
    default: {
      const reason = e.original?.code ?? e.original?.message ?? e.message ?? String(err);
      return new UserError(
        'unavailable',
        `Cannot reach Slack at ${where} (${reason}); check the network, a proxy, or SLACK_API_URL`,
        { cause: err },
      );
    }
  }
}
