/**
 * Splits a document into sentences with wink-nlp (one readDoc per document) and turns wink's tokens into the engine's:
 * lower case, hyphenated words split, possessive 's dropped, each with its offset in the text.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

export interface SentenceSpan {
  /** Offsets into the (normalized, same-length) text. */
  start: number;
  end: number;
  /** Engine tokens. */
  tokens: string[];
  /** Whether each engine token starts with a capital letter in the source (names, headlines). */
  caps: boolean[];
  /** The sentence starts a line (a line break or the start of the text precedes it). */
  lineStart: boolean;
  /** The sentence ends a line. */
  lineEnd: boolean;
}

export interface Segmenter {
  segment(text: string): SentenceSpan[];
  tokenize(text: string): string[];
}

type WinkInstance = ReturnType<typeof winkNLP>;

/** The model is immutable, so one wink instance per process is shared by every segmenter. */
let sharedNlp: WinkInstance | undefined;
function nlpInstance(): WinkInstance {
  sharedNlp ??= winkNLP(model, ['sbd']);
  return sharedNlp;
}

const FIGURE_RANGE = /^\d[\d,.]*-\d[\d,.]*$/;
const DROP = new Set(["'s", "'", '"', "s'"]);
const CONTRACTIONS = new Map([
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'d", 'would'],
]);
const NEGATED_HEADS = new Map([
  ['ca', 'can'],
  ['wo', 'will'],
  ['sha', 'shall'],
]);

/** British spellings common in news copy, folded to the American ones the lexicons use. */
const SPELLING = new Map(
  `defence:defense defences:defenses offence:offense offensive:offensive centre:center centres:centers labour:labor
  labourer:laborer labourers:laborers programme:program programmes:programs travelled:traveled travelling:traveling
  sceptical:skeptical scepticism:skepticism organise:organize organised:organized organising:organizing analyse:analyze
  analysed:analyzed recognise:recognize recognised:recognized mobilise:mobilize mobilised:mobilized armour:armor
  armoured:armored honour:honor favour:favor rumour:rumor rumours:rumors calibre:caliber metre:meter metres:meters
  kilometre:kilometer kilometres:kilometers neighbour:neighbor neighbouring:neighboring authorise:authorize
  authorised:authorized criticise:criticize criticised:criticized emphasise:emphasize emphasised:emphasized
  realise:realize modernise:modernize utilise:utilize equipped:equipped jewellery:jewelry manoeuvre:maneuver
  manoeuvres:maneuvers grey:gray licence:license practise:practice fulfil:fulfill enrol:enroll signalled:signaled
  cancelled:canceled modelled:modeled levelled:leveled fuelled:fueled labelled:labeled`
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]),
);

/** Lower case with contractions spelled out ("hasn't" → "has", "not"); what wink's normal gives, without a second pass. */
function normalOf(value: string, next: string | undefined): string {
  const lower = value.toLowerCase();
  const n =
    SPELLING.get(lower) ?? (lower.length >= 7 && lower.endsWith('isation') ? `${lower.slice(0, -7)}ization` : lower);
  if (n.charCodeAt(0) === 39 || n === "n't") return CONTRACTIONS.get(n) ?? n;
  if (next !== undefined && (next === "n't" || next === "N'T")) return NEGATED_HEADS.get(n) ?? n;
  return n;
}

export function createSegmenter(): Segmenter {
  const nlp = nlpInstance();
  const its = nlp.its;
  return {
    tokenize(text) {
      return nlp.readDoc(text).tokens().out(its.normal);
    },
    segment(text) {
      const doc = nlp.readDoc(text);
      const tokens = doc.tokens();
      const values = tokens.out(its.value) as string[];
      const spaces = tokens.out(its.precedingSpaces) as string[];
      const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
      // offset of token `k`, worked out as the loop below reaches it (sentences come in token order)
      let next = 0;
      let off = 0;
      let at = 0;
      const out: SentenceSpan[] = [];
      let cur: SentenceSpan | null = null;
      let lineStart = true;
      for (const [from, to] of spans) {
        for (let k = from; k <= to; k++) {
          const v = values[k] ?? '';
          if (k >= next) {
            for (; next < k; next++) off += (spaces[next] ?? '').length + (values[next] ?? '').length;
            at = off + (spaces[k] ?? '').length;
            off = at + v.length;
            next = k + 1;
          } else at = offsetOf(values, spaces, k);
          const c0 = v.charCodeAt(0);
          const blank = c0 === 32 || c0 === 10 || c0 === 13 || c0 === 9 || Number.isNaN(c0);
          if (v.includes('\n') || (spaces[k] ?? '').includes('\n')) {
            if (cur) {
              flush(out, cur, true);
              cur = null;
            } else if (out.length > 0) (out[out.length - 1] as SentenceSpan).lineEnd = true;
            lineStart = true;
          }
          if (blank && v.trim() === '') continue;
          const n = normalOf(v, values[k + 1]);
          if (!cur) {
            cur = { start: at, end: 0, tokens: [], caps: [], lineStart, lineEnd: false };
            lineStart = false;
          }
          cur.end = at + v.length;
          if (DROP.has(n)) continue;
          // "Won-sik": the part after a glued hyphen belongs to the capitalised name before it.
          const glued = k > 0 && values[k - 1] === '-' && spaces[k] === '' && spaces[k - 1] === '';
          const isCap = (c0 >= 65 && c0 <= 90) || (glued && cur.caps[cur.caps.length - 1] === true);
          if (
            n.length > 1 &&
            n.includes('-') &&
            !(n.charCodeAt(0) >= 48 && n.charCodeAt(0) <= 57) &&
            n.charCodeAt(0) !== 45
          ) {
            for (const part of n.split('-')) {
              if (part) {
                cur.tokens.push(part);
                cur.caps.push(isCap);
              }
            }
          } else if (FIGURE_RANGE.test(n)) {
            // "10,000-12,000": a range the figure reader reads as "10,000 - 12,000"
            const dash = n.indexOf('-');
            cur.tokens.push(n.slice(0, dash), '-', n.slice(dash + 1));
            cur.caps.push(false, false, false);
          } else if (n !== '-') {
            cur.tokens.push(n);
            cur.caps.push(isCap);
          }
        }
        if (cur) flush(out, cur, false);
        cur = null;
      }
      const last = out[out.length - 1];
      if (last) last.lineEnd = true;
      return mergeFragments(out);
    },
  };
}

/** Offset of token `k` counted from the start (for a token the sentence order visits twice, which wink does not do). */
function offsetOf(values: readonly string[], spaces: readonly string[], k: number): number {
  let off = 0;
  for (let i = 0; i < k; i++) off += (spaces[i] ?? '').length + (values[i] ?? '').length;
  return off + (spaces[k] ?? '').length;
}

/** Ends a sentence: kept when it has tokens. */
function flush(out: SentenceSpan[], cur: SentenceSpan, lineEnd: boolean): void {
  if (cur.tokens.length === 0) return;
  cur.lineEnd = lineEnd;
  out.push(cur);
}

/**
 * wink splits after abbreviations and domains ("LIGA.net", "Oct. 14"); a sentence of news copy does not start in lower
 * case, so such a fragment is glued back onto the sentence before it on the same line.
 */
function mergeFragments(spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const sp of spans) {
    const prev = out[out.length - 1];
    const first = sp.tokens[0] ?? '';
    if (prev && !sp.lineStart && !prev.lineEnd && /^[a-z]/.test(first) && sp.caps[0] === false) {
      prev.end = sp.end;
      prev.tokens.push(...sp.tokens);
      prev.caps.push(...sp.caps);
      prev.lineEnd = sp.lineEnd;
    } else out.push(sp);
  }
  return out;
}
