/**
 * Each channel hears of a claim once. The database's novelty is global: a claim one feed brought is `known` when a
 * second feed repeats it, so a channel that follows only the second feed would never hear of it. So the pipeline
 * keeps, per claim a feed brought (new or contradicting), its first report, and per channel which of them it was
 * told; a restatement of such a claim is news again for a channel not yet told, with the first report's verdict.
 *
 * Claims are keyed by their text, not their id: ids change when the database is rebuilt from new seeds, and a claim
 * learned from a feed keeps its text when it is learned again (see relearn in learn.ts).
 */

import { clip } from '../claims/reason.ts';
import type { ClaimReport, Verdict } from '../claims/types.ts';
import { VERDICT_STRENGTH } from '../claims/types.ts';
import { sha256 } from './item-key.ts';

/** The first report of a claim a feed brought, and where it came from. */
export interface NewsRecord {
  report: ClaimReport;
  source: string;
}

export interface ChannelNewsStore {
  /** Records the first report of each key; a key already recorded keeps its first report. */
  recordNews(entries: ReadonlyArray<{ key: string } & NewsRecord>, now: number): void;
  /** The recorded reports among `keys`. */
  news(keys: readonly string[]): Map<string, NewsRecord>;
  /** The keys among `keys` this channel was told of. */
  told(channel: string, keys: readonly string[]): Set<string>;
  markTold(channel: string, keys: readonly string[], now: number): void;
}

/** A claim's key: its text with spacing folded, hashed. */
export function claimKey(text: string): string {
  return sha256(text.replace(/\s+/g, ' ').trim());
}

/** What one item's judged sentences mean for the per-channel decision, worked out once per item. */
export interface ItemNews {
  /** The item's reports (not offtopic). */
  reports: readonly ClaimReport[];
  /** Key of the claim each report brings (new, contradicts) or restates (known); null when none. */
  keys: ReadonlyArray<string | null>;
  /** Recorded first reports of the claims the known reports restate (feeds' claims, not the seeds'). */
  earlier: ReadonlyMap<string, NewsRecord>;
}

const isNews = (v: Verdict): boolean => v === 'new' || v === 'contradicts';

/** The claim a report brings (its own sentence) or restates (its best supporting match). */
function keyOf(r: ClaimReport): string | null {
  if (isNews(r.verdict)) return claimKey(r.sentence);
  // the desk's known is the desk's word: not retold as news to a channel that was not told
  if (r.desk) return null;
  if (r.verdict !== 'known') return null;
  const m = r.matches.find((x) => x.relation === 'supports');
  return m ? claimKey(m.text) : null;
}

/**
 * Records the news `reports` bring (so later restatements can be news to other channels) and looks up the first
 * reports of the claims the others restate. `shown` turns a report into what the store keeps (a trimmed copy).
 */
export function readItemNews(
  store: ChannelNewsStore,
  reports: readonly ClaimReport[],
  source: string,
  now: number,
  shown: (r: ClaimReport) => ClaimReport,
): ItemNews {
  const keys = reports.map(keyOf);
  const brought = new Set<string>();
  const entries: Array<{ key: string } & NewsRecord> = [];
  reports.forEach((r, i) => {
    const key = keys[i];
    if (!key || !isNews(r.verdict) || brought.has(key)) return;
    brought.add(key);
    entries.push({ key, report: shown(r), source });
  });
  // restatements of what this same item brought are not news twice
  const restated = reports.flatMap((r, i) =>
    r.verdict === 'known' && keys[i] && !brought.has(keys[i]) ? [keys[i]] : [],
  );
  const earlier = restated.length > 0 ? store.news(restated) : new Map<string, NewsRecord>();
  if (entries.length > 0) store.recordNews(entries, now);
  return { reports, keys, earlier };
}

/** The item as one channel should hear it: its verdict, its reports, and the keys of the news it tells. */
export interface ChannelItem {
  verdict: Verdict;
  reports: ClaimReport[];
  newsKeys: string[];
}

export function channelItem(store: ChannelNewsStore, item: ItemNews, channel: string): ChannelItem {
  const candidates = [...item.earlier.keys()];
  const told = candidates.length > 0 ? store.told(channel, candidates) : new Set<string>();
  const reports: ClaimReport[] = [];
  const newsKeys: string[] = [];
  let verdict: Verdict = 'offtopic';
  item.reports.forEach((r, i) => {
    const key = item.keys[i] ?? null;
    const first = key && r.verdict === 'known' && !told.has(key) ? item.earlier.get(key) : undefined;
    const view = first ? retold(r, first) : r;
    if (key && isNews(view.verdict)) newsKeys.push(key);
    if (VERDICT_STRENGTH[view.verdict] > VERDICT_STRENGTH[verdict]) verdict = view.verdict;
    reports.push(view);
  });
  return { verdict, reports, newsKeys: [...new Set(newsKeys)] };
}

/** A restatement of a claim this channel has not heard of: news here, with what the claim's first report said. */
function retold(r: ClaimReport, first: NewsRecord): ClaimReport {
  const was = first.report;
  const told = `restates "${clip(was.sentence, 80)}" (${first.source}), which this channel has not been told of`;
  return {
    sentence: r.sentence,
    verdict: was.verdict,
    reason: was.verdict === 'contradicts' ? `${told}; as first reported: ${was.reason}` : `${told}; it was new then`,
    matches: [...r.matches.filter((m) => m.relation === 'supports').slice(0, 1), ...was.matches],
  };
}
