/**
 * The topic test: North Korea–Russia military cooperation, or Russia's war against Ukraine.
 */
import type { Hit } from './matcher.ts';

const WAR_WORDS = new Set([
  'war',
  'military',
  'front',
  'frontline',
  'battlefield',
  'invasion',
  'army',
  'troops',
  'soldiers',
  'missile',
  'missiles',
  'weapons',
  'ammunition',
  'conflict',
  'offensive',
  'combat',
  'mobilization',
  'mobilisation',
  'defense',
  'defence',
  'shells',
  'artillery',
  'drone',
  'drones',
  'brigade',
  'battalion',
  'killed',
  'wounded',
  'captured',
  'casualties',
  'forces',
  'troop',
  'soldier',
  'sanctions',
  'pact',
  'treaty',
  'alliance',
  'munitions',
  'strike',
  'strikes',
]);
/** Actions that only make sense as military cooperation when North Korea is the actor. */
const COOPERATION = new Set([
  'deploy',
  'transfer',
  'fight',
  'die',
  'wound',
  'desert',
  'capture',
  'supply',
  'train',
  'support',
  'observe',
  'sign',
  'ratify',
  'rebuild',
]);
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

export interface TopicSignals {
  dprk: boolean;
  war: boolean;
  theatre: boolean;
  cooperation: boolean;
  personal: boolean;
}

export function topicSignals(tokens: readonly string[], hits: readonly Hit[]): TopicSignals {
  const s: TopicSignals = { dprk: false, war: false, theatre: false, cooperation: false, personal: false };
  for (const h of hits) {
    for (const t of h.tags) {
      if (t.kind === 'actor') {
        if (t.id === 'dprk') s.dprk = true;
        else if (t.id === 'russia' || t.id === 'ukraine') s.theatre = true;
      } else if (t.kind === 'place') s.theatre = true;
      else if (t.kind === 'action') {
        if (COOPERATION.has(t.id)) s.cooperation = true;
        if (t.id !== 'exchange' && t.id !== 'produce') s.war = true;
      } else if (t.kind === 'theme' && t.id !== 'agreement' && t.id !== 'technology' && t.id !== 'ships') s.war = true;
      else if (t.kind === 'source' && (t.id === 'hur' || t.id === 'kremlin' || t.id === 'zelensky' || t.id === 'isw'))
        s.theatre = true;
    }
  }
  for (const tok of tokens) {
    if (WAR_WORDS.has(tok)) s.war = true;
    if (PERSONAL.has(tok)) s.personal = true;
  }
  return s;
}

export function isOnTopic(s: TopicSignals): boolean {
  if (s.dprk && (s.theatre || s.cooperation)) return true;
  return s.theatre && s.war;
}

/** A sentence with no anchors of its own is on topic inside an on-topic item when it talks about people or fighting. */
export function onTopicByContext(s: TopicSignals, titleOnTopic: boolean): boolean {
  return titleOnTopic && (s.personal || s.war || s.cooperation);
}
