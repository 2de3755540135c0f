/**
 * The desk's word on alerts and claims: marks analysts give the sentence an alert was about (right, or wrong and what
 * the verdict should have been), claims muted in one channel, and a status per claim. Claims are keyed by their text
 * (claimKey in channel-news.ts), never by id, so all of it survives a rebuild of the known claims.
 */
import type { Alert, ChannelTarget } from '../alerts.ts';
import type { Verdict } from '../claims/types.ts';

/** What the desk can say a known claim is. */
export type ClaimStatusValue = 'confirmed' | 'disputed' | 'false' | 'retracted';
export const CLAIM_STATUSES: readonly ClaimStatusValue[] = ['confirmed', 'disputed', 'false', 'retracted'];

/** A known claim as an alert named it: enough to find it again after a rebuild and to write a labelled pair. */
export interface SubjectClaim {
  id: number;
  text: string;
  /** Its first evidence (a seed file name, or an article link) and that evidence's sentence. */
  source: string;
  quote: string;
}

/** The sentence one alert's controls act on: its first contradiction, else its first new claim. */
export interface AlertSubject {
  /** Short stable id carried by the controls (see subjectRef). */
  ref: string;
  outboxKey: string;
  channel: ChannelTarget;
  sentence: string;
  verdict: Verdict;
  /** The known claim it contradicts or restates; null for a new claim. */
  claim: SubjectClaim | null;
  itemLink: string | null;
  published: string | null;
  createdAt: number;
}

export interface DeskMark {
  id: number;
  /** The alert it was given on; null for a mark made without an alert. */
  ref: string | null;
  channel: ChannelTarget;
  sentence: string;
  claim: SubjectClaim | null;
  published: string | null;
  botVerdict: Verdict;
  deskVerdict: Verdict;
  /** `discord:USER`, `slack:USER` or `cli:NAME`. */
  user: string;
  /** How the user was named when they marked (shown on the message). */
  userName: string;
  markedAt: number;
}

export interface ChannelMute {
  id: number;
  channel: ChannelTarget;
  claimKey: string;
  claimText: string;
  mutedBy: string;
  mutedAt: number;
}

export interface ClaimStatus {
  claimKey: string;
  claimText: string;
  status: ClaimStatusValue;
  note: string | null;
  setBy: string;
  setAt: number;
}

export interface DeskStore extends AlertLookup {
  /** Records the subject of an alert (once per ref). */
  saveSubject(subject: AlertSubject): void;
  subject(ref: string): AlertSubject | undefined;
  /**
   * Records `user`'s mark on an alert: one per (alert, user), so a double click records one mark; a different verdict
   * from the same user replaces theirs. Says whether anything changed.
   */
  mark(mark: Omit<DeskMark, 'id'>): { mark: DeskMark; changed: boolean };
  /** Marks on one alert, oldest first. */
  marksOn(ref: string): DeskMark[];
  /** Every mark, oldest first. */
  marks(): DeskMark[];
  /** The newest mark of each sentence key among `keys`. */
  latestBySentence(keys: readonly string[]): Map<string, DeskMark>;
  /** Mutes a claim in a channel; muting it twice keeps the first. */
  mute(channel: ChannelTarget, claimKey: string, claimText: string, by: string, now: number): ChannelMute;
  unmute(channel: ChannelTarget, id: number): ChannelMute | undefined;
  mutes(channel?: ChannelTarget): ChannelMute[];
  /** The keys among `keys` muted in `channel`. */
  mutedIn(channel: ChannelTarget, keys: readonly string[]): Set<string>;
  setStatus(status: ClaimStatus): void;
  statuses(keys: readonly string[]): Map<string, ClaimStatus>;
}

/** Reads back the alert an outbox row holds (to redraw a message after a mark). */
export interface AlertLookup {
  alertOf(outboxKey: string): Alert | undefined;
}
