/**
 * Similarity terms and index keys. Terms are canonical (synonyms folded by the lexicons, other words stemmed) so a
 * restatement in other words shares them; keys combine action, theme, place and figure so postings stay short.
 */
import { ACTION_FAMILY, SPEECH_WORDS, THEME_GROUP } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import { canonicalWord } from './synonyms.ts';
import type { ClaimFrame } from './types.ts';

const STOP = new Set(
  `a about above after again against all also already although am among an and another any are around as at away back be
  became because been before being below between both but by can cannot could did do does doing done down during each
  either else even ever every few for from further had has have having he her here hers him his how however i if in into
  is it its itself just last later least less like made make many may me might more most much must my near nearly neither
  new no nor not now of off on once one only or other others our out over own per perhaps rather same she should since
  so some still such than that the their them then there these they this those though through thus to too toward towards
  under until up upon us very via was we well were what when where whether which while who whom whose why will with within
  without would yet you your said says say saying told tell according reported report reports reportedly claims claim
  claimed stated statement added noted official officials source sources citing cited earlier week month year today
  yesterday monday tuesday wednesday thursday friday saturday sunday time times part number people including include
  includes included country countries two three four five six seven eight nine ten hundreds thousands dozens several
  first second amid among sent also's mr ms dr s t 's n't don't let get got go going gone put take taken took come came
  comes seen see show shows showed shown latest recent recently undergo undergoing undergone underwent having become
  becomes became remain remains remained continue continues continued use used using uses make makes making give gives
  given set puts putting ago days next early late earlier later whose amount amounts large larger lot lots various
  certain particular possible likely unlikely able way ways thing things kind sort instance example`.split(/\s+/),
);

/** Frequent in every sentence of this story: shared but weak evidence of sameness. */
export const COMMON = new Set([
  'war',
  'military',
  'russian',
  'ukrainian',
  'korean',
  'north',
  'south',
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

/** Lower-case letters (and inner dots, "u.s."), starting with a letter. */
function isWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c === 46 && i > 0))) return false;
  }
  return true;
}

export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && /(ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

export function buildTerms(
  tokens: readonly string[],
  hits: readonly Hit[],
  frame: ClaimFrame,
  actors: readonly string[],
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
    const term = wordTerm(tokens[k] ?? '');
    if (term) terms.add(term);
  }
  return [...terms];
}

/**
 * The term of a plain word ("w:" + its canonical or stemmed form), or '' for a word that makes none; kept per word,
 * since the same few thousand words make up most sentences. The table stops growing at WORD_TERMS_MAX words.
 */
const WORD_TERMS_MAX = 50_000;
const wordTerms = new Map<string, string>();
function wordTerm(w: string): string {
  let term = wordTerms.get(w);
  if (term === undefined) {
    if (w.length < 3 || !isWord(w) || STOP.has(w) || SPEECH_WORDS.has(w)) term = '';
    else {
      const canon = canonicalWord(w);
      term = `w:${canon === w ? stem(w) : canon}`;
    }
    if (wordTerms.size < WORD_TERMS_MAX) wordTerms.set(w, term);
  }
  return term;
}

/** Up to `n` rare words and figures, longest first (ties in term order): they narrow the candidates most. */
function rarest(terms: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (const t of terms) {
    const rare = (t.startsWith('w:') && t.length >= 7 && !COMMON_WORD_TERMS.has(t)) || t.startsWith('n:');
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

const COMMON_WORD_TERMS = new Set([...COMMON].map((w) => `w:${w}`));

const BROAD_THEME_KEYS = new Set(['troops', 'formations', 'weapons', 'officers']);

export function buildKeys(frame: ClaimFrame, terms: readonly string[]): string[] {
  const keys = new Set<string>();
  const d = frame.detail;
  const actions = [...new Set([...(d?.actions ?? []), ...(d?.purposes ?? [])])];
  const themes = d?.themes ?? [];
  const specific = frame.place.filter((p) => p !== 'russia' && p !== 'ukraine');
  for (const a of actions) {
    const fam = ACTION_FAMILY[a] ?? a;
    if (themes.length === 0) keys.add(`k:${a}|-`);
    for (const t of themes) {
      keys.add(`k:${a}|${t}`);
      keys.add(`f:${fam}|${THEME_GROUP[t] ?? t}`);
    }
    for (const p of specific.slice(0, 2)) keys.add(`p:${fam}|${p}`);
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
  return [...keys];
}
