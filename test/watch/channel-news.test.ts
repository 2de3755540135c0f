import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alerts.ts';
import { createHarness, feedOk, item, MINUTE, ON_TOPIC } from './harness.ts';

// Each channel hears of a claim once: novelty is decided per channel, not only by whether the database knows it.
const URL_A = 'https://a.example/feed.xml';
const URL_B = 'https://b.example/feed.xml';
/** Contradicts the seeds (Kyiv has not seen North Korean units fighting; the Kremlin calls the reports a hoax). */
const CONTRADICTION = 'The Kremlin said North Korean soldiers are fighting in the Kursk region.';
const NEW_CLAIM = ON_TOPIC[0] as string;

let h: ReturnType<typeof createHarness>;
afterEach(() => h?.close());

/** Alerts in the outbox, per channel, in the order they were queued. */
function alerts(): Record<string, Alert[]> {
  const out: Record<string, Alert[]> = {};
  for (const e of h.outbox.due(Number.MAX_SAFE_INTEGER, 1000)) {
    if (e.message.kind !== 'alert') continue;
    out[e.channel] = [...(out[e.channel] ?? []), e.message.alert];
  }
  return out;
}

async function publish(url: string, ...items: ReturnType<typeof item>[]) {
  h.script.answer(url, feedOk(items));
  h.clock.advance(11 * MINUTE);
  await h.poller.pollDue();
}

/** Channel alpha follows feeds A and B; channel beta follows only B. */
async function twoChannels() {
  h = createHarness();
  h.script.answer(URL_A, feedOk([item(1, 'Nothing about the war here.')]));
  h.script.answer(URL_B, feedOk([item(2, 'Nothing about the war here either.')]));
  await h.services.watch.add({ url: URL_A, channel: 'console:alpha', level: 'new' });
  await h.services.watch.add({ url: URL_B, channel: 'console:alpha', level: 'new' });
  await h.services.watch.add({ url: URL_B, channel: 'console:beta', level: 'new' });
}

describe('per-channel novelty', () => {
  it('GIVEN a contradiction first seen on feed A WHEN feed B repeats it THEN the channel that follows only B still hears it as a contradiction, and A’s channel does not hear it twice', async () => {
    await twoChannels();
    await publish(URL_A, item(10, CONTRADICTION, { link: 'https://a.example/10' }));
    expect(alerts()['console:alpha']?.map((a) => a.verdict)).toEqual(['contradicts']);
    expect(alerts()['console:beta']).toBeUndefined();

    await publish(URL_B, item(11, CONTRADICTION, { link: 'https://b.example/11' }));
    const beta = alerts()['console:beta'] ?? [];
    expect(beta.map((a) => a.verdict)).toEqual(['contradicts']);
    const told = beta[0]?.claims[0];
    expect(told?.verdict).toBe('contradicts');
    expect(told?.reason).toMatch(/this channel has not been told of/);
    expect(told?.reason).toContain('https://a.example/10');
    // it names what the first report contradicted, a seed claim, beside the claim it restates
    expect(told?.matches.map((m) => m.relation)).toEqual(expect.arrayContaining(['supports', 'contradicts']));
    expect(alerts()['console:alpha']).toHaveLength(1);

    // a third copy is news to nobody
    await publish(URL_B, item(12, CONTRADICTION, { link: 'https://b.example/12' }));
    expect(alerts()['console:alpha']).toHaveLength(1);
    expect(alerts()['console:beta']).toHaveLength(1);
  });

  it('GIVEN a new claim first seen on feed A WHEN feed B repeats it THEN only the channel not yet told of it gets a "new" alert', async () => {
    await twoChannels();
    await publish(URL_A, item(20, NEW_CLAIM, { link: 'https://a.example/20' }));
    expect(alerts()['console:alpha']?.map((a) => a.verdict)).toEqual(['new']);
    await publish(URL_B, item(21, NEW_CLAIM, { link: 'https://b.example/21' }));
    expect(alerts()['console:beta']?.map((a) => a.verdict)).toEqual(['new']);
    expect(alerts()['console:beta']?.[0]?.claims[0]?.reason).toMatch(/has not been told of.*it was new then/);
    expect(alerts()['console:alpha']).toHaveLength(1);
  });

  it('GIVEN a claim the seeds hold WHEN a feed restates it THEN no channel is alerted: the seeds are known to every channel', async () => {
    await twoChannels();
    await publish(
      URL_B,
      item(
        30,
        'Kremlin spokesman Dmitry Peskov dismissed claims of Pyongyang sending military personnel to fight in Ukraine.',
      ),
    );
    expect(alerts()).toEqual({});
  });

  it('GIVEN one article that states a new claim twice WHEN it is judged THEN its channel hears of it once, as new', async () => {
    await twoChannels();
    await publish(URL_A, item(40, `${NEW_CLAIM} Later in the day: ${NEW_CLAIM}`, { link: 'https://a.example/40' }));
    const alpha = alerts()['console:alpha'] ?? [];
    expect(alpha).toHaveLength(1);
    expect(alpha[0]?.claims.map((c) => c.verdict)).toEqual(['new', 'known']);
  });
});
