/**
 * The LLM judge in process: a hand-written recording LlmClient in place of the server, the real engine over the
 * seeds' claims, and the real SQLite cache and budget. What the judge is shown, which sentences it is asked about
 * (mode all / uncertain), how its answer replaces the engine's verdict, and what happens over the budget.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { analyzeDocument, judgeSentence, TRAINED_MODEL } from '../../src/core/claims/index.ts';
import { readLearned } from '../../src/core/claims/learned/judge-learned.ts';
import {
  createLlmJudge,
  inUncertainBand,
  type LlmJudge,
  type LlmRequest,
  parseAnswer,
} from '../../src/core/llm/index.ts';
import type { ClaimStore } from '../../src/core/store-ports.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { createSqliteLlmAnswerCache, createSqliteLlmBudget } from '../../src/store/llm-store.ts';
import { ON_TOPIC, SEEDS_DIR } from '../watch/harness.ts';

type Reply = string | Error | ((req: LlmRequest) => string);

function recordingClient(reply: Reply) {
  const requests: LlmRequest[] = [];
  return {
    requests,
    client: {
      async complete(req: LlmRequest) {
        requests.push(req);
        if (reply instanceof Error) throw reply;
        return typeof reply === 'function' ? reply(req) : reply;
      },
    },
  };
}

function recordingLog() {
  const warnings: Array<{ obj: object; msg?: string }> = [];
  const none = () => {};
  return {
    warnings,
    log: {
      info: none,
      debug: none,
      error: none,
      warn: (obj: object, msg?: string) => void warnings.push({ obj, msg }),
    },
  };
}

const offeredIds = (req: LlmRequest) =>
  [...(req.messages[1]?.content ?? '').matchAll(/^#(\d+): /gm)].map((m) => Number(m[1]));

let db: Database;
let claims: ClaimStore;

beforeEach(() => {
  db = openDatabase(':memory:');
  rebuildClaims(db, readSeedDocuments(SEEDS_DIR));
  claims = createSqliteClaimStore(db);
});
afterEach(() => db.close());

function judgeWith(reply: Reply, opts: { mode?: 'all' | 'uncertain'; maxPerHour?: number } = {}) {
  const client = recordingClient(reply);
  const log = recordingLog();
  const judge: LlmJudge = createLlmJudge({
    client: client.client,
    cache: createSqliteLlmAnswerCache(db),
    budget: createSqliteLlmBudget(db, opts.maxPerHour ?? 100),
    log: log.log,
    model: 'm',
    mode: opts.mode ?? 'all',
  });
  return { judge, requests: client.requests, warnings: log.warnings };
}

describe('parseAnswer', () => {
  it('GIVEN answers good and bad WHEN parsed against the offered ids THEN only a schema-true answer naming an offered claim passes', () => {
    expect(parseAnswer('{"verdict":"known","claim":3,"reason":"Same figure.\\n"}', [3, 4])).toEqual({
      ok: true,
      answer: { verdict: 'known', claim: 3, reason: 'Same figure.' },
    });
    expect(parseAnswer('{"verdict":"new","claim":null,"reason":"Not listed."}', [3])).toMatchObject({ ok: true });
    expect(parseAnswer('{"verdict":"known","claim":', [3])).toEqual({ ok: false, problem: 'the answer is not JSON' });
    expect(parseAnswer('{"verdict":"maybe","claim":3,"reason":"x"}', [3])).toEqual({
      ok: false,
      problem: 'the answer does not follow the schema (verdict)',
    });
    expect(parseAnswer('{"verdict":"known","claim":9,"reason":"x"}', [3])).toEqual({
      ok: false,
      problem: 'the answer names claim #9, which was not offered',
    });
    expect(parseAnswer('{"verdict":"contradicts","claim":null,"reason":"x"}', [3])).toEqual({
      ok: false,
      problem: 'the answer says contradicts but names no claim',
    });
  });
});

describe('the LLM judge', () => {
  it('GIVEN mode all WHEN a document is prepared THEN the prompt holds the sentence, title, date and candidates as #id: text (source, date), with the schema; and the answer is the verdict', async () => {
    const { judge, requests, warnings } = judgeWith((req) =>
      JSON.stringify({ verdict: 'known', claim: offeredIds(req)[0], reason: 'It restates the first claim.' }),
    );
    const doc = { text: ON_TOPIC[1] as string, title: 'Howitzers by rail', published: '2024-11-02' };
    const summary = await judge.prepare(doc, claims);
    expect(summary).toEqual({ asked: 1, cached: 0, failed: 0, overBudget: 0 });
    const [req] = requests;
    expect(req?.model).toBe('m');
    expect(req?.schema.name).toBe('claim_verdict');
    const prompt = req?.messages[1]?.content ?? '';
    expect(prompt).toContain('Article: Howitzers by rail (2024-11-02)');
    expect(prompt).toContain(`Sentence: ${ON_TOPIC[1]}`);
    const lines = prompt.split('\n').filter((l) => l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(5);
    for (const l of lines) expect(l).toMatch(/^#\d+: .+ \([^,]+, (\d{4}-\d\d-\d\d|undated)\)$/);

    const [s] = analyzeDocument(doc);
    const j = judge.judge(s as never, claims);
    expect(j.verdict).toBe('known');
    expect(j.judgedBy).toBe('m');
    expect(j.matches[0]?.claim.id).toBe(offeredIds(req as LlmRequest)[0]);
    expect(j.reason).toMatch(
      /^judged by m: It restates the first claim\. \(restates #\d+ ".+" \(.+\)\); the engine said /,
    );
    expect(warnings).toEqual([]);
    // prepared again: answered from the cache
    expect(await judge.prepare(doc, claims)).toEqual({ asked: 0, cached: 1, failed: 0, overBudget: 0 });
    expect(requests).toHaveLength(1);
  });

  it('GIVEN mode uncertain WHEN a document is prepared THEN only the sentences in the engine’s uncertain band are asked about', async () => {
    // the engine is sure of the second (known, 93%), unsure of the first (known, 70%); the third is furniture
    const sure = 'Since 2023, North Korea regularly delivers hundreds of containers with ammunition to Russia.';
    const text = [ON_TOPIC[0], sure, 'Subscribe to our newsletter for daily updates.'].join(' ');
    const { judge, requests } = judgeWith('{"verdict":"new","claim":null,"reason":"x"}', { mode: 'uncertain' });
    await judge.prepare({ text }, claims);
    const expected = analyzeDocument({ text }).filter((s) => {
      const r = readLearned(s, claims, TRAINED_MODEL);
      if (!r.scores || r.exact || r.scores.assessments.length === 0) return false;
      if (!s.onTopic && r.judgement.verdict === 'offtopic') return false;
      return inUncertainBand(r.judgement.verdict, r.scores);
    });
    const asked = requests.map((r) => /^Sentence: (.*)$/m.exec(r.messages[1]?.content ?? '')?.[1]);
    expect(asked).toEqual(expected.map((s) => s.text));
    expect(asked).toEqual([ON_TOPIC[0]]);
    // in mode all the sure one is asked too (the first is answered from the cache both share)
    const all = judgeWith('{"verdict":"new","claim":null,"reason":"x"}', { mode: 'all' });
    expect(await all.judge.prepare({ text }, claims)).toEqual({ asked: 1, cached: 1, failed: 0, overBudget: 0 });
    expect(all.requests.map((r) => /^Sentence: (.*)$/m.exec(r.messages[1]?.content ?? '')?.[1])).toEqual([sure]);
  });

  it('GIVEN a sentence the database holds word for word WHEN prepared in mode all THEN the judge is not asked', async () => {
    const [claim] = claims.list({ limit: 1 });
    const quote = claim?.evidence[0]?.quote as string;
    const { judge, requests } = judgeWith('{"verdict":"new","claim":null,"reason":"x"}');
    await judge.prepare({ text: quote }, claims);
    expect(requests).toEqual([]);
  });

  it('GIVEN a budget of one call an hour WHEN two sentences are prepared THEN one is asked, the other keeps the engine’s verdict, with one warning; the budget holds for a second judge on the same database', async () => {
    const text = `${ON_TOPIC[0]} ${ON_TOPIC[1]}`;
    const { judge, requests, warnings } = judgeWith(
      (req) => JSON.stringify({ verdict: 'contradicts', claim: offeredIds(req)[0], reason: 'No.' }),
      { maxPerHour: 1 },
    );
    expect(await judge.prepare({ text }, claims)).toMatchObject({ asked: 1, overBudget: 1 });
    expect(requests).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR reached/);
    const [first, second] = analyzeDocument({ text });
    expect(judge.judge(first as never, claims).judgedBy).toBe('m');
    const engine = judgeSentence(second as never, claims);
    const kept = judge.judge(second as never, claims);
    expect([kept.verdict, kept.reason, kept.judgedBy]).toEqual([engine.verdict, engine.reason, undefined]);

    const other = judgeWith('{"verdict":"new","claim":null,"reason":"x"}', { maxPerHour: 1 });
    await other.judge.prepare({ text: ON_TOPIC[2] as string }, claims);
    expect(other.requests).toEqual([]);
  });

  it('GIVEN a server that fails WHEN a document is prepared THEN one warning, no more calls for that text, and every verdict is the engine’s', async () => {
    const text = ON_TOPIC.join(' ');
    const { judge, requests, warnings } = judgeWith(new Error('the LLM server answered HTTP 502'));
    const summary = await judge.prepare({ text }, claims);
    expect(requests).toHaveLength(1);
    expect(summary.failed).toBeGreaterThanOrEqual(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.obj).toMatchObject({ error: 'the LLM server answered HTTP 502' });
    for (const s of analyzeDocument({ text })) {
      const j = judge.judge(s, claims);
      expect(j.judgedBy).toBeUndefined();
      expect(j.reason).toBe(judgeSentence(s, claims).reason);
    }
  });
});
