import { describe, expect, it } from 'vitest';
import type { ClaimFrame, DocumentInput, KnownClaim, SentenceJudgement } from '../../src/core/claims/types.ts';
import {
  createKeywordBaseline,
  formatEvalReport,
  parseLabelledSet,
  runEval,
  topicKeywordsOf,
} from '../../src/core/eval/index.ts';

const FRAME: ClaimFrame = {
  actor: null,
  action: null,
  theme: null,
  quantity: null,
  place: [],
  time: null,
  attribution: null,
  polarity: 'asserted',
  modality: 'asserted',
};
const SHELLS =
  'North Korea already supplies Russia with ballistic missiles and nearly three million projectiles a year.';
const PESKOV = 'Kremlin spokesman Dmitry Peskov dismissed claims of Pyongyang sending military personnel as a hoax.';

function claim(id: number, quote: string, source: string): KnownClaim {
  return { id, text: quote, frame: FRAME, terms: [], evidence: [{ source, quote, published: null, speaker: null }] };
}
const CLAIMS = [claim(1, SHELLS, '000_a.txt'), claim(2, PESKOV, '003_b.txt')];
CLAIMS[0]?.evidence.push({
  source: '001_c.txt',
  quote: 'Pyongyang ships millions of shells.',
  published: null,
  speaker: null,
});

describe('createKeywordBaseline', () => {
  const baseline = createKeywordBaseline(CLAIMS);

  it('GIVEN a sentence without any topic keyword WHEN judged THEN it is offtopic', () => {
    expect(baseline('Tottenham beat Manchester City 2-1 in the League Cup.').verdict).toBe('offtopic');
  });

  it('GIVEN a sentence sharing many words with a claim WHEN judged THEN it is known and points at all that claim’s evidence', () => {
    const p = baseline(
      'Pyongyang supplies Russia with nearly three million projectiles and ballistic missiles every year.',
    );
    expect(p.verdict).toBe('known');
    expect(p.pointsAt.map((e) => e.source)).toEqual(['000_a.txt', '001_c.txt']);
  });

  it('GIVEN an on-topic sentence sharing few words with every claim WHEN judged THEN it is new', () => {
    expect(baseline('Ukraine captured a wounded soldier from Pyongyang in Kursk.').verdict).toBe('new');
  });

  it('GIVEN the claims WHEN the topic keywords are read THEN they are the names two source documents use, from the claims, not from code', () => {
    // "Pyongyang" is in 001_c and 003_b; "North Korea", "Russia", "Kremlin" and "Dmitry Peskov" are in one document each
    expect(topicKeywordsOf(CLAIMS)).toEqual(['pyongyang']);
    const seeds = [
      claim(3, 'On Monday, Kenyan officials said floods hit Nairobi. The Red Cross sent teams.', 'a.txt'),
      claim(4, 'In October the Red Cross said Nairobi needs help, and Kenyan police agreed.', 'b.txt'),
    ];
    // sentence openers, weekdays and months name nothing; a keyword also matches a longer word ("kenyan" → "kenyans")
    expect(topicKeywordsOf(seeds)).toEqual(['kenyan', 'nairobi', 'red cross']);
    expect(createKeywordBaseline(seeds)('Kenyans marched in Mombasa.').verdict).toBe('new');
    expect(createKeywordBaseline(seeds)('Stocks rose in London.').verdict).toBe('offtopic');
  });

  it('GIVEN a flat contradiction of a claim WHEN judged THEN the baseline calls it known: words cannot see a denial', () => {
    const p = baseline('Kremlin spokesman Dmitry Peskov confirmed that Pyongyang is sending military personnel.');
    expect(p.verdict).toBe('known');
  });
});

describe('runEval', () => {
  const set = parseLabelledSet(
    [
      {
        sentence: 'Peskov admitted Pyongyang sent military personnel.',
        label: 'contradicts',
        seed_file: '003_b.txt',
        seed_quote: 'dismissed claims of Pyongyang',
      },
      {
        sentence: 'Russia gets nearly three million North Korean shells a year.',
        label: 'known',
        seed_file: '000_a.txt',
        seed_quote: 'nearly three million projectiles',
      },
      { sentence: 'Read more', label: 'offtopic' },
      { sentence: 'Ukraine captured a North Korean soldier.', label: 'new', published: '2024-12-27' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );

  /** A stand-in engine that answers from a table, pointing at the claims given. */
  function tableJudge(answers: Record<string, [SentenceJudgement['verdict'], KnownClaim[]]>) {
    const seen: DocumentInput[] = [];
    const judge = (doc: DocumentInput): SentenceJudgement[] => {
      seen.push(doc);
      const [verdict, claims] = answers[doc.text] ?? ['new', []];
      const relation = verdict === 'contradicts' ? 'contradicts' : 'supports';
      return [
        {
          sentence: { text: doc.text, onTopic: verdict !== 'offtopic', frame: FRAME, terms: [], keys: [] },
          verdict,
          reason: 'r',
          matches: claims.map((c) => ({ claim: c, relation, score: 1 })),
        },
      ];
    };
    return { judge, seen };
  }

  it('GIVEN an engine right on every line WHEN evaluated THEN it scores 1 and the deltas are measured against the baseline', () => {
    const { judge, seen } = tableJudge({
      'Peskov admitted Pyongyang sent military personnel.': ['contradicts', [CLAIMS[1] as KnownClaim]],
      'Russia gets nearly three million North Korean shells a year.': ['known', [CLAIMS[0] as KnownClaim]],
      'Read more': ['offtopic', []],
    });
    const r = runEval({ rows: set, judge, claims: CLAIMS });
    expect(r.n).toBe(4);
    expect(r.labels).toEqual({ known: 1, contradicts: 1, new: 1, offtopic: 1 });
    expect(r.engine.macroF1).toBe(1);
    expect(r.engine.mistakes).toEqual([]);
    expect(r.baseline.perClass.contradicts.f1).toBe(0);
    expect(r.delta.contradictsF1).toBe(1);
    expect(r.delta.macroF1).toBeCloseTo(1 - r.baseline.macroF1, 12);
    expect(seen[3]).toEqual({ text: 'Ukraine captured a North Korean soldier.', published: '2024-12-27' });
    expect(r.warnings).toEqual([]);
  });

  it('GIVEN an engine that says contradicts but points at the wrong claim WHEN evaluated THEN that line is a wrong-seed mistake', () => {
    const { judge } = tableJudge({
      'Peskov admitted Pyongyang sent military personnel.': ['contradicts', [CLAIMS[0] as KnownClaim]],
      'Russia gets nearly three million North Korean shells a year.': ['known', [CLAIMS[0] as KnownClaim]],
      'Read more': ['offtopic', []],
    });
    const r = runEval({ rows: set, judge, claims: CLAIMS });
    expect(r.engine.perClass.contradicts.f1).toBe(0);
    expect(r.engine.wrongSeed.contradicts).toBe(1);
    expect(r.engine.mistakes).toMatchObject([{ line: 1, outcome: 'wrong_seed', expected: { file: '003_b.txt' } }]);
    const text = formatEvalReport(r, { mistakes: true });
    expect(text).toContain('line 1: labelled contradicts, engine said contradicts, but not the labelled seed sentence');
    expect(text).toMatch(/macro-F1\s+0\.\d{3}\s+0\.\d{3}\s+4/);
  });

  it('GIVEN a seed quote that no evidence of its file holds WHEN evaluated THEN a warning names the line', () => {
    const rows = parseLabelledSet(
      JSON.stringify({ sentence: 's', label: 'known', seed_file: '000_a.txt', seed_quote: 'not in the seed' }),
    );
    const r = runEval({ rows, judge: tableJudge({}).judge, claims: CLAIMS });
    expect(r.warnings).toEqual(['seed_quote found in no evidence of its seed_file: line 1']);
  });

  it('GIVEN a set naming a seed file no claim cites WHEN evaluated THEN a warning names the file and line', () => {
    const rows = parseLabelledSet(
      JSON.stringify({ sentence: 's', label: 'known', seed_file: '009_typo.txt', seed_quote: 'q' }),
    );
    const r = runEval({ rows, judge: tableJudge({}).judge, claims: CLAIMS });
    expect(r.warnings).toEqual(['seed_file 009_typo.txt (line 1) is not the source of any known claim']);
  });
});
