import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/alerts.ts';
import { createConsoleSink } from '../../src/platforms/console/console-sink.ts';

const alert: OutboundMessage = {
  kind: 'alert',
  key: 'alert:1:abc:console:news',
  channel: 'console:news',
  alert: {
    verdict: 'contradicts',
    feed: { id: 1, title: 'Loopback News', url: 'http://127.0.0.1/news.xml' },
    item: { title: 'Only 800 troops', link: 'http://127.0.0.1/n/1', published: '2024-10-25T08:00:00.000Z' },
    claims: [
      {
        sentence: 'Budanov said only about 800 North Korean troops would join the fighting next month.',
        verdict: 'contradicts',
        reason: '800 troops vs more than 10,000 (004_307bf1f08a4c6ee5.txt)',
        matches: [],
      },
    ],
  },
};

describe('console sink', () => {
  it('GIVEN an alert WHEN delivered with json THEN one line {channel, key, verdict, item, claims} is written', async () => {
    const lines: string[] = [];
    const sink = createConsoleSink({ json: true, write: (t) => lines.push(t) });
    expect(await sink.deliver(alert)).toEqual({ ok: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toEqual({
      channel: 'console:news',
      key: 'alert:1:abc:console:news',
      verdict: 'contradicts',
      feed: { id: 1, title: 'Loopback News', url: 'http://127.0.0.1/news.xml' },
      item: alert.kind === 'alert' ? alert.alert.item : null,
      claims: alert.kind === 'alert' ? alert.alert.claims : null,
    });
  });

  it('GIVEN an alert WHEN delivered for people THEN the lines name the verdict, item, sentence and reason', async () => {
    const lines: string[] = [];
    await createConsoleSink({ write: (t) => lines.push(t) }).deliver(alert);
    expect(lines[0]).toContain('[console:news] CONTRADICTS Only 800 troops');
    expect(lines[0]).toContain('- contradicts: Budanov said only about 800');
    expect(lines[0]).toContain('800 troops vs more than 10,000');
  });

  it('GIVEN a broken stdout WHEN delivering THEN the sink answers a retryable failure instead of throwing', async () => {
    const sink = createConsoleSink({
      write: () => {
        throw new Error('EPIPE');
      },
    });
    expect(await sink.deliver(alert)).toEqual({ ok: false, retryable: true, error: 'EPIPE' });
  });
});
