/**
 * How an action figures in its sentence: resolved by what follows it ("send" troops or shells), named as a purpose
 * ("to fight"), named in passing ("over the deployment"), and who does it.
 */
import { activeStory } from '../story/active-story.ts';
import { MATERIEL_THEMES, PERSONNEL_THEMES } from './lexicon-events.ts';
import type { Positioned } from './matcher.ts';

const MODAL_BEFORE_PURPOSE = new Set([
  'may',
  'could',
  'will',
  'would',
  'can',
  'might',
  'expected',
  'likely',
  'set',
  'going',
  'about',
  'must',
  'should',
  'ready',
  'prepared',
  'willing',
  'able',
  'due',
  'poised',
]);

/** "send" names a deployment when people follow it and a supply when materiel does. */
export function resolveAction(a: Positioned, themes: readonly Positioned[]): string | null {
  if (a.id !== 'transfer') return a.id;
  const after = themes.find((t) => t.at >= a.end && t.at <= a.end + 10);
  const before = [...themes].reverse().find((t) => t.at < a.at && t.at >= a.at - 8);
  const theme = after ?? before;
  if (!theme) return null;
  if (MATERIEL_THEMES.has(theme.id)) return 'supply';
  // "sent the Duma a bill": neither people nor materiel, so not an event of this story
  return PERSONNEL_THEMES.has(theme.id) ? 'deploy' : null;
}

export function isPurpose(tokens: readonly string[], at: number): boolean {
  const prev = tokens[at - 1] ?? '';
  const purpose = prev === 'to' || (prev === 'be' && tokens[at - 2] === 'to');
  if (!purpose) return false;
  const lead = prev === 'to' ? tokens[at - 2] : tokens[at - 3];
  return !MODAL_BEFORE_PURPOSE.has(lead ?? '');
}

const OBJECT_PREPOSITIONS = new Set([
  'in',
  'into',
  'to',
  'near',
  'from',
  'with',
  'alongside',
  'against',
  'for',
  'of',
  'at',
  'inside',
  'within',
  'across',
  'toward',
  'towards',
  'on',
  'beside',
]);
const ADVERBS = new Set([
  'now',
  'already',
  'still',
  'currently',
  'also',
  'reportedly',
  'allegedly',
  'apparently',
  'actively',
  'undergoing',
]);
const COPULAS = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'remain',
  'remains',
  'remained',
  'stay',
  'stayed',
]);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her']);
const NOMINAL = /(ment|ments|al|als|ance|ence|ion|ions|ies|ery|eries)$/;
const BACKGROUND_PREV = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'his',
  'her',
  'of',
  'over',
  'after',
  'since',
  'following',
  'amid',
  'in',
  'for',
  'before',
  'against',
  'about',
  'without',
  // "stop North Korea from sending troops": what is prevented or refrained from is not asserted
  'from',
]);

/**
 * An action named in passing is background, not what the sentence asserts: a noun after a determiner or preposition
 * ("over the deployment", "in fighting") or a participle qualifying a noun ("each soldier sent to Russia").
 */
export function isBackground(
  tokens: readonly string[],
  a: Positioned,
  themes: readonly Positioned[],
  actorAt: ReadonlySet<number>,
): boolean {
  // "are in training" states it; "killed in fighting" names it in passing
  if (BACKGROUND_PREV.has(tokens[a.at - 1] ?? '')) {
    let k = a.at - 2;
    while (k >= 0 && ADVERBS.has(tokens[k] ?? '')) k -= 1;
    if (!COPULAS.has(tokens[k] ?? '')) return true;
  }
  const word = tokens[a.at] ?? '';
  // "the North Korean deployment": a noun after its determiner, past any nationality words
  if (NOMINAL.test(word)) {
    let k = a.at - 1;
    while (k >= 0 && actorAt.has(k)) k -= 1;
    if (BACKGROUND_PREV.has(tokens[k] ?? '')) return true;
  } else if (word.endsWith('ing')) {
    // "a Russian shipping company", "their training": a gerund after its determiner names a thing, not an act
    let k = a.at - 1;
    while (k >= 0 && actorAt.has(k)) k -= 1;
    if (DETERMINERS.has(tokens[k] ?? '')) return true;
  }
  // "ahead of being sent", "before joining the fight": an event still to come, not the news
  const lead = tokens.slice(Math.max(0, a.at - 3), a.at);
  // "watching how Russian forces fight": the event watched is not one the sentence asserts
  if (
    lead.includes('ahead') ||
    lead.includes('before') ||
    lead.includes('until') ||
    lead.includes('prior') ||
    lead.includes('how')
  )
    return true;
  // "officers died when…": a verb that takes no object has no participle that qualifies a noun
  const participle =
    (/ed$/.test(word) || word === 'sent' || word === 'fought' || word === 'brought') && !INTRANSITIVE.has(word);
  return (
    participle &&
    themes.some((t) => t.end === a.at) &&
    !/^(is|are|was|were|been|being|be|have|has|had|get|got)$/.test(tokens[a.at - 2] ?? '')
  );
}

const INTRANSITIVE = new Set(['died', 'arrived', 'fled', 'perished']);

export function ownsPersonnel(actors: readonly Positioned[], themes: readonly Positioned[]): boolean {
  const subject = activeStory().subject;
  return themes.some(
    (t) => PERSONNEL_THEMES.has(t.id) && actors.some((a) => a.id === subject && (a.end === t.at || a.end === t.at - 1)),
  );
}

export function has(id: string, list: readonly Positioned[]): boolean {
  for (const m of list) if (m.id === id) return true;
  return false;
}

/** Who does the main action: the nearest actor before it in the sentence. */
export function subjectOf(
  tokens: readonly string[],
  actors: readonly Positioned[],
  placeStarts: ReadonlySet<number>,
  at: number,
  speakers: ReadonlySet<number>,
): string | null {
  let best: Positioned | undefined;
  for (const a of actors) {
    // "in Russia", "alongside Russian forces", "Russia's Kursk region" name a place or a partner, not who acts
    if (OBJECT_PREPOSITIONS.has(tokens[a.at - 1] ?? '') || placeStarts.has(a.end) || speakers.has(a.at)) continue;
    if (a.at < at && at - a.at <= 8 && (!best || a.at > best.at)) best = a;
  }
  return best?.id ?? null;
}
