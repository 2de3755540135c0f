/**
 * Who says it: the source nearest a speech verb, never one inside the reported clause or far from any verb.
 */
import { activeStory } from '../story/active-story.ts';
import { SPEECH_WORDS } from './lexicon-events.ts';
import type { Positioned } from './matcher.ts';
import { W_SPEECH, type WordInfo } from './words.ts';

const ACTIVE_SPEECH = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'claimed',
  'claims',
  'denied',
  'denies',
  'deny',
  'announced',
  'stated',
  'insisted',
  'insists',
  'accused',
  'warned',
  'reported',
  'confirmed',
  'acknowledged',
  'admitted',
  'dismissed',
  'rejected',
  'called',
  'added',
  'argued',
  'maintains',
  'maintained',
]);

function speaksAfter(tokens: readonly string[], from: number): boolean {
  for (let k = from; k < from + 4 && k < tokens.length; k++) if (ACTIVE_SPEECH.has(tokens[k] ?? '')) return true;
  return false;
}

/** The speaker: the source nearest a speech verb ("X said", "according to X"), not one inside the reported clause. */
export function readAttribution(
  tokens: readonly string[],
  sources: readonly Positioned[],
  extraSpeech: number,
  infos?: readonly WordInfo[],
): string | null {
  const speech: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const info = infos?.[i];
    if (info ? (info.flags & W_SPEECH) !== 0 : SPEECH_WORDS.has(tokens[i] ?? '')) speech.push(i);
  }
  if (extraSpeech >= 0) speech.push(extraSpeech);
  if (speech.length === 0) return null;
  let best: { id: string; score: number } | undefined;
  for (const s of sources) {
    let dist = Number.POSITIVE_INFINITY;
    let inClause = false;
    for (const p of speech) {
      const d = s.at >= p ? s.at - p : p - (s.end - 1);
      if (d < dist) dist = d;
      if (s.at > p && !inClause) for (let k = p; k < s.at; k++) if (tokens[k] === 'that') inClause = true;
    }
    // a name far from any speech verb (inside a quotation, say) is not who speaks
    if (inClause || dist > 8) continue;
    // a bare country ("North Korea is believed to …", "Russia has …") speaks only as the subject of a speech verb
    const rank = activeStory().sources[s.id]?.rank ?? 0;
    if (rank <= 1 && !speaksAfter(tokens, s.end)) continue;
    const bucket = dist <= 3 ? 0 : 1;
    const score = bucket * 5 - rank;
    if (!best || score < best.score) best = { id: s.id, score };
  }
  return best?.id ?? null;
}
