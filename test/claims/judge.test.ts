import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeDocument,
  judgeDocument,
  judgeSentence,
  toClaimReport,
  toItemReport,
} from '../../src/core/claims/index.ts';
import type { ClaimIndex, SentenceJudgement } from '../../src/core/claims/types.ts';
import { buildSeedIndex, createMemoryIndex, type SeedBuild } from './memory-index.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
let seeds: SeedBuild;
beforeAll(() => {
  seeds = buildSeedIndex(SEEDS);
});

const judge = (text: string, published = '2024-10-25'): SentenceJudgement => {
  const js = judgeDocument({ text, published }, seeds.index);
  const j = js[0];
  if (!j) throw new Error('no sentence');
  return j;
};
const sources = (j: SentenceJudgement) => j.matches.flatMap((m) => m.claim.evidence.map((e) => e.source));

describe('the seed build', () => {
  it('GIVEN the five seeds WHEN built THEN the conflicts claims.md names are found', () => {
    const reasons = seeds.index.conflicts.map((c) => c.reason).join('\n');
    expect(reasons).toMatch(/brigade: 11th Airborne Assault .* vs 11th Amphibious Assault/);
    expect(reasons).toMatch(/defense minister: Shin Won Sik .* vs Kim Yong Hyun/);
    const fighting = seeds.index.conflicts.some((c) => {
      const [a, b] = [seeds.index.claims[c.from - 1], seeds.index.claims[c.to - 1]];
      const texts = `${a?.text} ${b?.text}`;
      return /fighting/.test(texts) && /(yet to see|hasn’t seen|not detected)/.test(texts);
    });
    expect(fighting).toBe(true);
  });

  it('GIVEN the repeated article in seed 003 WHEN built THEN its sentences become evidence once, not new claims', () => {
    const peskov = seeds.index.claims.filter((c) =>
      c.evidence.some((e) => e.quote.includes('Peskov on Thursday dismissed')),
    );
    expect(peskov).toHaveLength(1);
    expect(peskov[0]?.evidence.filter((e) => e.quote.includes('Peskov on Thursday dismissed'))).toHaveLength(1);
  });
});

describe('judgeSentence against the seeds', () => {
  it('GIVEN a restatement in other words WHEN judged THEN it is known and points at the seed sentence', () => {
    const j = judge(
      "Pyongyang is dispatching 12,000 soldiers from four brigades, including elite special forces, South Korea's spy agency said.",
    );
    expect(j.verdict).toBe('known');
    expect(sources(j)).toContain('004_307bf1f08a4c6ee5.txt');
  });

  it('GIVEN a figure for the same quantity that does not overlap WHEN judged THEN it contradicts, naming both sides', () => {
    const j = judge(
      'Only a few hundred North Korean infantry soldiers are undergoing training in Russia, a Ukrainian military intelligence official said.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(
      /few hundred troops \(Ukrainian military intelligence, 2024-10-25\) vs "several thousand" \(/,
    );
  });

  it('GIVEN a figure for a different quantity WHEN judged THEN it does not contradict', () => {
    const j = judge('North Korea has lost about 3,000 soldiers killed in Kursk, South Korean intelligence said.');
    expect(j.verdict).not.toBe('contradicts');
  });

  it('GIVEN the Kremlin now acknowledging what it called a hoax WHEN judged THEN it contradicts the denial', () => {
    const j = judge(
      'Moscow acknowledged for the first time that North Korean troops had fought alongside Russian forces in the Kursk region.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.matches.some((m) => m.claim.text.includes('hoax'))).toBe(true);
  });

  it('GIVEN a different host brigade WHEN judged THEN it contradicts', () => {
    const j = judge(
      'The North Koreans will form a battalion within the 810th separate naval infantry brigade, Ukrainian intelligence said.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(/brigade/);
  });

  it('GIVEN an on-topic claim the seeds lack WHEN judged THEN it is new', () => {
    const j = judge(
      'Ukrainian special forces said they had captured two wounded North Korean soldiers in the Kursk region.',
    );
    expect(j.verdict).toBe('new');
    expect(j.matches).toEqual([]);
  });

  it('GIVEN page furniture or other news WHEN judged THEN it is off topic and the index is not asked', () => {
    let asked = 0;
    const spy: ClaimIndex = {
      candidates: (keys, limit) => {
        asked += 1;
        return seeds.index.candidates(keys, limit);
      },
    };
    const [s] = analyzeDocument({ text: 'Follow our coverage of the war on Telegram.' });
    if (!s) throw new Error('no sentence');
    expect(judgeSentence(s, spy).verdict).toBe('offtopic');
    expect(asked).toBe(0);
  });

  it('GIVEN an on-topic sentence WHEN judged THEN candidates come from the index by key with a bound', () => {
    const calls: Array<{ keys: readonly string[]; limit: number }> = [];
    const spy: ClaimIndex = {
      candidates: (keys, limit) => {
        calls.push({ keys, limit });
        return seeds.index.candidates(keys, limit);
      },
    };
    judgeDocument({ text: 'North Korea supplies Russia with artillery shells.' }, spy);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.keys).toContain('k:supply|shells');
    expect(calls[0]?.limit).toBeLessThanOrEqual(50);
  });

  it('GIVEN an empty index WHEN an on-topic sentence is judged THEN it is new', () => {
    const j = judgeDocument({ text: 'North Korea supplies Russia with artillery shells.' }, createMemoryIndex())[0];
    expect(j?.verdict).toBe('new');
  });
});

describe('reports', () => {
  it('GIVEN sentences of every verdict WHEN reported THEN the item verdict is the strongest and each claim lists its matches', () => {
    const js = judgeDocument(
      {
        text: 'Follow our coverage on Telegram. Pyongyang is supplying artillery shells to Moscow. Only a few hundred North Korean infantry soldiers are training in Russia, a Ukrainian military intelligence official said.',
        published: '2024-10-25',
      },
      seeds.index,
    );
    const item = toItemReport(js);
    expect(js.map((j) => j.verdict)).toEqual(['offtopic', 'known', 'contradicts']);
    expect(item.verdict).toBe('contradicts');
    const known = toClaimReport(js[1] as SentenceJudgement);
    expect(known.matches[0]?.relation).toBe('supports');
    expect(known.matches[0]?.evidence[0]).toHaveProperty('source');
    expect(known.reason.split('\n')).toHaveLength(1);
  });

  it('GIVEN no sentences WHEN reported THEN the item is off topic', () => {
    expect(toItemReport([])).toEqual({ verdict: 'offtopic', claims: [] });
  });
});
