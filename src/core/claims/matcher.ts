/**
 * Longest-match phrase lookup over the engine's tokens: one map probe per token, so cost grows with the sentence,
 * not with the size of the lexicon.
 */
import type { Story } from '../story/story.ts';
import {
  ACTION_PHRASES,
  CONFIRM_PHRASES,
  DENY_PHRASES,
  EVAL_PHRASES,
  HEDGE_PHRASES,
  MODAL_PHRASES,
  REVERSAL_PHRASES,
  THEME_PHRASES,
} from './lexicon-events.ts';

/** Phrases that only shield their words from other readings ("call sign" is no signing). */
const INERT_PHRASES = [
  'call sign',
  'call signs',
  'sign of',
  'signs of',
  'in return',
  'arms race',
  'first time',
  'serve as',
  'serves as',
  'served as',
  'serving as',
  'bring home',
  'brought home',
  'on the ground that',
];

export type TagKind =
  | 'actor'
  | 'place'
  | 'source'
  | 'action'
  | 'theme'
  | 'deny'
  | 'hedge'
  | 'modal'
  | 'confirm'
  | 'eval'
  | 'reversal';

export interface Tag {
  kind: TagKind;
  id: string;
}

/** A lexicon tag at a token position: [at, end). */
export interface Positioned {
  id: string;
  at: number;
  end: number;
}

export interface Hit {
  start: number;
  end: number;
  tags: Tag[];
}

interface Entry {
  toks: string[];
  tags: Tag[];
}

interface TrieNode {
  entry?: Entry;
  next?: Map<string, TrieNode>;
}

export type PhraseMatcher = (tokens: readonly string[]) => Hit[];

/** Builds the matcher from the story's names and the lexicons; entries sharing a phrase carry all their tags. */
export function createPhraseMatcher(story: Story): PhraseMatcher {
  const byPhrase = new Map<string, Entry>();
  const add = (kind: TagKind, id: string, phrases: readonly string[]) => {
    for (const p of phrases) {
      const key = p.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
      let e = byPhrase.get(key);
      if (!e) {
        e = { toks: key.split(' '), tags: [] };
        byPhrase.set(key, e);
      }
      if (!e.tags.some((t) => t.kind === kind && t.id === id)) e.tags.push({ kind, id });
    }
  };
  const addAll = (kind: TagKind, table: Readonly<Record<string, readonly string[]>>) => {
    for (const [id, phrases] of Object.entries(table)) add(kind, id, phrases);
  };
  addAll('actor', story.actorPhrases);
  addAll('place', story.placePhrases);
  addAll('source', story.sourcePhrases);
  addAll('action', ACTION_PHRASES);
  addAll('theme', THEME_PHRASES);
  addAll('modal', MODAL_PHRASES);
  add('deny', 'deny', DENY_PHRASES);
  add('hedge', 'hedge', HEDGE_PHRASES);
  add('confirm', 'confirm', CONFIRM_PHRASES);
  addAll('eval', EVAL_PHRASES);
  add('reversal', 'reversal', REVERSAL_PHRASES);
  for (const p of INERT_PHRASES) if (!byPhrase.has(p)) byPhrase.set(p, { toks: p.split(' '), tags: [] });

  // a trie over tokens: the longest phrase starting at each token is found by walking it, one probe per word
  const root: TrieNode = { next: new Map() };
  for (const e of byPhrase.values()) {
    let node = root;
    for (const tok of e.toks) {
      node.next ??= new Map();
      let child = node.next.get(tok);
      if (!child) {
        child = {};
        node.next.set(tok, child);
      }
      node = child;
    }
    node.entry = e;
  }

  return (tokens) => {
    const hits: Hit[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node = root.next?.get(tokens[i] as string);
      let matched: Entry | undefined;
      let k = i + 1;
      while (node) {
        if (node.entry) matched = node.entry;
        if (k >= tokens.length || !node.next) break;
        node = node.next.get(tokens[k] as string);
        k += 1;
      }
      if (matched) {
        hits.push({ start: i, end: i + matched.toks.length, tags: matched.tags });
        i += matched.toks.length;
      } else i += 1;
    }
    return hits;
  };
}
