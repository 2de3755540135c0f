/**
 * What the engine needs to know of a plain word, worked out once per word and kept: its similarity term and the word
 * lists it belongs to. Each sentence then looks each of its words up once instead of once per word list.
 */
import { NEGATORS, SPEECH_WORDS } from './lexicon-events.ts';
import { canonicalWord } from './synonyms.ts';

/** A war word ("troops", "front"): with a theatre, a sentence is about the war. */
export const W_WAR = 1;
/** A person or pronoun ("he", "soldiers"): leans on the sentence before. */
export const W_PERSONAL = 2;
/** A speech verb ("said", "told"). */
export const W_SPEECH = 4;
/** A negator ("not", "no", "never"). */
export const W_NEGATOR = 8;

export interface WordInfo {
  /** "w:" + the canonical or stemmed word, or '' for a word that makes no term. */
  term: string;
  flags: number;
}

const WAR_WORDS = new Set(
  `war military front frontline battlefield invasion army troops soldiers missile missiles weapons ammunition conflict
  offensive combat mobilization mobilisation defense defence shells artillery drone drones brigade battalion killed
  wounded captured casualties forces troop soldier sanctions pact treaty alliance munitions strike strikes`.split(
    /\s+/,
  ),
);
const PERSONAL = new Set([
  'he',
  'she',
  'they',
  'his',
  'her',
  'their',
  'him',
  'them',
  'soldier',
  'soldiers',
  'troops',
  'man',
  'men',
  'prisoner',
  'prisoners',
]);

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
  certain particular possible likely unlikely able way ways thing things kind sort instance example far`.split(/\s+/),
);

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

/** Words kept; past this many, a new word is worked out each time it is met. */
const WORDS_MAX = 50_000;
const words = new Map<string, WordInfo>();

export function wordInfo(w: string): WordInfo {
  let info = words.get(w);
  if (info === undefined) {
    let term = '';
    if (w.length >= 3 && isWord(w) && !STOP.has(w) && !SPEECH_WORDS.has(w)) {
      const canon = canonicalWord(w);
      term = `w:${canon === w ? stem(w) : canon}`;
    }
    const flags =
      (WAR_WORDS.has(w) ? W_WAR : 0) |
      (PERSONAL.has(w) ? W_PERSONAL : 0) |
      (SPEECH_WORDS.has(w) ? W_SPEECH : 0) |
      (NEGATORS.has(w) ? W_NEGATOR : 0);
    info = { term, flags };
    if (words.size < WORDS_MAX) words.set(w, info);
  }
  return info;
}

/** The info of each token of a sentence. */
export function wordInfos(tokens: readonly string[]): WordInfo[] {
  const out = new Array<WordInfo>(tokens.length);
  for (let k = 0; k < tokens.length; k++) out[k] = wordInfo(tokens[k] as string);
  return out;
}
