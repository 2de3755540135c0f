/**
 * The use cases chat commands and the CLI share. Each method either returns a view or throws a UserError whose
 * message is fit to show the user. `scope` is the workspace a command came from (`discord:GUILD_ID`,
 * `slack:TEAM_ID`); the CLI passes none and sees everything.
 */
import type { AlertLevel, ChannelTarget } from './alerts.ts';
import type { ItemReport, KnownClaim, Relation } from './claims/types.ts';
import type { DeskService } from './desk/desk-service.ts';
import type { ClaimStatus } from './desk/ports.ts';

export interface SubscriptionView {
  id: number;
  feedId: number;
  channel: ChannelTarget;
  level: AlertLevel;
  include: string[];
  exclude: string[];
  /** Paused when the channel refused the bot (403/404, not_in_channel); `pausedReason` says why. */
  paused: boolean;
  pausedReason: string | null;
}

export interface FeedView {
  id: number;
  url: string;
  title: string | null;
  state: 'active' | 'paused' | 'disabled';
  fullText: boolean;
  lastPollAt: string | null;
  lastResult: string | null;
  nextPollAt: string | null;
  failures: number;
  subscriptions: SubscriptionView[];
}

export interface PollSummary {
  feedId: number;
  url: string;
  ok: boolean;
  /** 'not modified', 'fetched', or the error shown to the user. */
  result: string;
  newItems: number;
  alerts: number;
}

export interface ClaimDetail {
  claim: KnownClaim;
  related: Array<{ claim: KnownClaim; relation: Relation; reason: string }>;
  /** What the desk marked the claim (`/claims mark`), if anything. */
  status?: ClaimStatus;
}

/** One channel's share of the outbox. Times are ISO 8601. */
export interface ChannelStatus {
  channel: ChannelTarget;
  pending: number;
  /** The newest error among its unsent rows, and when it happened. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** Why its alerts wait now (no connection configured for its platform, or the channel paused), else null. */
  waiting: string | null;
  /** The channel refused the bot: its alerts wait for `watch resume`, not for the service. */
  paused: boolean;
}

export interface StatusView {
  feeds: FeedView[];
  outbox: { pending: number; sent: number; dead: number };
  /** Every channel subscribed or with outbox rows, in scope. */
  channels: ChannelStatus[];
  /** Subscriptions paused because their channel refused the bot, with the reason. */
  pausedChannels: Array<{ channel: ChannelTarget; reason: string }>;
  /** The newest dead letters (messages given up on), with the last error. */
  deadLetters?: Array<{ key: string; channel: ChannelTarget; attempts: number; error: string | null }>;
}

export interface WatchAddInput {
  url: string;
  channel: ChannelTarget;
  scope?: string;
  level?: AlertLevel;
  fullText?: boolean;
  /** Judge (and alert) the newest N items of the first fetch; default 0. */
  backfill?: number;
}

/** `watch.add`'s answer: the feed, and for a URL that was already watched, what this add changed. */
export interface WatchAddResult extends FeedView {
  /** Set when the feed existed before; `changes` is empty when the add changed nothing. */
  alreadyWatched?: { changes: string[] };
}

export interface AlertsConfigureInput {
  channel: ChannelTarget;
  scope?: string;
  level: AlertLevel;
  include?: string[];
  exclude?: string[];
}

export interface Services {
  watch: {
    /**
     * Fetches and validates the feed (guarded fetcher), then saves it with a subscription for `channel`. A channel
     * this configuration cannot deliver to (no token for its platform) is refused with the reason.
     */
    add(input: WatchAddInput): Promise<WatchAddResult>;
    list(scope?: string): FeedView[];
    remove(id: number, scope?: string): FeedView;
    pause(id: number, scope?: string): FeedView;
    /** Resumes a paused or disabled feed and resets its failure count. */
    resume(id: number, scope?: string): FeedView;
    /** Polls one feed, or every feed in scope, now. */
    poll(id?: number, scope?: string): Promise<PollSummary[]>;
  };
  alerts: {
    /** Sets what `channel` receives from every feed it is subscribed to in scope. */
    configure(input: AlertsConfigureInput): SubscriptionView[];
  };
  claims: {
    search(query: string, limit?: number): KnownClaim[];
    show(id: number): ClaimDetail;
  };
  check: {
    /** Judges a text; never writes the known claims (the LLM judge, when on, caches its answers). */
    text(text: string, context?: { title?: string }): Promise<ItemReport>;
    /** Fetches a page through the guarded fetcher, extracts the article, judges it. */
    url(url: string): Promise<ItemReport & { title: string | null; url: string }>;
  };
  status(scope?: string): StatusView;
  /** Marks on alerts, mutes per channel, claim statuses (src/core/desk). */
  desk: DeskService;
}
