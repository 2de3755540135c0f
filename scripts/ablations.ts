import { PAIR_FEATURES, SENTENCE_FEATURES } from '../src/core/claims/learned/features.ts';

/**
 * Feature groups `npm run train -- --ablate GROUP` leaves out, by what they read. Names are those of PAIR_FEATURES and
 * SENTENCE_FEATURES (src/core/claims/learned/features.ts); `words` is the learned vocabulary.
 */
export const ABLATIONS: Record<string, string[]> = {
  /** The words of the sentence the sentence model learned (w:…). */
  words: ['words'],
  /** What the rules concluded: their verdict, best match, conflict kind and the tests a restatement must pass. */
  'rule-verdicts': [
    'rule_best_support',
    'rule_best_conflict',
    'conflict_figure',
    'conflict_slot',
    'conflict_polarity',
    'conflict_other',
    'side_flip',
    'gates_all',
    'gate_polarity',
    'gate_proposition',
    'gate_details',
    'agree',
    'rule_known',
    'rule_contradicts',
    'rule_new',
  ],
  /** The claim frames side by side: who asserts what another denies, shared act, theme, actor, place, figures. */
  frames: [
    'asserts_denied',
    'denies_asserted',
    'confirms_denied',
    'asserts_denied_rel',
    'shared_action',
    'shared_theme',
    'shared_actor',
    'shared_place',
    'figures_agree',
    'same_action',
    'same_theme',
    'both_figures',
    'claim_denied',
    'sentence_denied',
    'claim_mixed',
    'sentence_confirmed',
    'sentence_hedged',
    'sentence_revision',
    'same_side',
  ],
  /** Wording overlap: the rules' term similarity and its rank, and plain word overlap with the claim's evidence. */
  overlap: [
    'sim',
    'cover',
    'back',
    'dice',
    'rel',
    'sim_rank',
    'sim_gap',
    'word_overlap',
    'word_cover',
    'word_overlap_gap',
  ],
  /** What the nearest labelled examples say (learned/examples.ts): per verdict, and where they pointed. */
  examples: [...PAIR_FEATURES, ...SENTENCE_FEATURES].filter((f) => f.startsWith('example_')),
  /** The topic cues the analysis reads from the sentence and its article. */
  topic: ['rule_on_topic', 'context_on_topic', ...SENTENCE_FEATURES.filter((f) => f.startsWith('cue_'))],
};

/** Every name a group lists, checked against the features the model has: a misspelt one would leave nothing out. */
export function checkAblations(): void {
  const known = new Set<string>([...PAIR_FEATURES, ...SENTENCE_FEATURES, 'words']);
  for (const [group, names] of Object.entries(ABLATIONS))
    for (const n of names) if (!known.has(n)) throw new Error(`ablation group ${group} names no feature: ${n}`);
}
