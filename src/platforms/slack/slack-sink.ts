/**
 * ChatSink for `slack:CHANNEL` targets: chat.postMessage with Block Kit. Slack's answers map onto what the
 * dispatcher needs to know: retry later (429, 5xx, network), give up on this message (a bad payload), or pause the
 * channel's subscriptions (the bot is not in it, it is gone or archived).
 *
 * Posts are idempotent: each carries its key in message metadata, and a message tried before (its answer may have
 * been lost after Slack posted it) is first looked up in the channel's recent history and not posted again if there.
 * The client must not retry on its own: the dispatcher does, and only it knows to look first.
 */
import { webApi } from '@slack/bolt';
import type { ChatSink, DeliveryContext, DeliveryResult, OutboundMessage } from '../../core/alerts.ts';
import type { Logger } from '../../logger.ts';
import { renderAlert, renderNotice } from './render-alert.ts';

/** The Web API calls the sink makes (a WebClient satisfies it; so can a test double). */
export interface PostMessageClient {
  chat: { postMessage(args: webApi.ChatPostMessageArguments): Promise<webApi.ChatPostMessageResponse> };
  conversations: {
    history(args: webApi.ConversationsHistoryArguments): Promise<webApi.ConversationsHistoryResponse>;
  };
}

/** The metadata event type that marks claimwatch's posts; its payload is `{ key }`. */
export const METADATA_EVENT_TYPE = 'claimwatch_alert';
/** How many of a channel's latest messages are searched for an earlier copy. */
const HISTORY_LOOKBACK = 100;
/** Lookup errors that mean "cannot look" (an install without the history scopes): post, as before. */
const CANNOT_LOOK = new Set(['missing_scope', 'not_allowed_token_type']);

const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
/** Errors that mean a broken token or a Slack outage, not a bad message: worth retrying later. */
const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'team_access_not_granted',
]);

export function createSlackSink(deps: { client: PostMessageClient; logger: Logger }): ChatSink {
  const { client, logger } = deps;
  const sink: ChatSink = {
    platform: 'slack',
    async deliver(message: OutboundMessage, context?: DeliveryContext): Promise<DeliveryResult> {
      const channel = slackChannelId(message.channel);
      if (!channel) return { ok: false, retryable: false, error: `not a Slack channel: ${message.channel}` };
      if ((context?.previousAttempts ?? 0) > 0) {
        const earlier = await findEarlierPost(channel, message.key);
        if (earlier === 'posted') {
          logger.info({ channel: message.channel, key: message.key }, 'slack message was already posted; not again');
          return { ok: true };
        }
        if (earlier !== 'absent') return earlier;
      }
      const rendered = message.kind === 'alert' ? renderAlert(message.alert) : renderNotice(message.text);
      try {
        await client.chat.postMessage({
          channel,
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key: message.key } },
        });
        return { ok: true };
      } catch (err) {
        const result = deliveryFailure(err);
        logger.warn({ channel: message.channel, key: message.key, error: result.error }, 'slack delivery failed');
        return result;
      }
    },
  };
  return sink;

  /** Is a post with this key among the channel's latest messages? A failed lookup is a failed delivery. */
  async function findEarlierPost(
    channel: string,
    key: string,
  ): Promise<'posted' | 'absent' | Extract<DeliveryResult, { ok: false }>> {
    try {
      const res = await client.conversations.history({
        channel,
        include_all_metadata: true,
        limit: HISTORY_LOOKBACK,
      });
      const found = (res.messages ?? []).some(
        (m) =>
          m.metadata?.event_type === METADATA_EVENT_TYPE &&
          (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
      );
      return found ? 'posted' : 'absent';
    } catch (err) {
      const result = deliveryFailure(err);
      if (CANNOT_LOOK.has(result.error)) {
        logger.warn({ channel, key, error: result.error }, 'cannot read channel history; posting without a lookup');
        return 'absent';
      }
      logger.warn({ channel, key, error: result.error }, 'slack history lookup failed');
      return result;
    }
  }
}

/** `slack:C123` → `C123`; null for another platform's target. */
export function slackChannelId(target: string): string | null {
  return target.startsWith('slack:') && target.length > 6 ? target.slice(6) : null;
}

export function deliveryFailure(err: unknown): Extract<DeliveryResult, { ok: false }> {
  const e = err as Partial<webApi.WebAPICallError> & { message?: string };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError: {
      const retryAfter = (e as webApi.WebAPIRateLimitedError).retryAfter;
      return { ok: false, retryable: true, retryAfterMs: Math.max(1, retryAfter) * 1000, error: 'ratelimited' };
    }
    case webApi.ErrorCode.PlatformError: {
      const code = (e as webApi.WebAPIPlatformError).data?.error ?? 'unknown_error';
      if (CHANNEL_GONE.has(code)) return { ok: false, retryable: false, channelUnavailable: true, error: code };
      return { ok: false, retryable: TRANSIENT.has(code), error: code };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (e as webApi.WebAPIHTTPError).statusCode;
      return { ok: false, retryable: status >= 500 || status === 408, error: `HTTP ${status}` };
    }
    case webApi.ErrorCode.RequestError:
      return { ok: false, retryable: true, error: `request failed: ${e.message ?? 'network error'}` };
    default:
      return { ok: false, retryable: true, error: e.message ?? String(err) };
  }
}
