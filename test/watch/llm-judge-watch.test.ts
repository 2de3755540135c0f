/**
 * The watcher with the LLM judge on: a polled item's sentences are put to a loopback OpenAI-compatible stand-in before
 * the item's transaction, the alert carries the judge's verdict and says who judged it (console, Discord and Slack
 * render it from the one alert view), and a failing server leaves the engine's alert as it would have been.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openClaimsApp } from '../../src/app/claims-app.ts';
import { createWatchRuntime } from '../../src/app/runtime.ts';
import { alertView, sectionText } from '../../src/commands/alert-view.ts';
import type { Alert } from '../../src/core/alerts.ts';
import { silentLogger } from '../../src/logger.ts';
import { alertText } from '../../src/platforms/console/console-format.ts';
import { type LlmServer, startLlmServer } from '../fakes/llm-server.ts';
import { tempDir } from './cli-child.ts';
import { feedOk, item, ON_TOPIC, recordingSink, SEEDS_DIR, scriptedReader } from './harness.ts';

const FEED = 'https://news.example/feed';
const MODEL = 'desk-model';

let server: LlmServer;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startLlmServer();
  tmp = tempDir('claimwatch-llm-watch-');
});
afterAll(async () => {
  await server?.close();
  tmp?.remove();
});
afterEach(() => server.behave({ kind: 'answer' }));

function runtimeFor(db: string) {
  const app = openClaimsApp({
    dbPath: join(tmp.dir, db),
    seedsDir: SEEDS_DIR,
    logger: silentLogger(),
    engine: 'learned',
    llm: { url: server.baseUrl, model: MODEL, apiKey: undefined, mode: 'all', timeoutMs: 5_000, maxCallsPerHour: 100 },
  });
  const script = scriptedReader();
  const sink = recordingSink('console');
  const runtime = createWatchRuntime(app, {
    config: { pollIntervalMs: 600_000, maxFailures: 8, maxAlertsPerPoll: 20, allowHosts: [], maxBodyBytes: 1 << 20 },
    logger: silentLogger(),
    reader: script.reader,
    sinks: [sink.sink],
  });
  return { app, script, sink, runtime };
}

async function pollOneNewItem(db: string, text: string) {
  const w = runtimeFor(db);
  w.script.answer(FEED, feedOk([]), feedOk([item(1, text)]));
  await w.runtime.services.watch.add({ url: FEED, channel: 'console:desk', level: 'all' });
  await w.runtime.runOnce();
  const alerts = w.sink.delivered.flatMap((m) => (m.kind === 'alert' ? [m.alert] : []));
  await w.runtime.stop();
  w.app.close();
  return alerts;
}

describe('watching with the LLM judge on', () => {
  it('GIVEN a stand-in judge WHEN a new item is polled THEN each on-topic sentence was asked once, and the alert says the model judged it', async () => {
    server.requests.length = 0;
    // the judge calls this one new (the engine may say otherwise), and the alert shows why and who said so
    server.behave({
      kind: 'answer',
      answer: () => ({ verdict: 'new', claim: null, reason: 'No listed claim names engineers.' }),
    });
    const [alert, ...rest] = await pollOneNewItem('judged.db', ON_TOPIC[2] as string);
    expect(rest).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.authorization).toBeUndefined();
    const claim = (alert as Alert).claims.find((c) => c.sentence === ON_TOPIC[2]);
    expect(claim).toMatchObject({ verdict: 'new', judgedBy: MODEL });
    expect(claim?.reason).toContain(`judged by ${MODEL}: No listed claim names engineers.`);
    const section = alertView(alert as Alert).sections[0];
    expect(sectionText(section as never)).toContain(`**Why:** judged by ${MODEL}: No listed claim names engineers.`);
    expect(alertText({ kind: 'alert', key: 'k', channel: 'console:desk', alert: alert as Alert })).toContain(
      `judged by ${MODEL}`,
    );
  }, 60_000);

  it('GIVEN a judge that answers 500 WHEN a new item is polled THEN the alert is the engine’s own', async () => {
    server.behave({ kind: 'status', status: 500 });
    server.requests.length = 0;
    const alerts = await pollOneNewItem('failing.db', ON_TOPIC[0] as string);
    expect(server.requests).toHaveLength(1);
    expect(alerts).toHaveLength(1);
    for (const c of (alerts[0] as Alert).claims) {
      expect(c.judgedBy).toBeUndefined();
      expect(c.reason).not.toContain('judged by');
    }
  }, 60_000);
});
