/**
 * The claims engine's vocabulary. Everything here is plain data so it can be stored as JSON,
 * printed by the CLI and carried in alerts without conversion.
 */

export type Verdict = 'known' | 'contradicts' | 'new' | 'offtopic';

/** Strength order used to pick an item's verdict from its sentences: contradicts > new > known > offtopic. */
export const VERDICT_STRENGTH: Readonly<Record<Verdict, number>> = { contradicts: 3, new: 2, known: 1, offtopic: 0 };

export type Polarity = 'asserted' | 'denied';
export type Modality = 'asserted' | 'reported' | 'likely' | 'possible' | 'planned';

/** A figure as a closed range; `max` may be Infinity ("more than 10,000"). `text` is the words it came from. */
export interface QuantityRange {
  min: number;
  max: number;
  text: string;
}

/** The structured reading of one claim sentence. Canonical lower-case ids, the story file's (an actor, a place). */
export interface ClaimFrame {
  actor: string | null;
  action: string | null;
  theme: string | null;
  quantity: QuantityRange | null;
  /** Most specific first, then its parents: ['sudzha', 'kursk', 'russia']. */
  place: string[];
  /** ISO date or period ('2024-10', '2024') when stated or inherited from the article. */
  time: string | null;
  /** Who says it, canonical ('hur', 'nis', 'kremlin', 'pentagon', 'zelensky', ...). */
  attribution: string | null;
  polarity: Polarity;
  modality: Modality;
  /** Engine detail used for comparison (optional: frames stored without it still load). */
  detail?: FrameDetail;
}

/** A figure tied to what it counts: `measure` groups actions that count the same thing (troops present/training/fighting). */
export interface QuantityFact extends QuantityRange {
  theme: string | null;
  measure: string;
  /** 'count', 'share', 'per_year', 'per_month' or 'capacity': only figures of one unit compare. */
  unit: string;
}

/** Everything a frame holds beyond its headline slots. */
export interface FrameDetail {
  /** Every action stated (send/deploy resolved by theme), first the main one. */
  actions: string[];
  /** Actions only named as a purpose ("trained to fight"). */
  purposes: string[];
  themes: string[];
  quantities: QuantityFact[];
  /** Single-valued facts that must agree: 'unit:11th brigade' → 'airborne assault', 'role:south_korea defense minister' → 'kim yong hyun'. */
  slots: Record<string, string>;
  /** True when `time` was stated in the sentence rather than inherited from the article. */
  timeStated: boolean;
  /** True when a denial or hedge refers back to the previous sentence ("Putin denies this"). */
  anaphoric: boolean;
  /** Every actor named (canonical), the frame's `actor` being the one that acts. */
  actors?: string[];
  /** Actions the sentence itself asserts: outside any denial, not a purpose, not named in passing. */
  affirmed?: string[];
  /** Actions inside a denial's scope ("hasn't seen any units fighting" → fight). */
  denied?: string[];
  /** Themes inside a denial's scope ("nothing like a military alliance" → agreement). */
  deniedThemes?: string[];
  /** Stated as unverified ("could not be verified", "provided no evidence"). */
  hedged?: boolean;
  /** Stated as confirmed or verified. */
  confirmed?: boolean;
  /** Words that mark a revision of an earlier report ("for the first time", "now", "has risen to"). */
  reversal?: boolean;
}

/** Where a claim was read: a seed file name or an item link, the exact sentence, its date and speaker. */
export interface Evidence {
  source: string;
  quote: string;
  published: string | null;
  speaker: string | null;
}

/** A claim in the known-claims database. `terms` are the engine's normalized content terms (for similarity). */
export interface KnownClaim {
  id: number;
  text: string;
  frame: ClaimFrame;
  terms: string[];
  evidence: Evidence[];
}

/** Port the engine reads known claims through. The store implements it with an inverted index, not a scan. */
export interface ClaimIndex {
  /** Known claims sharing any of `keys`, most keys shared first, at most `limit`. Cost must not grow with the database. */
  candidates(keys: readonly string[], limit: number): KnownClaim[];
  /** Runs `fn`, one document's lookups, as one read: an index with a freshness check may check once. */
  batch?<T>(fn: () => T): T;
}

/** What a caller hands the engine: a text plus the item's context (its title gives topic to short sentences). */
export interface DocumentInput {
  text: string;
  title?: string;
  link?: string;
  /** ISO date of the article, used as the claim's time when the sentence states none. */
  published?: string;
}

/** One sentence after analysis, before it is compared with the database. */
export interface AnalyzedSentence {
  text: string;
  onTopic: boolean;
  frame: ClaimFrame;
  terms: string[];
  /** Index keys: what the store files this claim under and what candidate lookup asks for. */
  keys: string[];
  /** Keys looked up beside `keys` but not filed under (see probeKeys in terms.ts). */
  probes?: string[];
  /** Page furniture (bylines, prompts, headlines of other stories): never a claim. */
  furniture?: boolean;
  /** The topic cues the sentence holds (see topic.ts), for the learned judgement. */
  signals?: TopicCues;
  /** Whether the item's title or the sentence before was on topic. */
  context?: boolean;
}

/** Which kinds of topic cue a sentence holds. */
export interface TopicCues {
  /** The story's subject is named (by itself or a source speaking for it). */
  subject: boolean;
  war: boolean;
  theatre: boolean;
  cooperation: boolean;
  personal: boolean;
  personnel: boolean;
  related: boolean;
  agreement: boolean;
}

export type Relation = 'supports' | 'contradicts';

export interface ClaimMatch {
  claim: KnownClaim;
  relation: Relation;
  score: number;
  /** One line on this match alone (the judgement's `reason` names the best one). */
  reason?: string;
}

/** The engine's answer for one sentence. `reason` is one line naming both sides and their sources. */
export interface SentenceJudgement {
  sentence: AnalyzedSentence;
  verdict: Verdict;
  reason: string;
  matches: ClaimMatch[];
  /** The model that gave this verdict when the optional LLM judge did (src/core/llm); absent for the engine's own. */
  judgedBy?: string;
}

/** Serializable report of a sentence, as `check --json`, alerts and chat replies show it. */
export interface ClaimReport {
  sentence: string;
  verdict: Verdict;
  reason: string;
  matches: Array<{
    claimId: number;
    text: string;
    relation: Relation;
    evidence: Array<{ source: string; quote: string; published: string | null }>;
  }>;
  /** The model that gave the verdict when the LLM judge did; absent when the engine judged alone. */
  judgedBy?: string;
  /** Set when the verdict is the desk's (a mark on an earlier alert of this sentence), not the engine's. */
  desk?: { verdict: Verdict; engineVerdict: Verdict; by: string; at: string };
}

/** Serializable report of a whole text or item: its strongest verdict and each sentence's report. */
export interface ItemReport {
  verdict: Verdict;
  claims: ClaimReport[];
}
