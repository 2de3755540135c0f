/**
 * One-line reasons that name both sides and their sources:
 * `12,000 troops (NIS, 2024-10-18) vs "several thousand" (Ukrainian military intelligence, 000_fbbbb50a1d4c2436.txt)`.
 */
import { activeStory } from '../story/active-story.ts';
import { displayTime } from './time.ts';
import type { AnalyzedSentence, KnownClaim, QuantityFact } from './types.ts';

const THEME_WORDS: Readonly<Record<string, string>> = {
  troops: 'troops',
  special_forces: 'special forces',
  officers: 'officers',
  engineers: 'engineers',
  laborers: 'labourers',
  shells: 'shells',
  missiles: 'missiles',
  containers: 'containers',
  weapons: 'weapons',
  artillery: 'artillery systems',
};

export function sourceLabel(id: string | null): string | null {
  return id ? (activeStory().sources[id]?.label ?? id) : null;
}

/** What `\s` matches beyond ASCII (Unicode space separators, line and paragraph separators, BOM). */
const OTHER_SPACES = new Set([
  0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
  0x202f, 0x205f, 0x3000, 0xfeff,
]);

/** Whether a text has runs of white space, or white space other than single spaces, to fold. */
function needsFolding(text: string): boolean {
  let prevSpace = true; // leading white space is folded too
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return true;
      prevSpace = true;
    } else if (c <= 13 || (c >= 0xa0 && OTHER_SPACES.has(c))) return true;
    else prevSpace = false;
  }
  return prevSpace && text.length > 0;
}

export function clip(text: string, max = 90): string {
  const t = needsFolding(text) ? text.replace(/\s+/g, ' ').trim() : text;
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** "(NIS, 2024-10-18)" for the new sentence: its speaker and date. */
export function sentenceSide(s: AnalyzedSentence): string {
  const parts = [sourceLabel(s.frame.attribution) ?? 'this report', s.frame.time && displayTime(s.frame.time)].filter(
    Boolean,
  );
  return `(${parts.join(', ')})`;
}

export function titleCase(v: string): string {
  return v.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** "(Ukrainian military intelligence, 000_x.txt)" for a known claim: its speaker and where it was read. */
export function claimSide(c: KnownClaim): string {
  const ev = c.evidence[0];
  const who = sourceLabel(c.frame.attribution) ?? ev?.speaker ?? null;
  const parts = [who, ev?.source ?? `claim ${c.id}`].filter(Boolean);
  return `(${parts.join(', ')})`;
}

export function figureText(q: QuantityFact): string {
  const what = q.theme ? (THEME_WORDS[q.theme] ?? q.theme) : '';
  return `${q.text}${what && !q.text.includes(what) ? ` ${what}` : ''}`;
}

export function quoteOf(c: KnownClaim, max = 80): string {
  return `"${clip(c.evidence[0]?.quote ?? c.text, max)}"`;
}
