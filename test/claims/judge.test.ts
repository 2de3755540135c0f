import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeDocument,
  judgeSentenceByRules as judgeSentence,
  toClaimReport,
  toItemReport,
} from '../../src/core/claims/index.ts';
import type { ClaimIndex, DocumentInput, SentenceJudgement } from '../../src/core/claims/types.ts';
import { buildSeedIndex, createMemoryIndex, type SeedBuild } from './memory-index.ts';

/**
 * These tests hold the rules' readings (what the seed build uses, and what the learned judgement reads as features);
 * test/claims/learned-judge.test.ts holds the learned verdicts.
 */
const judgeDocument = (doc: DocumentInput, index: ClaimIndex): SentenceJudgement[] =>
  analyzeDocument(doc).map((s) => judgeSentence(s, index));

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

describe('other kinds of conflict', () => {
  it('GIVEN the same signing with another date WHEN judged THEN it contradicts on the date', () => {
    const j = judge(
      'Putin and Kim signed the partnership treaty on June 29 in Pyongyang, during the Russian leader’s visit to North Korea.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(/dated 2024-06-29/);
  });

  it('GIVEN the same casualties placed elsewhere WHEN judged THEN it contradicts on the place', () => {
    const j = judge(
      'Ukraine said the six North Korean officers had been killed in a missile strike near Zaporizhzhia in early October.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(/placed in zaporizhzhia/);
  });

  it('GIVEN a different share of the same shells WHEN judged THEN it contradicts', () => {
    const j = judge(
      'North Korean ammunition now makes up around 60 percent of the artillery shells fired by Russian forces in Ukraine.',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(/60 percent .* vs "nearly half"/);
  });

  it('GIVEN a verified video the seeds call unverifiable WHEN judged THEN it contradicts', () => {
    const j = judge(
      'Ukrainian investigators said the video of North Korean soldiers training in Russia, first shared on Telegram, had been verified as authentic.',
    );
    expect(j.verdict).toBe('contradicts');
  });

  it('GIVEN a later, higher figure from the same kind of source WHEN judged THEN the reason says it may be an update', () => {
    const j = judge(
      "Ukraine's military intelligence said about 11,000 North Korean troops have now been deployed to the Kursk region.",
      '2024-11-10',
    );
    expect(j.verdict).toBe('contradicts');
    expect(j.reason).toMatch(
      /about 11,000 troops \(Ukrainian military intelligence, 2024-11-10\) vs "several thousand" .*may be an update/,
    );
  });

  it('GIVEN a sentence that conflicts with several claims WHEN judged THEN every match carries its own reason', () => {
    const j = judge(
      'Only a few hundred North Korean infantry soldiers are undergoing training in Russia, a Ukrainian military intelligence official said.',
    );
    expect(j.matches.length).toBeGreaterThan(0);
    for (const m of j.matches) expect(m.reason).toEqual(expect.any(String));
  });

  it('GIVEN newsroom boilerplate WHEN judged THEN it is off topic, but a refusal that reports a claim is not', () => {
    expect(judge("Russia's Defence Ministry did not respond to a request for comment.").verdict).toBe('offtopic');
    expect(
      judge(
        'The Kremlin declined to comment on reports that North Korean troops had suffered heavy losses in the Kursk region.',
      ).verdict,
    ).not.toBe('offtopic');
  });
});

describe('negation, hedges and topic in wire copy', () => {
  it('GIVEN a verb whose object is negated ("sent no workers") WHEN analyzed THEN the sending is denied', () => {
    const s = analyzeDocument({ text: 'North Korea has sent no workers to the occupied territories, Seoul said.' })[0];
    expect(s?.frame.polarity).toBe('denied');
    expect(s?.frame.detail?.denied).toContain('deploy');
  });

  it('GIVEN a negated object that is not the object of the verb WHEN analyzed THEN the sending stays asserted', () => {
    const s = analyzeDocument({
      text: 'North Korea has sent troops to Russia with no heavy weapons of their own, Seoul said.',
    })[0];
    expect(s?.frame.detail?.affirmed).toContain('deploy');
  });

  it('GIVEN a negated denial ("no longer rules out") WHEN analyzed THEN it is a hedge, not a denial', () => {
    const s = analyzeDocument({
      text: 'Seoul no longer rules out sending weapons to Ukraine in response to the North Korean deployment, an official said.',
    })[0];
    expect(s?.frame.polarity).toBe('asserted');
    expect(s?.frame.detail?.hedged).toBe(true);
  });

  it('GIVEN a plain denial ("rules out") WHEN analyzed THEN it stays a denial', () => {
    const s = analyzeDocument({
      text: 'The Kremlin rules out any deployment of North Korean troops to Ukraine, Peskov said.',
    })[0];
    expect(s?.frame.polarity).toBe('denied');
  });

  it('GIVEN exports named with Ukraine but no war WHEN judged THEN it is off topic', () => {
    expect(judge("Ukraine's sunflower oil exports grew sharply in September, traders said.").verdict).toBe('offtopic');
  });

  it('GIVEN supplies of munitions to Russia WHEN judged THEN it is on topic', () => {
    expect(judge('Pyongyang keeps supplying artillery shells to Moscow, Kyiv said.').verdict).not.toBe('offtopic');
  });

  it('GIVEN "officers died when a strike hit them" WHEN analyzed THEN the deaths are asserted, not a participle', () => {
    const s = analyzeDocument({
      text: 'Six North Korean officers died when a Ukrainian missile hit their position.',
    })[0];
    expect(s?.frame.detail?.affirmed).toContain('die');
  });

  it('GIVEN "soldiers sent to Russia" qualifying a noun WHEN analyzed THEN the sending is background', () => {
    const s = analyzeDocument({ text: 'Each North Korean soldier sent to Russia gets a new uniform.' })[0];
    expect(s?.frame.detail?.affirmed ?? []).not.toContain('deploy');
  });
});

describe('restatements that name the speaker differently', () => {
  it('GIVEN a spy chief the claim names in other words WHEN judged THEN the office holder is no news and it is known', () => {
    const j = judge(
      "Ukraine's spy chief Kyrylo Budanov said more than 10,000 North Korean troops would fight alongside Russian forces from next month.",
    );
    expect(j.verdict).toBe('known');
    expect(sources(j)).toContain('004_307bf1f08a4c6ee5.txt');
  });

  it('GIVEN another holder of an office the claim names WHEN judged THEN it contradicts on the office', () => {
    const j = judge(
      'South Korean Defense Minister Lee Jong-sup says the deal between Russia and North Korea is very similar to a military alliance.',
    );
    expect(j.verdict).toBe('contradicts');
  });
});

describe('readings of figures and presence', () => {
  it('GIVEN people said to be in a place with a copula WHEN analyzed THEN they are deployed there', () => {
    const s = analyzeDocument({ text: 'Moscow confirmed that North Korean troops were already in Russia.' })[0];
    expect(s?.frame.detail?.affirmed).toContain('deploy');
  });

  it('GIVEN people said not to be in a place WHEN analyzed THEN no presence is asserted', () => {
    const s = analyzeDocument({ text: 'North Korean officers are not in occupied Ukraine, the official said.' })[0];
    expect(s?.frame.detail?.affirmed ?? []).not.toContain('deploy');
  });

  it('GIVEN a figure for people readied in one battalion WHEN analyzed THEN it is the size of that unit', () => {
    const s = analyzeDocument({
      text: 'Some 3,000 North Korean soldiers are being readied in a separate battalion inside the Russian army.',
    })[0];
    expect(s?.frame.detail?.quantities[0]?.measure).toBe('unit_size');
  });

  it('GIVEN a figure for people spread over several brigades WHEN analyzed THEN it is not one unit size', () => {
    const s = analyzeDocument({
      text: 'North Korea is sending 12,000 soldiers in four brigades to Russia, Seoul said.',
    })[0];
    expect(s?.frame.detail?.quantities[0]?.measure).not.toBe('unit_size');
  });

  it('GIVEN a gerund after its determiner WHEN analyzed THEN it names a thing, not an act', () => {
    const s = analyzeDocument({
      text: 'Washington sanctioned a Russian shipping company over North Korean ammunition.',
    })[0];
    expect(s?.frame.detail?.affirmed ?? []).not.toContain('supply');
  });

  it('GIVEN a gerund after a copula WHEN analyzed THEN it states the act', () => {
    const s = analyzeDocument({ text: 'North Korea is shipping ammunition to Russia, Kyiv said.' })[0];
    expect(s?.frame.detail?.affirmed).toContain('supply');
  });
});

describe('a side that reverses itself', () => {
  it('GIVEN the Kremlin confirming what it called a hoax, in words that restate other claims WHEN judged THEN it contradicts the denial', () => {
    const j = judge(
      'The Kremlin confirmed on Thursday that North Korean soldiers were fighting alongside Russian forces in Ukraine.',
      '2024-11-07',
    );
    expect(j.verdict).toBe('contradicts');
    expect(sources(j)).toContain('003_5790b87cadae2bc3.txt');
  });

  it('GIVEN another side asserting the same WHEN judged THEN it restates the known assertion', () => {
    const j = judge(
      'The Institute for the Study of War says North Korean soldiers are fighting alongside Russian forces in Ukraine.',
      '2024-11-07',
    );
    expect(j.verdict).toBe('known');
  });
});
