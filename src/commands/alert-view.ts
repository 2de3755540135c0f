/**
 * Alert → platform-neutral sections. Discord embeds, Slack blocks and the console render this one view, so what an
 * alert says (headline, claims, the contradicted known claim with its source and date, the reason, the feed) is
 * decided once here; each renderer only applies its own limits and mark-up.
 */
import type { Alert } from '../core/alerts.ts';
import type { ItemReport } from '../core/claims/types.ts';
import { type ClaimReport, VERDICT_STRENGTH, type Verdict } from '../core/claims/types.ts';
import { feedName, formatSource, link, safeText, shortDate, VERDICT_LABEL } from './format.ts';

export interface KnownClaimRef {
  claimId: number;
  text: string;
  /** Source and date already formatted in the neutral mark-up (a URL becomes a link). */
  source: string;
  /** What the desk marked the claim (`/claims mark`): confirmed, disputed, false, retracted. */
  status?: string;
  statusNote?: string | null;
}

export interface ClaimSection {
  verdict: Verdict;
  /** "Contradicts a known claim", "New claim", … */
  label: string;
  sentence: string;
  reason: string;
  /** The model that gave the verdict when the LLM judge did (its reason then begins `judged by <model>:`), else null. */
  judgedBy: string | null;
  /** For a contradiction: the known claims it contradicts; for `known`: the claims that support it. */
  related: KnownClaimRef[];
}

export interface AlertView {
  verdict: Verdict;
  label: string;
  /** The item's title (or "Untitled item"), plain text. */
  title: string;
  link: string | null;
  published: string | null;
  feedName: string;
  feedUrl: string;
  /** Strongest first; off-topic sentences left out. */
  sections: ClaimSection[];
  /** What the item budget left out, plain text, or null. */
  cut: string | null;
  /** Who marked the alert and how (after a click), neutral mark-up, or null. */
  marks: string | null;
}

function toSection(report: ClaimReport, statuses: Alert['statuses'] = {}): ClaimSection {
  const wanted = report.verdict === 'contradicts' ? 'contradicts' : 'supports';
  const related = report.verdict === 'new' ? [] : report.matches.filter((m) => m.relation === wanted);
  return {
    verdict: report.verdict,
    label: VERDICT_LABEL[report.verdict],
    sentence: safeText(report.sentence),
    reason: safeText(report.reason),
    judgedBy: report.judgedBy ? safeText(report.judgedBy) : null,
    related: related.map((m) => {
      const ev = m.evidence[0];
      const status = statuses[m.claimId];
      return {
        claimId: m.claimId,
        text: safeText(m.text),
        source: formatSource(ev?.source, ev?.published ?? null),
        ...(status ? { status: status.status, statusNote: status.note } : {}),
      };
    }),
  };
}

/** Claim sections of a report, strongest verdict first, off-topic ones dropped. Stable within a verdict. */
export function claimSections(claims: readonly ClaimReport[], statuses?: Alert['statuses']): ClaimSection[] {
  return claims
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.verdict !== 'offtopic')
    .sort((a, b) => VERDICT_STRENGTH[b.c.verdict] - VERDICT_STRENGTH[a.c.verdict] || a.i - b.i)
    .map(({ c }) => toSection(c, statuses));
}

export function alertView(alert: Alert, marks?: string): AlertView {
  return {
    verdict: alert.verdict,
    label: VERDICT_LABEL[alert.verdict],
    title: alert.item.title?.trim() ? safeText(alert.item.title) : 'Untitled item',
    link: alert.item.link,
    published: shortDate(alert.item.published),
    feedName: feedName(alert.feed),
    feedUrl: alert.feed.url,
    sections: claimSections(alert.claims, alert.statuses),
    cut: alert.cut ? safeText(alert.cut) : null,
    marks: marks ? marks : null,
  };
}

/** A section's body in the neutral mark-up: the sentence quoted, then the known claim(s) and the reason. */
export function sectionText(section: ClaimSection): string {
  const lines = [`> ${section.sentence}`];
  const word = section.verdict === 'contradicts' ? 'Contradicts' : 'Matches';
  for (const r of section.related) {
    lines.push(`**${word} #${r.claimId}:** ${r.text} — ${r.source}`);
    if (r.status) {
      const what = section.verdict === 'contradicts' ? 'Contradicts a claim' : 'Matches a claim';
      const note = r.statusNote ? ` (${safeText(r.statusNote)})` : '';
      lines.push(`**Desk:** ${what} the desk marked ${r.status}${note}`);
    }
  }
  // a new claim's reason is the engine's "no known claim matches…"; the judge's is worth showing, and who judged
  if (section.reason && (section.verdict !== 'new' || section.judgedBy)) lines.push(`**Why:** ${section.reason}`);
  return lines.join('\n');
}

/** One line for notifications and plain-text fallbacks. */
export function alertSummary(view: AlertView): string {
  const first = view.sections[0];
  const claim = first ? `: ${first.sentence}` : '';
  return `${view.label} — ${view.title} (${view.feedName})${claim}`;
}

/** The headline of an item, linked when it has a URL. */
export function alertHeadline(view: AlertView): string {
  return link(view.title, view.link);
}

/** A `/check` report → sections, with the overall verdict. */
export function reportSections(report: ItemReport): { verdict: Verdict; label: string; sections: ClaimSection[] } {
  return { verdict: report.verdict, label: VERDICT_LABEL[report.verdict], sections: claimSections(report.claims) };
}
