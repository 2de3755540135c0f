/**
 * The platform-neutral alert: what Discord embeds, Slack blocks and the console all render from.
 */
import type { ClaimReport, Verdict } from './claims/types.ts';

/** What a subscription receives: only contradictions, new + contradictions (default), or everything. */
export type AlertLevel = 'contradicts' | 'new' | 'all';
export const ALERT_LEVELS: readonly AlertLevel[] = ['contradicts', 'new', 'all'];

/** A chat target: `discord:CHANNEL_ID`, `slack:CHANNEL_ID` or `console:NAME`. */
export type ChannelTarget = string;

export interface Alert {
  verdict: Verdict;
  feed: { id: number; title: string | null; url: string };
  item: { title: string | null; link: string | null; published: string | null };
  claims: ClaimReport[];
  /** What the item budget left out ("item over budget: judged 300 of 4,120 sentences"), when anything. */
  cut?: string;
  /** The sentence the alert's desk controls act on (its first contradiction, else its first new claim). */
  subject?: { ref: string; sentence: string; verdict: Verdict };
  /** The desk's status of claims the alert cites, by claim id. */
  statuses?: Record<number, { status: string; note: string | null }>;
}

/** One message for one channel, as the outbox holds it. `key` is stable across retries (idempotency). */
export type OutboundMessage =
  | { kind: 'alert'; key: string; channel: ChannelTarget; alert: Alert }
  | { kind: 'notice'; key: string; channel: ChannelTarget; text: string };

export type DeliveryResult =
  | { ok: true }
  | {
      ok: false;
      /** Retry later (5xx, 429, network). False for permanent failures (bad payload). */
      retryable: boolean;
      retryAfterMs?: number;
      /** The channel is gone or forbids the bot: pause its subscriptions instead of retrying forever. */
      channelUnavailable?: boolean;
      error: string;
    };

/** What a sink knows about earlier tries at the same message. */
export interface DeliveryContext {
  /** Attempts that failed before this one; after one, the message may have been posted with its answer lost. */
  previousAttempts: number;
}

/** Delivers outbound messages to one platform. */
export interface ChatSink {
  /** Channel prefix this sink serves: 'discord', 'slack' or 'console'. */
  readonly platform: string;
  deliver(message: OutboundMessage, context?: DeliveryContext): Promise<DeliveryResult>;
}

/** Does `level` admit an alert of `verdict`? */
export function levelAdmits(level: AlertLevel, verdict: Verdict): boolean {
  if (verdict === 'offtopic') return false;
  if (level === 'all') return true;
  if (level === 'new') return verdict === 'new' || verdict === 'contradicts';
  return verdict === 'contradicts';
}

export function platformOf(channel: ChannelTarget): string {
  const i = channel.indexOf(':');
  return i < 0 ? '' : channel.slice(0, i);
}
