import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger, wantsPrettyLogs } from '../../src/logger.ts';
import { createSecretScrubber } from '../../src/secret-scrubber.ts';

const SECRET = 's3cret-signing-value';

function collect(format: 'pretty' | 'json' | 'auto', isTTY?: boolean) {
  const chunks: string[] = [];
  const destination = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  const logger = createLogger('info', { secrets: [SECRET], destination, format });
  logger.warn(
    { feedId: 7, url: 'https://example.org/feed.xml', note: `key ${SECRET} and xoxb-1-2-abc` },
    'feed poll failed',
  );
  return new Promise<string>((resolve) => setTimeout(() => resolve(chunks.join('')), 20));
}

describe('log lines for people and for machines', () => {
  it('GIVEN the pretty format THEN a line reads level, local time and message, fields below, no secret and no epoch', async () => {
    const text = await collect('pretty');
    const first = text.split('\n')[0] as string;
    expect(first).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] WARN: feed poll failed$/);
    expect(text).toMatch(/\n {4}feedId: 7\n/);
    expect(text).toContain('url: "https://example.org/feed.xml"');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('xoxb-1');
    expect(text).toContain('note: "key [redacted] and [redacted]"');
    expect(text).not.toMatch(/"time":\d+|\{"level"/);
  });

  it('GIVEN the json format THEN one JSON object a line with epoch time, still scrubbed', async () => {
    const text = await collect('json');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, msg: 'feed poll failed', feedId: 7 });
    expect(typeof line.time).toBe('number');
    expect(line.note).toBe('key [redacted] and [redacted]');
  });

  it('GIVEN auto THEN pretty only when the destination is a terminal', async () => {
    expect(await collect('auto', true)).toMatch(/^\[.*\] WARN: feed poll failed\n/);
    expect(JSON.parse((await collect('auto', false)).trim())).toMatchObject({ msg: 'feed poll failed' });
    expect(wantsPrettyLogs('auto', { isTTY: true })).toBe(true);
    expect(wantsPrettyLogs('auto', { isTTY: false })).toBe(false);
    expect(wantsPrettyLogs('json', { isTTY: true })).toBe(false);
    expect(wantsPrettyLogs('pretty', { isTTY: false })).toBe(true);
  });

  it('GIVEN CLAIMWATCH_LOG_FORMAT THEN it is validated by the configuration', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ CLAIMWATCH_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ CLAIMWATCH_LOG_FORMAT: 'yaml' })).toThrow(/CLAIMWATCH_LOG_FORMAT/);
  });

  it('GIVEN a token pattern after other text THEN only the redaction marker replaces it (no match offset left behind)', () => {
    expect(createSecretScrubber([])('a long line before xoxb-1-2-abc and after')).toBe(
      'a long line before [redacted] and after',
    );
  });
});
