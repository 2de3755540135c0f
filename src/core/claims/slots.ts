/**
 * Single-valued facts a sentence names in passing: who holds an office ("South Korean Defense Minister Kim Yong-hyun")
 * and which unit hosts a force ("the 11th separate airborne assault brigade"). Two sources naming different values
 * for one slot cannot both be right.
 */

import { activeStory } from '../story/active-story.ts';

const ROLES: ReadonlyArray<readonly string[]> = [
  ['defense', 'minister'],
  ['defence', 'minister'],
  ['foreign', 'minister'],
  ['prime', 'minister'],
  ['intelligence', 'chief'],
  ['spy', 'chief'],
  ['spokesman'],
  ['spokeswoman'],
  ['spokesperson'],
  ['president'],
  ['leader'],
];

const ROLE_FIRST = new Set(ROLES.map((r) => r[0] ?? ''));

const UNIT_NOUNS = new Set(['brigade', 'battalion', 'regiment', 'division', 'corps', 'army']);
const UNIT_FILLER = new Set(['separate', 'guards', 'guard', 'the', 'independent', 'of', 'military']);
/** A unit's description without the party that fields it ("the 11th Russian airborne brigade"). */
const isFiller = (w: string) => UNIT_FILLER.has(w) || activeStory().theatreWords.has(w);

function endsWith(tokens: readonly string[], end: number, phrase: readonly string[]): boolean {
  if (end - phrase.length < 0) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[end - phrase.length + k] !== phrase[k]) return false;
  return true;
}

function startsAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (tokens[at + k] !== phrase[k]) return false;
  return true;
}

export function extractSlots(tokens: readonly string[], caps: readonly boolean[]): Record<string, string> {
  const slots: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    if (!ROLE_FIRST.has(tok) && !(tok.charCodeAt(0) >= 48 && tok.charCodeAt(0) <= 57)) continue;
    for (const role of ROLES) {
      if (role[0] !== tok || !startsAt(tokens, i, role)) continue;
      let nation: string | null = null;
      for (const [phrase, id] of activeStory().officePrefixes) {
        if (endsWith(tokens, i, phrase)) {
          nation = id;
          break;
        }
      }
      if (!nation) continue;
      const name: string[] = [];
      let k = i + role.length;
      while (k < tokens.length && caps[k] && /^[a-z]+$/.test(tokens[k] ?? '') && name.length < 4) {
        name.push(tokens[k] ?? '');
        k += 1;
      }
      if (name.length >= 2) slots[`role:${nation} ${role.join(' ')}`] = name.join(' ');
    }
    const ord = /^(\d+)(st|nd|rd|th)$/.exec(tok);
    if (ord) {
      const desc: string[] = [];
      for (let k = i + 1; k < Math.min(tokens.length, i + 6); k++) {
        const t = tokens[k] ?? '';
        if (UNIT_NOUNS.has(t)) {
          slots[`unit:${t}`] = [tok, ...desc.filter((d) => !isFiller(d))].join(' ');
          break;
        }
        if (!/^[a-z]+$/.test(t)) break;
        desc.push(t);
      }
    }
  }
  return slots;
}

/** Whether two values of one slot name different things (names compared by their parts). */
export function slotValuesDiffer(slot: string, a: string, b: string): boolean {
  if (slot.startsWith('role:')) {
    const pa = new Set(a.split(' '));
    return !b.split(' ').some((p) => pa.has(p));
  }
  return a !== b;
}
