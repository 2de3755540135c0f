/**
 * The desk's use cases, shared by the chat controls, `/claims mark|muted|unmute` and the CLI: marking an alert's
 * sentence right or wrong, muting its claim in the alert's channel, claim statuses, and the marks as labelled pairs.
 * Every refusal is a UserError whose message is fit to show the person who clicked.
 */
import type { Alert, ChannelTarget } from '../alerts.ts';
import type { Verdict } from '../claims/types.ts';
import { UserError } from '../errors.ts';
import { VERDICTS } from '../eval/labelled-set.ts';
import type { ClaimStore } from '../store-ports.ts';
import { claimKey } from '../watch/channel-news.ts';
import {
  type AlertSubject,
  type ChannelMute,
  CLAIM_STATUSES,
  type ClaimStatus,
  type ClaimStatusValue,
  type DeskMark,
  type DeskStore,
} from './ports.ts';

export type MarkAction = { kind: 'right' } | { kind: 'wrong'; verdict: Verdict } | { kind: 'mute' };

export interface Marker {
  /** `discord:USER`, `slack:USER`, `cli:NAME`. */
  id: string;
  /** Shown on the message: the user's handle. */
  name: string;
  isAdmin: boolean;
}

export interface MarkOutcome {
  subject: AlertSubject;
  /** False when the click repeated what was already recorded (a double click). */
  changed: boolean;
  /** Every mark on the alert (after this one), oldest first. */
  marks: DeskMark[];
  /** The mute of the subject's claim in the alert's channel, if it is muted. */
  mute?: ChannelMute;
  /** The alert as it was sent, to redraw the message; absent when its outbox row is gone. */
  alert?: Alert;
  /** A remark for the clicker (the claim has another number since a rebuild). */
  note?: string;
}

/** A mark in the labelled-set format (`npm run train -- --feedback FILE` reads it back). */
export interface FeedbackRow {
  item_id: string;
  sentence: string;
  label: Verdict;
  seed_file: string;
  seed_quote: string;
  published?: string;
  note: string;
  source: 'desk';
}

const SEED_QUOTE_WORDS = 15;
const isLink = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

export function parseVerdict(text: string): Verdict {
  const v = text.trim().toLowerCase();
  if ((VERDICTS as readonly string[]).includes(v)) return v as Verdict;
  throw new UserError('bad_input', `the right verdict must be one of ${VERDICTS.join(', ')} (got "${text}")`);
}

export function parseStatus(text: string): ClaimStatusValue {
  const v = text.trim().toLowerCase();
  if ((CLAIM_STATUSES as readonly string[]).includes(v)) return v as ClaimStatusValue;
  throw new UserError('bad_input', `a claim's status must be one of ${CLAIM_STATUSES.join(', ')} (got "${text}")`);
}

export function createDeskService(deps: { desk: DeskStore; claims: ClaimStore; now?: () => number }) {
  const { desk, claims } = deps;
  const now = deps.now ?? Date.now;

  function subjectOf(ref: string): AlertSubject {
    const subject = /^[0-9a-f]{20}$/.test(ref) ? desk.subject(ref) : undefined;
    if (!subject) {
      throw new UserError(
        'not_found',
        'I have no record of the alert these buttons belong to (the database was reset or the alert predates ' +
          'desk marks), so nothing was recorded. Mark the claim itself with `claims mark` instead.',
      );
    }
    return subject;
  }

  /** Whether the claim the subject names still has its number; a remark when a rebuild renumbered it. */
  function claimNote(subject: AlertSubject): string | undefined {
    const c = subject.claim;
    if (!c) return undefined;
    if (claims.get(c.id)?.text === c.text) return undefined;
    const now = claims.search(c.text, 5).find((k) => k.text === c.text);
    return now
      ? `The database was rebuilt since this alert: claim #${c.id} is now #${now.id}. The mark is kept against its text.`
      : `The database was rebuilt since this alert and claim #${c.id} is no longer in it. The mark is kept against its text.`;
  }

  function mark(ref: string, action: MarkAction, who: Marker): MarkOutcome {
    const subject = subjectOf(ref);
    const note = claimNote(subject);
    const alert = desk.alertOf(subject.outboxKey);
    if (action.kind === 'mute') {
      if (!who.isAdmin) throw new UserError('forbidden', 'Muting a claim needs an admin.');
      const key = claimKey(subject.sentence);
      const before = desk.mutedIn(subject.channel, [key]).has(key);
      const mute = desk.mute(subject.channel, key, subject.sentence, who.name, now());
      return { subject, changed: !before, marks: desk.marksOn(ref), mute, alert, note };
    }
    const deskVerdict = action.kind === 'right' ? subject.verdict : action.verdict;
    if (action.kind === 'wrong' && deskVerdict === subject.verdict) {
      throw new UserError('bad_input', `The alert already says ${deskVerdict}: use Right to confirm it.`);
    }
    const { changed } = desk.mark({
      ref,
      channel: subject.channel,
      sentence: subject.sentence,
      claim: subject.claim,
      published: subject.published,
      botVerdict: subject.verdict,
      deskVerdict,
      user: who.id,
      userName: who.name,
      markedAt: now(),
    });
    const key = claimKey(subject.sentence);
    const mute = desk.mutes(subject.channel).find((m) => m.claimKey === key);
    return { subject, changed, marks: desk.marksOn(ref), alert, note, ...(mute ? { mute } : {}) };
  }

  function claimOrFail(id: number) {
    const claim = claims.get(id);
    if (!claim) throw new UserError('not_found', `no known claim #${id}`);
    return claim;
  }

  return {
    mark,
    setStatus(id: number, status: ClaimStatusValue, note: string | null, who: Marker): ClaimStatus {
      if (!who.isAdmin) throw new UserError('forbidden', "Setting a claim's status needs an admin.");
      const claim = claimOrFail(id);
      const s: ClaimStatus = {
        claimKey: claimKey(claim.text),
        claimText: claim.text,
        status,
        note: note?.trim() ? note.trim() : null,
        setBy: who.name,
        setAt: now(),
      };
      desk.setStatus(s);
      return s;
    },
    statusOf(text: string): ClaimStatus | undefined {
      return desk.statuses([claimKey(text)]).get(claimKey(text));
    },
    /** Mutes claim `id` in `channel` (an admin's `claims mute`). */
    muteClaim(channel: ChannelTarget, id: number, who: Marker): ChannelMute {
      if (!who.isAdmin) throw new UserError('forbidden', 'Muting a claim needs an admin.');
      const claim = claimOrFail(id);
      return desk.mute(channel, claimKey(claim.text), claim.text, who.name, now());
    },
    muted: (channel?: ChannelTarget) => desk.mutes(channel),
    unmute(channel: ChannelTarget, muteId: number, who: Marker): ChannelMute {
      if (!who.isAdmin) throw new UserError('forbidden', 'Unmuting a claim needs an admin.');
      const gone = desk.unmute(channel, muteId);
      if (!gone) throw new UserError('not_found', `nothing is muted as #${muteId} in this channel`);
      return gone;
    },
    marks: () => desk.marks(),
    /**
     * The desk's newest mark of each sentence as a labelled row. A known/contradicts mark must point at a seed claim
     * (training judges against the seeds alone): one whose claim was learned from a feed, or that names no claim,
     * is skipped and counted.
     */
    exportFeedback(): { rows: FeedbackRow[]; skipped: Array<{ mark: DeskMark; why: string }> } {
      const newest = new Map<string, DeskMark>();
      for (const m of desk.marks()) newest.set(claimKey(m.sentence), m);
      const rows: FeedbackRow[] = [];
      const skipped: Array<{ mark: DeskMark; why: string }> = [];
      for (const m of newest.values()) {
        const needsSeed = m.deskVerdict === 'known' || m.deskVerdict === 'contradicts';
        if (needsSeed && !m.claim) {
          skipped.push({ mark: m, why: `a ${m.deskVerdict} mark that names no known claim` });
          continue;
        }
        if (needsSeed && m.claim && (isLink(m.claim.source) || m.claim.source === '')) {
          skipped.push({ mark: m, why: `its claim #${m.claim.id} was learned from a feed, not from a seed` });
          continue;
        }
        const at = new Date(m.markedAt).toISOString();
        rows.push({
          item_id: `desk:${m.ref ?? `mark-${m.id}`}`,
          sentence: m.sentence,
          label: m.deskVerdict,
          seed_file: needsSeed && m.claim ? m.claim.source : '',
          seed_quote: needsSeed && m.claim ? m.claim.quote.split(/\s+/).slice(0, SEED_QUOTE_WORDS).join(' ') : '',
          ...(m.published && /^\d{4}-\d{2}-\d{2}/.test(m.published) ? { published: m.published.slice(0, 10) } : {}),
          note: `desk mark by ${m.user} at ${at} in ${m.channel}; the engine said ${m.botVerdict}`,
          source: 'desk',
        });
      }
      return { rows, skipped };
    },
  };
}

export type DeskService = ReturnType<typeof createDeskService>;
