/**
 * A hand-written Services for command and adapter tests: feeds kept in memory, every call recorded, canned claims
 * and check reports, and switches to make a use case fail with a UserError or a bug.
 */
import type { AlertLevel, ChannelTarget } from '../../src/core/alerts.ts';
import type { ItemReport, KnownClaim } from '../../src/core/claims/types.ts';
import { UserError } from '../../src/core/errors.ts';
import type {
  ChannelStatus,
  ClaimDetail,
  FeedView,
  PollSummary,
  Services,
  StatusView,
  SubscriptionView,
} from '../../src/core/services.ts';

export interface Call {
  method: string;
  args: unknown[];
}

interface StoredFeed extends FeedView {
  scope: string | undefined;
}

export const KNOWN_CLAIM: KnownClaim = {
  id: 7,
  text: 'South Korea’s NIS says North Korea sent about 1,500 special forces troops to Russia.',
  frame: {
    actor: 'dprk',
    action: 'deploy',
    theme: 'troops',
    quantity: { min: 1500, max: 1500, text: 'about 1,500' },
    place: ['russia'],
    time: '2024-10',
    attribution: 'nis',
    polarity: 'asserted',
    modality: 'reported',
  },
  terms: ['nis', 'troops', 'russia'],
  evidence: [
    {
      source: 'https://example.org/nis-briefing',
      quote: 'about 1,500 special forces',
      published: '2024-10-18',
      speaker: 'nis',
    },
  ],
};

export const CONTRADICTING_REPORT: ItemReport = {
  verdict: 'contradicts',
  claims: [
    {
      sentence: 'The Kremlin said no North Korean troops are in Russia.',
      verdict: 'contradicts',
      reason: 'Kremlin denies troops (2024-10-24) vs NIS says about 1,500 troops (2024-10-18)',
      matches: [
        {
          claimId: 7,
          text: KNOWN_CLAIM.text,
          relation: 'contradicts',
          evidence: [{ source: 'https://example.org/nis-briefing', quote: 'about 1,500', published: '2024-10-18' }],
        },
      ],
    },
    { sentence: 'Weather was mild.', verdict: 'offtopic', reason: 'not about the story', matches: [] },
  ],
};

export class RecordingServices implements Services {
  readonly calls: Call[] = [];
  private readonly feeds = new Map<number, StoredFeed>();
  private nextId = 1;
  /** Make the named method (`watch.add`, `check.text`, …) throw this next time. */
  readonly failures = new Map<string, Error>();
  checkReport: ItemReport = CONTRADICTING_REPORT;
  claimsList: KnownClaim[] = [KNOWN_CLAIM];
  outbox = { pending: 0, sent: 0, dead: 0 };
  /** What status reports per channel (test hook). */
  channels: ChannelStatus[] = [];

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private find(id: number, scope?: string): StoredFeed {
    const feed = this.feeds.get(id);
    if (!feed || (scope !== undefined && feed.scope !== scope))
      throw new UserError('not_found', `No feed #${id} here.`);
    return feed;
  }

  private inScope(scope: string | undefined): FeedView[] {
    return [...this.feeds.values()].filter((f) => scope === undefined || f.scope === scope).map((f) => this.view(f));
  }

  private view(feed: StoredFeed): FeedView {
    const { scope: _scope, ...view } = feed;
    return structuredClone(view);
  }

  /** The desk is not what these tests drive: any use is a bug in the test. */
  desk: Services['desk'] = new Proxy({} as Services['desk'], {
    get(_t, prop) {
      throw new Error(`services.desk.${String(prop)} is not available in RecordingServices`);
    },
  });

  watch: Services['watch'] = {
    add: async (input) => {
      this.record('watch.add', [input]);
      if (!/^https?:\/\//.test(input.url)) throw new UserError('bad_input', `Not a web address: ${input.url}`);
      const id = this.nextId++;
      const sub: SubscriptionView = {
        id: id * 10,
        feedId: id,
        channel: input.channel,
        level: input.level ?? 'new',
        include: [],
        exclude: [],
        paused: false,
        pausedReason: null,
      };
      const feed: StoredFeed = {
        id,
        url: input.url,
        title: `Feed ${id}`,
        state: 'active',
        fullText: input.fullText ?? false,
        lastPollAt: null,
        lastResult: null,
        nextPollAt: null,
        failures: 0,
        subscriptions: [sub],
        scope: input.scope,
      };
      this.feeds.set(id, feed);
      return this.view(feed);
    },
    list: (scope) => {
      this.record('watch.list', [scope]);
      return this.inScope(scope);
    },
    remove: (id, scope) => {
      this.record('watch.remove', [id, scope]);
      const feed = this.find(id, scope);
      this.feeds.delete(id);
      return this.view(feed);
    },
    pause: (id, scope) => {
      this.record('watch.pause', [id, scope]);
      const feed = this.find(id, scope);
      feed.state = 'paused';
      return this.view(feed);
    },
    resume: (id, scope) => {
      this.record('watch.resume', [id, scope]);
      const feed = this.find(id, scope);
      feed.state = 'active';
      feed.failures = 0;
      return this.view(feed);
    },
    poll: async (id, scope) => {
      this.record('watch.poll', [id, scope]);
      const feeds = id === undefined ? this.inScope(scope) : [this.find(id, scope)];
      return feeds.map(
        (f): PollSummary => ({ feedId: f.id, url: f.url, ok: true, result: 'fetched', newItems: 2, alerts: 1 }),
      );
    },
  };

  alerts: Services['alerts'] = {
    configure: (input) => {
      this.record('alerts.configure', [input]);
      const subs: SubscriptionView[] = [];
      for (const feed of this.feeds.values()) {
        if (input.scope !== undefined && feed.scope !== input.scope) continue;
        for (const sub of feed.subscriptions) {
          if (sub.channel !== input.channel) continue;
          sub.level = input.level as AlertLevel;
          if (input.include) sub.include = input.include;
          if (input.exclude) sub.exclude = input.exclude;
          subs.push(structuredClone(sub));
        }
      }
      return subs;
    },
  };

  claims: Services['claims'] = {
    search: (query, limit) => {
      this.record('claims.search', [query, limit]);
      const words = query.toLowerCase().split(/\s+/);
      return this.claimsList.filter((c) => words.some((w) => c.text.toLowerCase().includes(w)));
    },
    show: (id): ClaimDetail => {
      this.record('claims.show', [id]);
      const claim = this.claimsList.find((c) => c.id === id);
      if (!claim) throw new UserError('not_found', `No claim #${id}.`);
      return { claim, related: [] };
    },
  };

  check: Services['check'] = {
    text: async (text, context) => {
      this.record('check.text', [text, context]);
      return structuredClone(this.checkReport);
    },
    url: async (url) => {
      this.record('check.url', [url]);
      if (!/^https?:\/\//.test(url)) throw new UserError('blocked_url', `That address is not allowed: ${url}`);
      return { ...structuredClone(this.checkReport), title: 'A checked page', url };
    },
  };

  status(scope?: string): StatusView {
    this.record('status', [scope]);
    const feeds = this.inScope(scope);
    const pausedChannels: Array<{ channel: ChannelTarget; reason: string }> = [];
    for (const f of feeds) {
      for (const s of f.subscriptions)
        if (s.paused) pausedChannels.push({ channel: s.channel, reason: s.pausedReason ?? '' });
    }
    return { feeds, outbox: { ...this.outbox }, channels: [...this.channels], pausedChannels };
  }

  /** Test hook: mark a channel's subscriptions paused, as the dispatcher does after a 403. */
  pauseChannel(channel: ChannelTarget, reason: string): void {
    for (const f of this.feeds.values()) {
      for (const s of f.subscriptions) {
        if (s.channel === channel) {
          s.paused = true;
          s.pausedReason = reason;
        }
      }
    }
  }
}
