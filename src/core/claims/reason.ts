/**
 * One-line reasons that name both sides and their sources:
 * `12,000 troops (NIS, 2024-10-18) vs "several thousand" (Ukrainian military intelligence, 000_fbbbb50a1d4c2436.txt)`.
 */
import { SOURCES } from './lexicon-entities.ts';
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
  return id ? (SOURCES[id]?.label ?? id) : null;
}

export function clip(text: string, max = 90): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** "(NIS, 2024-10-18)" for the new sentence: its speaker and date. */
export function sentenceSide(s: AnalyzedSentence): string {
  const parts = [sourceLabel(s.frame.attribution) ?? 'this report', s.frame.time].filter(Boolean);
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
