/**
 * Similarity terms and index keys. Terms are canonical (synonyms folded by the lexicons, other words stemmed) so a
 * restatement in other words shares them; keys combine action, theme, place and figure so postings stay short.
 */
import { activeStory } from '../story/active-story.ts';
import { ACTION_FAMILY, THEME_GROUP } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import type { ClaimFrame } from './types.ts';
import { type WordInfo, wordInfo } from './words.ts';

export { stem } from './words.ts';

/** Frequent in reporting of any war: shared but weak evidence of sameness (the story file adds its own). */
const COMMON = new Set([
  'war',
  'military',
  'country',
  'state',
  'government',
  'leader',
  'president',
  'minister',
  'front',
  'line',
  'region',
  'force',
  'troop',
]);

export function buildTerms(
  tokens: readonly string[],
  hits: readonly Hit[],
  frame: ClaimFrame,
  actors: readonly string[],
  infos?: readonly WordInfo[],
): string[] {
  const terms = new Set<string>();
  const covered = new Uint8Array(tokens.length);
  for (const h of hits) for (let k = h.start; k < h.end; k++) covered[k] = 1;
  const d = frame.detail;
  for (const a of d?.actions ?? []) terms.add(`a:${a}`);
  for (const a of d?.purposes ?? []) terms.add(`a:${a}`);
  for (const t of d?.themes ?? []) {
    terms.add(`t:${t}`);
    terms.add(`g:${THEME_GROUP[t] ?? t}`);
  }
  for (const p of frame.place) terms.add(`p:${p}`);
  for (const x of actors) terms.add(`x:${x}`);
  for (const q of d?.quantities ?? []) {
    const figure = /\d[\d,.]*/.exec(q.text)?.[0];
    if (figure) terms.add(`n:${figure.replace(/,/g, '')}`);
  }
  if (frame.attribution) terms.add(`s:${frame.attribution}`);
  // a named system ("KN-23", "Hwasong-11") is as telling as a rare word
  for (const h of hits) {
    if (!h.tags.some((t) => t.kind === 'theme')) continue;
    const words = tokens.slice(h.start, h.end);
    if (words.some((w) => /\d/.test(w))) terms.add(`w:${words.join('')}`);
  }
  for (let k = 0; k < tokens.length; k++) {
    if (covered[k]) continue;
    const term = (infos?.[k] ?? wordInfo(tokens[k] ?? '')).term;
    if (term) terms.add(term);
  }
  return [...terms];
}

/** Up to `n` rare words and figures, longest first (ties in term order): they narrow the candidates most. */
function rarest(terms: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (const t of terms) {
    const rare = (t.startsWith('w:') && t.length >= 7 && !isCommonWord(t.slice(2))) || t.startsWith('n:');
    if (!rare) continue;
    // insertion into a short list kept sorted by length, a longer term before a shorter, a later after an equal one
    let at = out.length;
    while (at > 0 && (out[at - 1] as string).length < t.length) at -= 1;
    if (at < n) {
      out.splice(at, 0, t);
      if (out.length > n) out.pop();
    }
  }
  return out;
}

/** A word found in nearly every sentence of the story: generic ones here, the story's own from its file. */
export function isCommonWord(w: string): boolean {
  return COMMON.has(w) || activeStory().commonWords.has(w);
}

const BROAD_THEME_KEYS = new Set(['troops', 'formations', 'weapons', 'officers']);

export function buildKeys(frame: ClaimFrame, terms: readonly string[]): string[] {
  const keys = new Set<string>();
  const d = frame.detail;
  const actions = [...(d?.actions ?? [])];
  for (const p of d?.purposes ?? []) if (!actions.includes(p)) actions.push(p);
  const themes = d?.themes ?? [];
  const { countries } = activeStory();
  const specific = frame.place.filter((p) => !countries.has(p));
  for (const a of actions) {
    const fam = ACTION_FAMILY[a] ?? a;
    if (themes.length === 0) keys.add(`k:${a}|-`);
    for (const t of themes) {
      keys.add(`k:${a}|${t}`);
      keys.add(`f:${fam}|${THEME_GROUP[t] ?? t}`);
    }
    for (const p of specific.slice(0, 2)) keys.add(`p:${fam}|${p}`);
  }
  // "reports of North Korean soldiers in Russia": people with no verb are there, munitions were supplied
  if (actions.length === 0) {
    for (const t of themes) {
      const group = THEME_GROUP[t] ?? t;
      if (group === 'personnel') keys.add('f:presence|personnel');
      else if (group === 'munitions') keys.add('f:supply|munitions');
    }
  }
  // a specific thing (the alliance, KN-23s, containers) files a claim on its own; "troops" is too common for that
  for (const t of themes) if (actions.length === 0 || !BROAD_THEME_KEYS.has(t)) keys.add(`t:${t}`);
  // Where something happens files a claim even when its verb is one the lexicon lacks ("guard", "work").
  const deepest = specific[0];
  if (deepest) {
    keys.add(`pl:${deepest}`);
    for (const t of themes) keys.add(`tp:${THEME_GROUP[t] ?? t}|${deepest}`);
  }
  for (const q of d?.quantities ?? []) keys.add(`q:${q.measure}|${q.theme ?? '-'}|${q.unit}`);
  for (const s of Object.keys(d?.slots ?? {})) keys.add(`slot:${s}`);
  for (const r of rarest(terms, 6)) keys.add(r);
  // a claim that denies something about an actor is filed under that actor's denials, where assertions look (probeKeys)
  if (deniesSomething(frame)) for (const a of actorsOf(frame)) keys.add(`den:${a}`);
  return [...keys];
}

/**
 * Keys a sentence looks up but is not filed under: whatever a sentence asserts about an actor (an act, a
 * confirmation, praise for a "feat" the lexicon has no verb for) asks for the claims that deny something about that
 * actor, since those are what it may contradict whatever their wording (asking only for recognised acts missed
 * many real contradictions: praise for a "feat", an oath of brotherhood "in the same trench").
 */
export function probeKeys(frame: ClaimFrame): string[] {
  return frame.polarity === 'asserted' ? actorsOf(frame).map((a) => `den:${a}`) : [];
}

function deniesSomething(frame: ClaimFrame): boolean {
  return frame.polarity === 'denied' || (frame.detail?.denied ?? []).length > 0;
}

function actorsOf(frame: ClaimFrame): string[] {
  return frame.detail?.actors ?? (frame.actor ? [frame.actor] : []);
}
