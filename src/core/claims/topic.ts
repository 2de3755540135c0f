/**
 * The topic test: the story's subject in military cooperation with a party to the war, or the war itself. Who the
 * subject and the parties are comes from the story file.
 */
import { activeStory } from '../story/active-story.ts';
import { PERSONNEL_THEMES } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import type { TopicCues } from './types.ts';
import { W_PERSONAL, W_WAR, type WordInfo, wordInfo } from './words.ts';

/** Actions that only make sense as military cooperation when the story's subject is the actor. */
const COOPERATION = new Set([
  'deploy',
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
]);
const TRADE_ACTIONS = new Set(['exchange', 'produce', 'supply']);
const NOT_WAR_THEMES = new Set(['agreement', 'technology', 'ships', 'people']);

/** The topic cues of a sentence. */
export type TopicSignals = TopicCues;

export function topicSignals(
  tokens: readonly string[],
  hits: readonly Hit[],
  infos?: readonly WordInfo[],
): TopicSignals {
  const s: TopicSignals = {
    subject: false,
    war: false,
    theatre: false,
    cooperation: false,
    personal: false,
    personnel: false,
    related: false,
    agreement: false,
  };
  const story = activeStory();
  for (const h of hits) {
    for (const t of h.tags) {
      if (t.kind === 'actor') {
        if (t.id === story.subject) s.subject = true;
        else if (story.theatre.has(t.id)) s.theatre = true;
        s.related = true;
      } else if (t.kind === 'place') {
        s.theatre = true;
        s.related = true;
      } else if (t.kind === 'action' && tokens[h.start - 1] !== 'to') {
        if (COOPERATION.has(t.id)) s.cooperation = true;
        // exports, trade deals, treaties and aid are not war by themselves ("grain exports rose"); their theme may be
        if (!TRADE_ACTIONS.has(t.id)) s.war = true;
      } else if (t.kind === 'theme') {
        s.related = true;
        if (!NOT_WAR_THEMES.has(t.id)) s.war = true;
        // the subject's workers at home are not the story; abroad, the place says so
        if (PERSONNEL_THEMES.has(t.id) && t.id !== 'laborers') s.personnel = true;
        if (t.id === 'agreement') s.agreement = true;
      } else if (t.kind === 'source') {
        const source = story.sources[t.id];
        if (source && (story.theatre.has(source.side) || source.theatre)) s.theatre = true;
        if (source?.side === story.subject) s.subject = true;
      } else if (t.kind === 'deny') s.related = true;
    }
  }
  for (let k = 0; k < tokens.length; k++) {
    const info = infos?.[k] ?? wordInfo(tokens[k] ?? '');
    const flags = info.flags;
    // the story's own words stand for its theme as war words do for a war ("wildfire" in a fire)
    if (flags & W_WAR || story.topicWords.has(info.term)) s.war = true;
    if (flags & W_PERSONAL) s.personal = true;
  }
  return s;
}

export function isOnTopic(s: TopicSignals): boolean {
  if (s.subject && (s.theatre || s.cooperation || s.personnel || s.agreement)) return true;
  return s.theatre && s.war;
}

/**
 * A sentence with no anchors of its own is on topic inside an on-topic item (its title, or the sentence before it)
 * when it talks about people, fighting, an agreement, a place or a denial.
 */
export function onTopicByContext(s: TopicSignals, contextOnTopic: boolean): boolean {
  return contextOnTopic && (s.personal || s.war || s.cooperation || s.related || s.theatre);
}
