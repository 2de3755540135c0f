import { describe, expect, it } from 'vitest';
import { TRUNCATION_MARK } from '../../src/commands/format.ts';
import type { Alert } from '../../src/core/alerts.ts';
import type { ClaimReport } from '../../src/core/claims/types.ts';
import { alertEmbeds, EMBED_LIMITS, embedSize, fitEmbeds, replyEmbeds } from '../../src/platforms/discord/embeds.ts';
import { CONTRADICTING_REPORT } from '../commands/recording-services.ts';

const base: Alert = {
  verdict: 'contradicts',
  feed: { id: 1, title: 'Kyiv Desk', url: 'https://desk.example/rss' },
  item: { title: 'Kremlin: no troops', link: 'https://desk.example/a/1', published: '2024-10-24T07:00:00Z' },
  claims: CONTRADICTING_REPORT.claims,
};

function within(embeds: ReturnType<typeof alertEmbeds>) {
  expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embeds);
  expect(embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    }
  }
}

describe('alert embeds', () => {
  it('GIVEN a contradiction WHEN rendered THEN red, title linked, claim, known claim with source and date, reason and feed', () => {
    const [embed] = alertEmbeds(base);
    expect(embed?.color).toBe(0xe5484d);
    expect(embed?.title).toBe('Kremlin: no troops');
    expect(embed?.url).toBe('https://desk.example/a/1');
    expect(embed?.description).toBe('**Contradicts a known claim** · 1 contradiction');
    expect(embed?.fields).toHaveLength(1);
    const value = embed?.fields?.[0]?.value ?? '';
    expect(value).toContain('> The Kremlin said no North Korean troops are in Russia.');
    expect(value).toContain('**Contradicts #7:** South Korea’s NIS says');
    expect(value).toContain('[example.org](https://example.org/nis-briefing), 2024-10-18');
    expect(value).toContain('**Why:** Kremlin denies troops');
    expect(embed?.footer?.text).toBe('Kyiv Desk · 2024-10-24');
  });

  it('GIVEN a new claim WHEN rendered THEN blue and no “Why” line', () => {
    const [embed] = alertEmbeds({
      ...base,
      verdict: 'new',
      claims: [{ sentence: 'Drones seen near Kursk.', verdict: 'new', reason: 'no known claim', matches: [] }],
    });
    expect(embed?.color).toBe(0x3b82f6);
    expect(embed?.fields?.[0]?.value).toBe('> Drones seen near Kursk.');
  });

  it('GIVEN an item without a web link WHEN rendered THEN the title is not linked', () => {
    const [embed] = alertEmbeds({ ...base, item: { ...base.item, link: 'javascript:alert(1)' } });
    expect(embed?.url).toBeUndefined();
  });

  it('GIVEN huge text everywhere and 60 claims WHEN rendered THEN every Discord limit holds and the cut is visible', () => {
    const long = 'North Korean troops were seen in Kursk. '.repeat(200);
    const claim: ClaimReport = {
      sentence: long,
      verdict: 'contradicts',
      reason: long,
      matches: [
        {
          claimId: 1,
          text: long,
          relation: 'contradicts',
          evidence: [{ source: 'seed.txt', quote: 'q', published: null }],
        },
      ],
    };
    const embeds = alertEmbeds({
      ...base,
      feed: { ...base.feed, title: long },
      item: { ...base.item, title: long },
      claims: Array.from({ length: 60 }, () => claim),
    });
    within(embeds);
    const [embed] = embeds;
    expect(embed?.title?.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(embed?.fields?.[0]?.value.endsWith(TRUNCATION_MARK)).toBe(true);
    const last = embed?.fields?.at(-1);
    expect(last?.name).toBe(TRUNCATION_MARK);
    expect(last?.value).toMatch(/^\d+ more not shown$/);
  });

  it('GIVEN embeds whose fields alone fit but whose total does not WHEN fitted THEN trailing fields are dropped and counted', () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, value: 'x'.repeat(1000) }));
    const [embed] = fitEmbeds([{ title: 't', fields }]);
    expect(embedSize(embed as never)).toBeLessThanOrEqual(6000);
    expect(embed?.fields?.at(-1)).toEqual({ name: TRUNCATION_MARK, value: '5 more not shown' });
  });
});

describe('reply embeds', () => {
  it('GIVEN a long list reply WHEN rendered THEN the description is cut at 4,096 with the mark', () => {
    const [embed] = replyEmbeds({
      ephemeral: true,
      title: 'Watched feeds',
      text: 'feed line\n'.repeat(1000),
      tone: 'ok',
    });
    expect(embed?.description?.length).toBe(EMBED_LIMITS.description);
    expect(embed?.description?.endsWith(TRUNCATION_MARK)).toBe(true);
  });

  it('GIVEN an error reply WHEN rendered THEN it is red', () => {
    expect(replyEmbeds({ ephemeral: true, text: 'no', tone: 'error' })[0]?.color).toBe(0xed4245);
  });
});
