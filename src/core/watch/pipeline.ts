/**
 * New items → engine → learned claims + outbox rows. Runs inside the caller's transaction, so an item is seen, learned
 * and alerted together or not at all.
 */
import { type Alert, levelAdmits, type OutboundMessage } from '../alerts.ts';
import type { ClaimReport, DocumentInput, ItemReport, SentenceJudgement } from '../claims/types.ts';
import type { FeedItem } from '../feed-ports.ts';
import { alertKey } from './item-key.ts';
import type { FeedRecord, OutboxRow, OutboxStore, SubscriptionRecord, WatchStore } from './ports.ts';

/** The engine as the watcher needs it, bound to the claim store by the composition root. */
export interface WatchEngine {
  /** Judges a document sentence by sentence, learning each (provenance = the item's link) before the next. */
  judgeAndLearn(doc: DocumentInput, provenance: { source: string; published: string | null }): SentenceJudgement[];
  report(judgements: SentenceJudgement[]): ItemReport;
}

export interface NewItem {
  item: FeedItem;
  key: string;
  /** The text to judge: the extracted article when full text worked, else the feed's text. */
  text: string;
}

export interface PipelineDeps {
  watch: WatchStore;
  outbox: OutboxStore;
  engine: WatchEngine;
}

export interface PipelineResult {
  /** Items that produced at least one outbox row. */
  alerted: number;
  /** Items that would have alerted but were over the per-poll cap. */
  suppressed: number;
  rows: number;
}

/** An alert names a few matched claims with their first sources, not every repeat the database has seen. */
const MATCHES_PER_CLAIM = 3;
const EVIDENCE_PER_MATCH = 3;

function trimReport(c: ClaimReport): ClaimReport {
  return {
    ...c,
    matches: c.matches
      .slice(0, MATCHES_PER_CLAIM)
      .map((m) => ({ ...m, evidence: m.evidence.slice(0, EVIDENCE_PER_MATCH) })),
  };
}

/** Include keywords: at least one must appear; exclude keywords: none may. Case-insensitive substring match. */
export function keywordsPass(sub: SubscriptionRecord, haystack: string): boolean {
  const text = haystack.toLowerCase();
  if (sub.include.length > 0 && !sub.include.some((k) => text.includes(k.toLowerCase()))) return false;
  return !sub.exclude.some((k) => text.includes(k.toLowerCase()));
}

/**
 * Judges `items` oldest first (so an item repeating an earlier one in the same poll is `known`), records them as seen,
 * learns from them, and enqueues one alert per admitting subscription. At most `cap` items alert per call.
 */
export function processNewItems(
  deps: PipelineDeps,
  feed: FeedRecord,
  items: readonly NewItem[],
  subs: readonly SubscriptionRecord[],
  now: number,
  cap: number,
): PipelineResult {
  const paused = new Set(deps.watch.pausedChannels().map((p) => p.channel));
  const live = subs.filter((s) => !s.paused && !paused.has(s.channel));
  const result: PipelineResult = { alerted: 0, suppressed: 0, rows: 0 };
  for (const { item, key, text } of items) {
    const judgements = deps.engine.judgeAndLearn(
      { text, title: item.title ?? undefined, link: item.link ?? undefined, published: item.published ?? undefined },
      { source: item.link ?? feed.url, published: item.published },
    );
    deps.watch.markSeen(feed.id, [key], now);
    const report = deps.engine.report(judgements);
    const haystack = `${item.title ?? ''}\n${text}`;
    const targets = live.filter((s) => levelAdmits(s.level, report.verdict) && keywordsPass(s, haystack));
    if (targets.length === 0) continue;
    if (result.alerted >= cap) {
      result.suppressed++;
      continue;
    }
    const alert: Alert = {
      verdict: report.verdict,
      feed: { id: feed.id, title: feed.title, url: feed.url },
      item: { title: item.title, link: item.link, published: item.published },
      claims: report.claims.filter((c) => c.verdict !== 'offtopic').map(trimReport),
    };
    const rows: OutboxRow[] = targets.map((s) => {
      const message: OutboundMessage = {
        kind: 'alert',
        key: alertKey(feed.id, key, s.channel),
        channel: s.channel,
        alert,
      };
      return { key: message.key, channel: s.channel, feedId: feed.id, message };
    });
    result.rows += deps.outbox.enqueue(rows, now);
    result.alerted++;
  }
  return result;
}
