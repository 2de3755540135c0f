import { describe, expect, it } from 'vitest';
import { alertSummary, alertView, sectionText } from '../../src/commands/alert-view.ts';
import { channelMention, formatSource, link, TRUNCATION_MARK, truncate } from '../../src/commands/format.ts';
import type { Alert } from '../../src/core/alerts.ts';
import { CONTRADICTING_REPORT } from './recording-services.ts';

const alert: Alert = {
  verdict: 'contradicts',
  feed: { id: 3, title: 'Kyiv Desk [live]', url: 'https://desk.example/rss' },
  item: { title: 'Kremlin: no troops', link: 'https://desk.example/a/1', published: '2024-10-24T08:00:00Z' },
  claims: [
    { sentence: 'New drones seen.', verdict: 'new', reason: 'no known claim', matches: [] },
    ...CONTRADICTING_REPORT.claims,
  ],
};

describe('alertView', () => {
  it('GIVEN an alert WHEN viewed THEN contradictions come first, off-topic is dropped, and the feed and date are named', () => {
    const view = alertView(alert);
    expect(view.sections.map((s) => s.verdict)).toEqual(['contradicts', 'new']);
    expect(view.feedName).toBe('Kyiv Desk (live)');
    expect(view.published).toBe('2024-10-24');
    const text = sectionText(view.sections[0] as never);
    expect(text).toContain('**Contradicts #7:**');
    expect(text).toContain('[example.org](https://example.org/nis-briefing), 2024-10-18');
    expect(text).toContain('**Why:**');
    expect(alertSummary(view)).toBe(
      'Contradicts a known claim — Kremlin: no troops (Kyiv Desk (live)): The Kremlin said no North Korean troops are in Russia.',
    );
  });

  it('GIVEN an item without a title WHEN viewed THEN it is called untitled and the feed host stands in for a missing feed title', () => {
    const view = alertView({
      ...alert,
      feed: { ...alert.feed, title: null },
      item: { title: ' ', link: null, published: null },
    });
    expect(view.title).toBe('Untitled item');
    expect(view.feedName).toBe('desk.example');
  });
});

describe('format helpers', () => {
  it('GIVEN text over the limit WHEN truncated THEN it fits and ends with the visible mark', () => {
    const out = truncate('a'.repeat(50), 20);
    expect(out).toHaveLength(20);
    expect(out.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(truncate('short', 20)).toBe('short');
  });

  it('GIVEN a cut inside a surrogate pair WHEN truncated THEN the pair is not split', () => {
    const out = truncate(`${'a'.repeat(6)}😀${'b'.repeat(40)}`, 20);
    expect(out).toBe(`aaaaaa${TRUNCATION_MARK}`);
  });

  it('GIVEN brackets in a label and a non-web URL WHEN linked THEN mark-up stays intact and only web URLs link', () => {
    expect(link('a [b]', 'https://x.example/p(1)')).toBe('[a (b)](https://x.example/p(1%29)');
    expect(link('a', 'javascript:alert(1)')).toBe('a');
  });

  it('GIVEN targets WHEN mentioned THEN chat channels become <#id>', () => {
    expect(channelMention('discord:123')).toBe('<#123>');
    expect(channelMention('slack:C1')).toBe('<#C1>');
    expect(channelMention('console:alerts')).toBe('`console:alerts`');
    expect(formatSource('hur-2024-10-18.txt', '2024-10-18T00:00:00Z')).toBe('hur-2024-10-18.txt, 2024-10-18');
  });
});
