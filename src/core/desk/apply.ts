/**
 * What the desk's marks change in the watcher, worked out per item inside the pipeline's transaction:
 * - a sentence the desk marked takes the desk's verdict wherever it appears again (marked known: no longer news);
 * - a claim muted in a channel, and the sentences that restate it, are left out of that channel's alerts only;
 * - the desk's status of each claim an alert cites travels with the alert;
 * - each alert's subject (the sentence its controls act on) is recorded, so a click resolves after a restart.
 */
import type { Alert, ChannelTarget } from '../alerts.ts';
import type { ClaimReport, Verdict } from '../claims/types.ts';
import { VERDICT_STRENGTH } from '../claims/types.ts';
import { claimKey } from '../watch/channel-news.ts';
import { sha256 } from '../watch/item-key.ts';
import type { AlertSubject, DeskStore, SubjectClaim } from './ports.ts';

/** The id an alert's controls carry: the alert's outbox key and its subject sentence, hashed short. */
export function subjectRef(outboxKey: string, sentence: string): string {
  return sha256(`${outboxKey}\n${claimKey(sentence)}`).slice(0, 20);
}

/** The report an alert's controls act on: its first contradiction, else its first new claim. */
export function subjectReport(claims: readonly ClaimReport[]): ClaimReport | undefined {
  return claims.find((c) => c.verdict === 'contradicts') ?? claims.find((c) => c.verdict === 'new');
}

const isLink = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/** The known claim a report contradicts (or restates), with its first seed evidence where it has one. */
export function subjectClaim(report: ClaimReport): SubjectClaim | null {
  const relation = report.verdict === 'contradicts' ? 'contradicts' : 'supports';
  const m = report.matches.find((x) => x.relation === relation);
  if (!m) return null;
  const ev = m.evidence.find((e) => !isLink(e.source)) ?? m.evidence[0];
  return { id: m.claimId, text: m.text, source: ev?.source ?? '', quote: ev?.quote ?? m.text };
}

/** Reports whose sentence the desk marked take the desk's (newest) verdict. */
export function withDeskVerdicts(desk: DeskStore, reports: readonly ClaimReport[]): ClaimReport[] {
  if (reports.length === 0) return [];
  const latest = desk.latestBySentence(reports.map((r) => claimKey(r.sentence)));
  if (latest.size === 0) return [...reports];
  return reports.map((r) => {
    const mark = latest.get(claimKey(r.sentence));
    if (!mark) return r;
    const at = new Date(mark.markedAt).toISOString().slice(0, 10);
    const verdict = mark.deskVerdict;
    const kept = verdict === 'contradicts' ? 'contradicts' : verdict === 'known' ? 'supports' : null;
    // the verdict is the desk's now: not the LLM judge's, whichever judged it before
    const { judgedBy: _judge, ...engine } = r;
    return {
      ...engine,
      verdict,
      reason: `the desk marked this sentence ${verdict} (${mark.userName}, ${at}); the engine said ${r.verdict}`,
      matches: kept ? r.matches.filter((m) => m.relation === kept) : [],
      desk: { verdict, engineVerdict: r.verdict, by: mark.userName, at },
    };
  });
}

/** Every claim key a report brings or restates: its own sentence and the claims it supports. */
function keysOf(r: ClaimReport): string[] {
  return [claimKey(r.sentence), ...r.matches.filter((m) => m.relation === 'supports').map((m) => claimKey(m.text))];
}

/** One channel's reports without the claims muted there; the verdict is the strongest left. */
export function withoutMuted(
  desk: DeskStore,
  channel: ChannelTarget,
  reports: readonly ClaimReport[],
): { verdict: Verdict; reports: ClaimReport[] } {
  const muted = desk.mutedIn(channel, [...new Set(reports.flatMap(keysOf))]);
  const kept = muted.size === 0 ? [...reports] : reports.filter((r) => !keysOf(r).some((k) => muted.has(k)));
  let verdict: Verdict = 'offtopic';
  for (const r of kept) if (VERDICT_STRENGTH[r.verdict] > VERDICT_STRENGTH[verdict]) verdict = r.verdict;
  return { verdict, reports: kept };
}

/** The desk's status of each claim the alert cites, by claim id. */
export function citedStatuses(desk: DeskStore, claims: readonly ClaimReport[]): Alert['statuses'] {
  const texts = new Map<number, string>();
  for (const c of claims) for (const m of c.matches) texts.set(m.claimId, m.text);
  if (texts.size === 0) return undefined;
  const found = desk.statuses([...texts.values()].map(claimKey));
  if (found.size === 0) return undefined;
  const out: NonNullable<Alert['statuses']> = {};
  for (const [id, text] of texts) {
    const s = found.get(claimKey(text));
    if (s) out[id] = { status: s.status, note: s.note };
  }
  return out;
}

/** Records the subject of an alert about to be enqueued and returns what the alert carries of it. */
export function recordSubject(
  desk: DeskStore,
  alert: Alert,
  outboxKey: string,
  channel: ChannelTarget,
  now: number,
): Alert['subject'] {
  const report = subjectReport(alert.claims);
  if (!report) return undefined;
  const subject: AlertSubject = {
    ref: subjectRef(outboxKey, report.sentence),
    outboxKey,
    channel,
    sentence: report.sentence,
    verdict: report.verdict,
    claim: subjectClaim(report),
    itemLink: alert.item.link,
    published: alert.item.published,
    createdAt: now,
  };
  desk.saveSubject(subject);
  return { ref: subject.ref, sentence: subject.sentence, verdict: subject.verdict };
}
