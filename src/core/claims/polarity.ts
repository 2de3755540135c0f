/**
 * Where a sentence denies something, and what. A denial cue ("denied", "dismissed … as a hoax", "hasn't seen",
 * "no evidence", a negated action) covers its clause; clauses end at "but", "however", "though", ";".
 * Hedges ("could not be verified") are not denials, and "not only … but also" is not a negation.
 */
import { activeStory } from '../story/active-story.ts';
import { NEGATORS, PERCEPTION_VERBS } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import { W_NEGATOR, type WordInfo } from './words.ts';

const CLAUSE_BREAKS = new Set(['but', 'however', 'though', 'although', 'whereas', ';', 'despite']);
const ANAPHORS = new Set([
  'this',
  'these',
  'those',
  'it',
  'them',
  'such',
  'the',
  'allegations',
  'claims',
  'reports',
  'statements',
  'information',
  'idea',
  'reports',
]);
const FORCES = new Set(['troops', 'formations', 'officers', 'special_forces']);
const PRONOUNS = new Set(['this', 'these', 'those', 'it', 'them', 'such']);
const NOT_NEGATING_AFTER = new Set([
  'only',
  'just',
  'merely',
  'doubt',
  'least',
  'later',
  'less',
  'clear',
  'immediately',
]);

export interface DenialReading {
  /** Token ranges [start, end) that are denied. */
  scopes: Array<[number, number]>;
  /** Token where the first denial cue starts, or -1. */
  cueAt: number;
  /** The denial points back to an earlier sentence ("denies this", "such movements") or names nothing itself. */
  anaphoric: boolean;
  hedged: boolean;
  confirmed: boolean;
}

function clauseOf(tokens: readonly string[], at: number): [number, number] {
  let start = 0;
  for (let k = at - 1; k >= 0; k--) {
    if (CLAUSE_BREAKS.has(tokens[k] ?? '') && !(tokens[k] === 'yet' && tokens[k + 1] === 'to')) {
      start = k + 1;
      break;
    }
  }
  let end = tokens.length;
  for (let k = at + 1; k < tokens.length; k++) {
    if (CLAUSE_BREAKS.has(tokens[k] ?? '') && !(tokens[k] === 'yet' && tokens[k + 1] === 'to')) {
      end = k;
      break;
    }
  }
  return [start, end];
}

function localEnd(tokens: readonly string[], from: number): number {
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k] ?? '';
    if (t === ',' || (CLAUSE_BREAKS.has(t) && !(t === 'yet' && tokens[k + 1] === 'to'))) return k;
  }
  return tokens.length;
}

/** A local negation whose subject is someone else's force ("Ukrainian units suffered no losses"). */
function aboutOthers(
  tokens: readonly string[],
  c: { start: number; end: number; local?: boolean },
  subjectAt: ReadonlySet<number>,
  othersAt: ReadonlySet<number>,
  forceAt: ReadonlySet<number>,
): boolean {
  if (!c.local || PERCEPTION_VERBS.has(tokens[c.end] ?? '') || PERCEPTION_VERBS.has(tokens[c.end + 1] ?? ''))
    return false;
  let others = false;
  for (let k = Math.max(0, c.start - 6); k < c.start; k++) {
    if (subjectAt.has(k)) return false;
    if (othersAt.has(k) && forceAt.has(k)) others = true;
  }
  return others;
}

export function readDenial(
  tokens: readonly string[],
  hits: readonly Hit[],
  infos?: readonly WordInfo[],
): DenialReading {
  const hedgeSpans: Array<[number, number]> = [];
  const contentAt = new Set<number>(); // tokens starting an action or theme
  const cues: Array<{ start: number; end: number; local?: boolean; from?: number }> = [];
  // "sent no workers", "has seen no sign": an action whose object is negated is itself denied
  const actionEndingAt = new Map<number, number>();
  let hedged = false;
  let confirmed = false;
  for (const h of hits) {
    for (const t of h.tags) {
      if (t.kind === 'hedge') {
        hedged = true;
        hedgeSpans.push([h.start, h.end]);
      } else if (t.kind === 'deny') {
        // "urged Beijing to halt the deployment" asks for a denial; it does not state one
        if (tokens[h.start - 1] !== 'to') cues.push({ start: h.start, end: h.end });
      } else if (t.kind === 'confirm') confirmed = true;
      else if (t.kind === 'action' || t.kind === 'theme' || t.kind === 'eval') {
        contentAt.add(h.start);
        if (t.kind === 'action') actionEndingAt.set(h.end, h.start);
      }
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] ?? '';
    const info = infos?.[i];
    if (info ? (info.flags & W_NEGATOR) === 0 : !NEGATORS.has(tok)) continue;
    if (inScopes(hedgeSpans, i) || (tok !== 'no' && NOT_NEGATING_AFTER.has(tokens[i + 1] ?? ''))) continue;
    if (tok === 'not' && tokens[i - 1] === 'or') continue; // "whether or not"
    if (cues.some((c) => i >= c.start && i < c.end)) continue;
    let negates = false;
    const reach = tok === 'no' || tok === 'without' ? 3 : 6;
    for (let k = i + 1; k <= i + reach && k < tokens.length; k++) {
      if (CLAUSE_BREAKS.has(tokens[k] ?? '') || tokens[k] === ',') break;
      if (PERCEPTION_VERBS.has(tokens[k] ?? '') || contentAt.has(k)) {
        negates = true;
        break;
      }
    }
    if (negates) {
      const verbAt = tok === 'no' ? actionEndingAt.get(i) : undefined;
      cues.push(
        verbAt === undefined
          ? { start: i, end: i + 1, local: true }
          : { start: i, end: i + 1, local: true, from: verbAt },
      );
    }
  }
  const yet = tokens.indexOf('yet');
  if (yet >= 0 && tokens[yet + 1] === 'to' && PERCEPTION_VERBS.has(tokens[yet + 2] ?? ''))
    cues.push({ start: yet, end: yet + 3 });
  if (cues.length === 0) return { scopes: [], cueAt: -1, anaphoric: false, hedged, confirmed };
  // "Ukrainian units suffered no losses": a negation whose subject is another party's force says nothing of the subject's
  const { subject, theatre } = activeStory();
  const othersAt = new Set<number>();
  const subjectAt = new Set<number>();
  const forceAt = new Set<number>();
  for (const h of hits) {
    for (const t of h.tags) {
      if (t.kind === 'theme' && FORCES.has(t.id)) forceAt.add(h.start);
      if (t.kind !== 'actor') continue;
      if (t.id === subject) subjectAt.add(h.start);
      else if (theatre.has(t.id)) othersAt.add(h.end);
    }
  }
  const usable = cues
    .filter((c) => !inScopes(hedgeSpans, c.start) && !aboutOthers(tokens, c, subjectAt, othersAt, forceAt))
    .sort((a, b) => a.start - b.start);
  // A negator covers what follows it up to the next comma; a denial verb or noun covers its whole clause.
  const scopes = usable.map((c): [number, number] =>
    c.local ? [c.from ?? c.start, localEnd(tokens, c.end)] : clauseOf(tokens, c.start),
  );
  const first = usable[0];
  let anaphoric = false;
  if (first) {
    const after = tokens.slice(first.end, first.end + 2);
    const [s, e] = scopes[0] ?? [0, 0];
    let ownContent = false;
    for (let k = s; k < e; k++) if (contentAt.has(k) && (k < first.start || k >= first.end)) ownContent = true;
    // "denies this", "called these statements fake" point back; "dismissed claims of X" names its own content
    const pronoun = after.some((w) => PRONOUNS.has(w));
    const k = after[0] === 'the' ? first.end + 1 : first.end;
    const noun = ANAPHORS.has(tokens[k] ?? '') && !['of', 'that', 'about'].includes(tokens[k + 1] ?? '');
    anaphoric = !ownContent || pronoun || noun || tokens.slice(s, e).includes('such');
  }
  return { scopes, cueAt: first?.start ?? -1, anaphoric, hedged, confirmed: confirmed && usable.length === 0 };
}

export function inScopes(scopes: ReadonlyArray<[number, number]>, at: number): boolean {
  return scopes.some(([a, b]) => at >= a && at < b);
}
