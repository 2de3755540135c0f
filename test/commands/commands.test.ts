import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { type Harness, harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});

async function addFeed(url = 'https://news.example/feed.xml') {
  return h.run('watch add', { url });
}

describe('watch add', () => {
  it('GIVEN a manager WHEN adding a feed without a channel THEN it subscribes the command channel, ephemerally', async () => {
    const reply = await h.run('watch add', { url: 'https://news.example/feed.xml', alerts: 'all', full_text: true });
    expect(reply).toMatchObject({ ephemeral: true, tone: 'ok', title: 'Watching feed' });
    expect(reply.text).toContain('<#C1>');
    expect(h.services.calls.find((c) => c.method === 'watch.add')?.args[0]).toEqual({
      url: 'https://news.example/feed.xml',
      channel: 'discord:C1',
      scope: 'discord:G1',
      level: 'all',
      fullText: true,
    });
  });

  it('GIVEN a channel option WHEN adding THEN that channel is subscribed', async () => {
    await h.run('watch add', { url: 'https://news.example/feed.xml', channel: 'discord:C2' });
    expect(h.services.calls[0]?.args[0]).toMatchObject({ channel: 'discord:C2' });
  });

  it('GIVEN the bot lacks permissions in the channel WHEN adding THEN it refuses naming them and subscribes nothing', async () => {
    h.missing.set('discord:C2', ['Send Messages', 'Embed Links']);
    const reply = await h.run('watch add', { url: 'https://news.example/feed.xml', channel: 'discord:C2' });
    expect(reply).toMatchObject({ ephemeral: true, tone: 'error' });
    expect(reply.text).toContain('<#C2>');
    expect(reply.text).toContain('Send Messages, Embed Links');
    expect(h.services.calls.some((c) => c.method === 'watch.add')).toBe(false);
  });

  it('GIVEN a non-admin WHEN adding THEN it is refused before any use case runs', async () => {
    const reply = await h.run('watch add', { url: 'https://news.example/feed.xml' }, { admin: false });
    expect(reply).toMatchObject({ ephemeral: true, tone: 'error' });
    expect(reply.text).toContain('Manage Server');
    expect(h.services.calls).toEqual([]);
  });

  it('GIVEN the use case rejects the URL WHEN adding THEN the user sees its message, ephemerally', async () => {
    const reply = await h.run('watch add', { url: 'ftp://nope' });
    expect(reply).toMatchObject({ ephemeral: true, tone: 'error', text: 'Not a web address: ftp://nope' });
  });

  it('GIVEN an alert level outside the choices WHEN adding THEN the usage is shown', async () => {
    const reply = await h.run('watch add', { url: 'https://x.example/f', alerts: 'loud' });
    expect(reply.tone).toBe('error');
    expect(reply.text).toContain('`alerts` must be one of contradicts, new, all');
    expect(reply.text).toContain('/watch add <url>');
  });
});

describe('watch list, remove, pause, resume, poll', () => {
  it('GIVEN no feeds WHEN listing THEN it says how to add one', async () => {
    const reply = await h.run('watch list');
    expect(reply.text).toContain('`/watch add`');
  });

  it('GIVEN a feed WHEN listing THEN it shows id, link, state and channel', async () => {
    await addFeed();
    const reply = await h.run('watch list');
    expect(reply.title).toBe('Watched feeds (1)');
    expect(reply.text).toContain('**#1** [Feed 1](https://news.example/feed.xml) — active');
    expect(reply.text).toContain('<#C1> (new)');
  });

  it('GIVEN a feed WHEN pausing, resuming and removing THEN each answers and the last leaves the list empty', async () => {
    await addFeed();
    expect((await h.run('watch pause', { id: 1 })).title).toBe('Feed paused');
    expect((await h.run('watch resume', { id: 1 })).title).toBe('Feed resumed');
    expect((await h.run('watch remove', { id: 1 })).title).toBe('Feed removed');
    expect((await h.run('watch list')).title).toBe('No feeds');
  });

  it('GIVEN an unknown id WHEN pausing, resuming or removing THEN not found is shown', async () => {
    for (const sub of ['pause', 'resume', 'remove']) {
      const reply = await h.run(`watch ${sub}`, { id: 42 });
      expect(reply).toMatchObject({ tone: 'error', text: 'No feed #42 here.' });
    }
  });

  it('GIVEN a missing id WHEN removing THEN the usage is shown', async () => {
    const reply = await h.run('watch remove', {});
    expect(reply.text).toContain('`id` is required');
  });

  it('GIVEN feeds WHEN polling without id THEN every feed of the server is polled and alerts counted', async () => {
    await addFeed();
    await addFeed('https://other.example/rss');
    const reply = await h.run('watch poll');
    expect(reply.title).toBe('Polled 2 feeds: 2 alerts');
    expect(h.services.calls.at(-1)).toMatchObject({ method: 'watch.poll', args: [undefined, 'discord:G1'] });
  });

  it('GIVEN the poll fails as a bug WHEN polling THEN the user gets an apology, not silence', async () => {
    h.services.failures.set('watch.poll', new Error('database is locked'));
    const reply = await h.run('watch poll');
    expect(reply).toMatchObject({ ephemeral: true, tone: 'error' });
    expect(reply.text).toContain('Something went wrong');
    expect(reply.text).not.toContain('database is locked');
  });
});

describe('alerts level', () => {
  it('GIVEN a subscribed channel WHEN setting the level with filters THEN it is configured', async () => {
    await addFeed();
    const reply = await h.run('alerts level', { level: 'contradicts', include: 'Kursk, troops', exclude: '-' });
    expect(reply.tone).toBe('ok');
    expect(reply.text).toContain('**contradicts**');
    expect(reply.text).toContain('only items mentioning kursk, troops');
    expect(h.services.calls.at(-1)?.args[0]).toEqual({
      channel: 'discord:C1',
      scope: 'discord:G1',
      level: 'contradicts',
      include: ['kursk', 'troops'],
      exclude: [],
    });
  });

  it('GIVEN a channel with no feeds WHEN setting the level THEN it says to add a feed first', async () => {
    const reply = await h.run('alerts level', { level: 'all', channel: 'discord:C9' });
    expect(reply).toMatchObject({ tone: 'error' });
    expect(reply.text).toContain('`/watch add`');
  });

  it('GIVEN a non-admin WHEN setting the level THEN refused', async () => {
    const reply = await h.run('alerts level', { level: 'all' }, { admin: false });
    expect(reply.tone).toBe('error');
    expect(h.services.calls).toEqual([]);
  });
});

describe('claims', () => {
  it('GIVEN a matching word WHEN searching THEN claims are listed with id and linked source', async () => {
    const reply = await h.run('claims search', { query: 'special forces' }, { admin: false });
    expect(reply.text).toContain('**#7**');
    expect(reply.text).toContain('[example.org](https://example.org/nis-briefing), 2024-10-18');
  });

  it('GIVEN no match WHEN searching THEN it says so', async () => {
    const reply = await h.run('claims search', { query: 'zeppelins' }, { admin: false });
    expect(reply.title).toBe('No claims found');
  });

  it('GIVEN a known id WHEN showing THEN the claim, its frame and evidence are shown', async () => {
    const reply = await h.run('claims show', { id: 7 }, { admin: false });
    expect(reply.title).toBe('Claim #7');
    expect(reply.text).toContain('dprk · deploy · troops · about 1,500 · russia · 2024-10 · per nis · reported');
    expect(reply.fields?.[0]?.name).toBe('Evidence');
  });

  it('GIVEN an unknown id WHEN showing THEN not found', async () => {
    const reply = await h.run('claims show', { id: 99 }, { admin: false });
    expect(reply).toMatchObject({ tone: 'error', text: 'No claim #99.' });
  });
});

describe('check', () => {
  it('GIVEN a contradicting text WHEN checking THEN the verdict, sentence, known claim and reason are shown to the caller only', async () => {
    const reply = await h.run(
      'check',
      { text: 'The Kremlin said no North Korean troops are in Russia.' },
      { admin: false },
    );
    expect(reply).toMatchObject({ ephemeral: true, tone: 'contradicts', title: 'Contradicts a known claim' });
    const field = reply.fields?.[0];
    expect(field?.value).toContain('> The Kremlin said no North Korean troops are in Russia.');
    expect(field?.value).toContain('**Contradicts #7:**');
    expect(field?.value).toContain('**Why:** Kremlin denies troops');
    expect(reply.fields).toHaveLength(1); // the off-topic sentence is left out
  });

  it('GIVEN public:true WHEN checking THEN the answer is for the channel', async () => {
    const reply = await h.run('check', { text: 'x', public: true }, { admin: false });
    expect(reply.ephemeral).toBe(false);
  });

  it('GIVEN a URL WHEN checking THEN the page is fetched and linked', async () => {
    const reply = await h.run('check', { url: 'https://news.example/a' }, { admin: false });
    expect(reply.text).toContain('[A checked page](https://news.example/a)');
  });

  it('GIVEN both text and url, or neither WHEN checking THEN it asks for one', async () => {
    expect((await h.run('check', { text: 'a', url: 'https://x.example' }, { admin: false })).tone).toBe('error');
    expect((await h.run('check', {}, { admin: false })).text).toContain('either `text` or `url`');
  });

  it('GIVEN a blocked URL WHEN checking THEN the fetcher’s refusal is shown', async () => {
    const reply = await h.run('check', { url: 'file:///etc/passwd' }, { admin: false });
    expect(reply).toMatchObject({ tone: 'error', text: 'That address is not allowed: file:///etc/passwd' });
  });
});

describe('status and help', () => {
  it('GIVEN a paused channel WHEN asking status THEN it is named with the reason', async () => {
    await addFeed();
    h.services.pauseChannel('discord:C1', 'Missing Access (403)');
    const reply = await h.run('status', {}, { admin: false });
    expect(reply.text).toContain('1 active');
    expect(reply.fields?.find((f) => f.name.startsWith('Paused channels'))?.value).toContain(
      '<#C1>: Missing Access (403)',
    );
    expect(reply.tone).toBe('error');
  });

  it('GIVEN a channel whose deliveries fail WHEN asking status THEN its pending count and last error with its time are shown', async () => {
    await addFeed();
    h.services.channels = [
      {
        channel: 'discord:C1',
        pending: 3,
        lastError: 'HTTP 503',
        lastErrorAt: '2024-11-01T12:00:00.000Z',
        waiting: null,
        paused: false,
      },
      { channel: 'discord:C2', pending: 0, lastError: null, lastErrorAt: null, waiting: null, paused: false },
    ];
    const reply = await h.run('status', {}, { admin: false });
    expect(reply.fields?.find((f) => f.name === 'Alerts waiting (1)')?.value).toBe(
      '<#C1>: 3 pending — last error HTTP 503 (2024-11-01T12:00:00.000Z)',
    );
    expect(reply.tone).toBe('error');
  });

  it('GIVEN the status use case fails with a UserError WHEN asking status THEN its message is shown', async () => {
    h.services.failures.set('status', new UserError('unavailable', 'The database is being rebuilt.'));
    const reply = await h.run('status', {}, { admin: false });
    expect(reply).toMatchObject({ tone: 'error', text: 'The database is being rebuilt.' });
  });

  it('GIVEN Discord WHEN asking help THEN every command is listed with its usage', async () => {
    const reply = await h.run('help', {}, { admin: false });
    const names = reply.fields?.map((f) => f.name);
    expect(names).toEqual(['alerts (server managers)', 'check', 'claims', 'help', 'status', 'watch (server managers)']);
    expect(reply.fields?.find((f) => f.name.startsWith('watch'))?.value).toContain('`/watch add <url> [channel]');
  });

  it('GIVEN Slack WHEN asking help THEN usages are spelled /claimwatch …', async () => {
    const reply = await h.run('help', {}, { admin: false, platform: 'slack' });
    expect(reply.fields?.find((f) => f.name === 'check')?.value).toContain('`/claimwatch check [text] [url] [public]`');
  });

  it('GIVEN an unknown option WHEN running a command THEN the usage is shown', async () => {
    const reply = await h.run('status', { verbose: true }, { admin: false });
    expect(reply.text).toContain('Unknown option `verbose`');
  });
});
