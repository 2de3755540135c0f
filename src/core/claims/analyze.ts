/**
 * Document → analyzed sentences: typography, date line, sentences (one wink readDoc per document), furniture,
 * duplicate text, topic (with the item's title as context), claim frame, terms and keys.
 */
import { extractFrame, inheritContent } from './frame.ts';
import type { PhraseMatcher } from './matcher.ts';
import { boundTokens, isFurniture, looksLikeHeadline, normalizeTypography, splitDateLine } from './normalize.ts';
import type { Segmenter } from './segment.ts';
import { buildKeys, buildTerms, probeKeys } from './terms.ts';
import { isOnTopic, onTopicByContext, topicSignals } from './topic.ts';
import type { AnalyzedSentence, ClaimFrame, DocumentInput } from './types.ts';
import { wordInfos } from './words.ts';

export interface AnalyzerDeps {
  segmenter: Segmenter;
  match: PhraseMatcher;
}

function isoDate(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = /^\d{4}-\d{2}-\d{2}/.exec(value);
  if (m) return m[0];
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** The frame of a sentence that is no claim (furniture, other news). */
function emptyFrame(published: string | null): ClaimFrame {
  return {
    actor: null,
    action: null,
    theme: null,
    quantity: null,
    place: [],
    time: published,
    attribution: null,
    polarity: 'asserted',
    modality: 'asserted',
  };
}

export function createAnalyzer(deps: AnalyzerDeps): (doc: DocumentInput) => AnalyzedSentence[] {
  const { segmenter, match } = deps;

  const titleOnTopic = (title: string | undefined): boolean => {
    if (!title) return false;
    const spans = segmenter.segment(boundTokens(normalizeTypography(title)));
    return spans.some((sp) => isOnTopic(topicSignals(sp.tokens, match(sp.tokens))));
  };

  return (doc) => {
    const normalized = boundTokens(normalizeTypography(doc.text));
    const { date, body } = splitDateLine(normalized);
    const published = isoDate(doc.published) ?? date;
    const spans = segmenter.segment(body);
    let lines = 0;
    for (const sp of spans) if (sp.lineStart) lines += 1;
    const contextOnTopic = titleOnTopic(doc.title);
    const seen = new Set<string>();
    const out: AnalyzedSentence[] = [];
    let antecedent: { frame: ClaimFrame; terms: string[] } | null = null;
    let previousOnTopic: boolean = false;
    let earlier: { frame: ClaimFrame; terms: string[] } | null = null;
    for (const sp of spans) {
      if (spans.length > 1) {
        const key = sp.tokens.join(' ');
        if (seen.has(key)) continue; // a repeated article or pull quote is read once
        seen.add(key);
      }
      const text = doc.text.slice(sp.start, sp.end).trim();
      const plain = body.slice(sp.start, sp.end);
      const furniture = isFurniture(plain) || (lines >= 3 && sp.lineStart && sp.lineEnd && looksLikeHeadline(plain));
      // The title, or an on-topic sentence just before, gives topic to a sentence that leans on it.
      const context: boolean = contextOnTopic || previousOnTopic;
      if (furniture) {
        // page furniture is never a claim: no lexicon pass, no frame
        out.push({ text, onTopic: false, frame: emptyFrame(published), terms: [], keys: [], furniture: true });
        continue;
      }
      const hits = match(sp.tokens);
      const infos = wordInfos(sp.tokens);
      const signals = topicSignals(sp.tokens, hits, infos);
      let onTopic: boolean = isOnTopic(signals) || onTopicByContext(signals, context);
      const reading = extractFrame(sp.tokens, sp.caps, hits, published, infos);
      if (!onTopic && !previousOnTopic) {
        // off topic by the rules (no country, no context), but read in full: real reporting leaves the country out
        // ("He also dismissed the claims as another media hoax"), and the learned judgement may find what it restates
        const offTerms = buildTerms(sp.tokens, hits, reading.frame, reading.actors, infos);
        const frame = reading.frame;
        const keys = buildKeys(frame, offTerms);
        out.push({ text, onTopic: false, frame, terms: offTerms, keys, probes: probeKeys(frame), signals, context });
        previousOnTopic = false;
        continue;
      }
      let frame = reading.frame;
      let terms = buildTerms(sp.tokens, hits, frame, reading.actors, infos);
      if (frame.detail?.anaphoric && antecedent && previousOnTopic) {
        frame = inheritContent(frame, antecedent.frame);
        // "these statements", "them": a plural sums up the last two claims; "this" only the last
        const both = earlier && /\b(these|those|them|they|such)\b/i.test(plain) ? earlier : null;
        if (both) frame = inheritContent(frame, both.frame);
        // the event's kind comes from the sentence referred to; its wording does not, or every restatement of
        // that sentence would look like a restatement of the denial
        const lent = [...antecedent.terms, ...(both?.terms ?? [])].filter((t) => /^[atgxp]:/.test(t));
        terms = [...new Set([...terms, ...lent])];
        onTopic = true;
      }
      const probes = probeKeys(frame);
      out.push({ text, onTopic, frame, terms, keys: buildKeys(frame, terms), probes, signals, context });
      if (onTopic && !frame.detail?.anaphoric) {
        // "these statements" may sum up the last two claims, so both lend their content
        earlier = antecedent;
        antecedent = { frame, terms };
      }
      previousOnTopic = onTopic;
    }
    return out;
  };
}
