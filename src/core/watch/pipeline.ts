/**
 * New items → engine → learned claims + outbox rows. Runs inside the caller's transaction, so an item is seen, learned
 * and alerted together or not at all.
 */
import { type Alert, levelAdmits, type OutboundMessage } from '../alerts.ts';
import {
  type ClaimReport,
  type DocumentInput,
  type ItemReport,
  type SentenceJudgement,
  VERDICT_STRENGTH,
} from '../claims/types.ts';
import { citedStatuses, recordSubject, withDeskVerdicts, withoutMuted } from '../desk/apply.ts';
import type { DeskStore } from '../desk/ports.ts';
import type { FeedItem } from '../feed-ports.ts';
import type { BoundedJudgement, LearnLimits } from '../learn.ts';
import { type ChannelNewsStore, channelItem, readItemNews } from './channel-news.ts';
import { alertKey } from './item-key.ts';
import type { FeedRecord, OutboxRow, OutboxStore, SubscriptionRecord, WatchStore } from './ports.ts';

/** The engine as the watcher needs it, bound to the claim store by the composition root. */
export interface WatchEngine {
  /**
   * Judges a document sentence by sentence, learning each (provenance = the item's link) before the next, within
   * `limits`, and says what it left out.
   */
  judgeAndLearn(
    doc: DocumentInput,
    provenance: { source: string; published: string | null },
    limits: LearnLimits,
  ): BoundedJudgement;
  report(judgements: SentenceJudgement[]): ItemReport;
  /**
   * Asks the optional LLM judge about a document's sentences before the transaction (it cannot wait on the network),
   * so that judgeAndLearn finds the answers; absent when no judge is on. Never throws.
   */
  prepare?(doc: DocumentInput, limit: number): Promise<void>;
}

/**
 * What one feed item may cost. A real article is well inside every figure (a long one is ~40,000 characters and
 * ~300 sentences); an item past them is judged in part and the alert and the feed's status say so.
 */
export const ITEM_BUDGET = {
  /** Characters of the item's text that are read. */
  chars: 60_000,
  /** Sentences judged. */
  sentences: 300,
  /** New claims one item may teach the database. */
  claims: 50,
  /** Claims an alert lists (contradictions first). */
  alertClaims: 10,
  /** Characters of one sentence an alert quotes. */
  sentenceChars: 600,
} as const;

export interface NewItem {
  item: FeedItem;
  key: string;
  /** The item's other keys (link, content): seen with it, so a rewritten GUID does not bring it back. */
  aliases?: string[];
  /** The text to judge: the extracted article when full text worked, else the feed's text. */
  text: string;
}

export interface PipelineDeps {
  watch: WatchStore;
  outbox: OutboxStore;
  engine: WatchEngine;
  /** What each channel was told: whether an alert is due is decided per channel. */
  news: ChannelNewsStore;
  /** The desk's marks, mutes and claim statuses (src/core/desk); without it alerts carry no desk controls. */
  desk?: DeskStore;
}

export interface PipelineResult {
  /** Items that produced at least one outbox row. */
  alerted: number;
  /** Items that would have alerted but were over the per-poll cap. */
  suppressed: number;
  rows: number;
  /** Items judged only in part (over ITEM_BUDGET). */
  cut: number;
}

/** An alert names a few matched claims with their first sources, not every repeat the database has seen. */
const MATCHES_PER_CLAIM = 3;
const EVIDENCE_PER_MATCH = 3;

function trimReport(c: ClaimReport): ClaimReport {
  const sentence =
    c.sentence.length > ITEM_BUDGET.sentenceChars
      ? `${c.sentence.slice(0, ITEM_BUDGET.sentenceChars - 1)}…`
      : c.sentence;
  return {
    ...c,
    sentence,
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
 * `onItem(done, alerted)` is told before each item and once after the last (a backfill's progress line).
 */
export function processNewItems(
  deps: PipelineDeps,
  feed: FeedRecord,
  items: readonly NewItem[],
  subs: readonly SubscriptionRecord[],
  now: number,
  cap: number,
  onItem?: (done: number, alerted: number) => void,
): PipelineResult {
  const paused = new Set(deps.watch.pausedChannels().map((p) => p.channel));
  const live = subs.filter((s) => !s.paused && !paused.has(s.channel));
  const result: PipelineResult = { alerted: 0, suppressed: 0, rows: 0, cut: 0 };
  for (const [done, { item, key, aliases, text: full }] of items.entries()) {
    onItem?.(done, result.alerted);
    const text = cutText(full, ITEM_BUDGET.chars);
    const judged = deps.engine.judgeAndLearn(
      itemDocument({ item, text: full }),
      { source: item.link ?? feed.url, published: item.published },
      { sentences: ITEM_BUDGET.sentences, claims: ITEM_BUDGET.claims },
    );
    deps.watch.markSeen(feed.id, [key, ...(aliases ?? [])], now);
    const report = deps.engine.report(judged.judgements);
    const judgedClaims = report.claims.filter((c) => c.verdict !== 'offtopic');
    // a sentence the desk marked takes the desk's verdict (marked offtopic: it is no longer listed)
    const listed = deps.desk
      ? withDeskVerdicts(deps.desk, judgedClaims).filter((c) => c.verdict !== 'offtopic')
      : judgedClaims;
    const news = readItemNews(deps.news, listed, item.link ?? feed.url, now, trimReport);
    const haystack = `${item.title ?? ''}\n${text}`;
    const unlisted = listed.length - Math.min(listed.length, ITEM_BUDGET.alertClaims);
    const cut = cutNote(full.length, text.length, judged, unlisted);
    if (cut) result.cut++;
    // the item as each channel hears it: a claim another feed brought is news to a channel not yet told of it
    const targets = live.flatMap((s) => {
      if (!keywordsPass(s, haystack)) return [];
      const told = channelItem(deps.news, news, s.channel);
      // a claim muted in this channel (and its restatements) is left out here, and only here
      const view = deps.desk ? { ...told, ...withoutMuted(deps.desk, s.channel, told.reports) } : told;
      return levelAdmits(s.level, view.verdict) ? [{ s, view }] : [];
    });
    if (targets.length === 0) continue;
    if (result.alerted >= cap) {
      result.suppressed++;
      continue;
    }
    const rows: OutboxRow[] = targets.map(({ s, view }) => {
      const shown = [...view.reports]
        .sort((a, b) => VERDICT_STRENGTH[b.verdict] - VERDICT_STRENGTH[a.verdict])
        .slice(0, ITEM_BUDGET.alertClaims);
      const alert: Alert = {
        verdict: view.verdict,
        feed: { id: feed.id, title: feed.title, url: feed.url },
        item: { title: item.title, link: item.link, published: item.published },
        claims: view.reports.filter((c) => shown.includes(c)).map(trimReport),
        ...(cut ? { cut } : {}),
      };
      const outboxKey = alertKey(feed.id, key, s.channel);
      if (deps.desk) {
        const statuses = citedStatuses(deps.desk, alert.claims);
        if (statuses) alert.statuses = statuses;
        // the subject keeps the sentence whole (the alert quotes a trimmed copy): a mark must find it again
        const whole = { ...alert, claims: view.reports.filter((c) => shown.includes(c)) };
        const subject = recordSubject(deps.desk, whole, outboxKey, s.channel, now);
        if (subject) alert.subject = subject;
      }
      const message: OutboundMessage = { kind: 'alert', key: outboxKey, channel: s.channel, alert };
      return { key: message.key, channel: s.channel, feedId: feed.id, message };
    });
    result.rows += deps.outbox.enqueue(rows, now);
    for (const { s, view } of targets) deps.news.markTold(s.channel, view.newsKeys, now);
    result.alerted++;
  }
  onItem?.(items.length, result.alerted);
  return result;
}

/** The document an item is judged as: its text within ITEM_BUDGET.chars, with its title, link and date. */
export function itemDocument({ item, text }: Pick<NewItem, 'item' | 'text'>): DocumentInput {
  return {
    text: cutText(text, ITEM_BUDGET.chars),
    title: item.title ?? undefined,
    link: item.link ?? undefined,
    published: item.published ?? undefined,
  };
}

/** Asks the engine's LLM judge (when on) about `items` ahead of their transaction, one after another. */
export async function prepareItems(engine: WatchEngine, items: readonly NewItem[]): Promise<void> {
  if (!engine.prepare) return;
  for (const entry of items) await engine.prepare(itemDocument(entry), ITEM_BUDGET.sentences);
}

/** The first `max` characters of `text`, ending at a space where one is near. */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max * 0.9 ? space : max);
}

const count = (n: number): string => n.toLocaleString('en-US');

/** What the item budget left out, in words for the alert and the feed's status; null when nothing was. */
function cutNote(chars: number, read: number, j: BoundedJudgement, unlisted: number): string | null {
  const parts: string[] = [];
  if (read < chars) parts.push(`read the first ${count(read)} of ${count(chars)} characters`);
  if (j.judged < j.sentences) parts.push(`judged ${count(j.judged)} of ${count(j.sentences)} sentences`);
  if (j.unlearned > 0) parts.push(`${count(j.unlearned)} more claims not stored`);
  if (unlisted > 0) parts.push(`${count(unlisted)} more claims not listed`);
  return parts.length > 0 ? `item over budget: ${parts.join('; ')}` : null;
}
