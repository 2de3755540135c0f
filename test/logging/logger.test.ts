import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createSecretScrubber } from '../../src/secret-scrubber.ts';

function collectingLogger(secrets: string[]) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', { secrets, destination }), text: () => lines.join('') };
}

describe('the logger never writes a secret', () => {
  it('GIVEN a configured secret inside a message, a nested field and an error message THEN none reach the line', () => {
    const { logger, text } = collectingLogger(['s3cret-signing-value']);
    logger.child({ component: 'x' }).warn(
      {
        deep: { a: { b: { c: ['the secret is s3cret-signing-value'] } } },
        err: new Error('bad s3cret-signing-value'),
      },
      'message s3cret-signing-value',
    );
    expect(text()).toContain('message [redacted]');
    expect(text()).not.toContain('s3cret-signing-value');
  });

  it('GIVEN token-shaped text that was never configured THEN still redacted (Slack, Discord, Authorization headers)', () => {
    const { logger, text } = collectingLogger([]);
    const discord = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123';
    logger.error(
      {
        header: 'Authorization: Bearer abcdef123456',
        raw: `POST /x\r\nAuthorization: Bot ${discord}\r\n`,
        tokens: ['xoxb-1-2-abc', 'xapp-1-A0-123', 'xoxp-9'],
      },
      'failed',
    );
    const line = text();
    for (const leaked of ['abcdef123456', discord, 'xoxb-1', 'xapp-1', 'xoxp-9']) expect(line).not.toContain(leaked);
    expect(line).toContain('Bearer [redacted]');
  });

  it('GIVEN an HTTP client error carrying its request config THEN the config is left out of the line', () => {
    const { logger, text } = collectingLogger([]);
    const err = Object.assign(new Error('socket hang up'), {
      config: { headers: { Authorization: 'Bearer opaque-credential-value' }, data: 'user=U1' },
    });
    logger.warn({ err: Object.assign(new Error('request failed'), { original: err }) }, 'call failed');
    expect(text()).toContain('socket hang up');
    expect(text()).not.toContain('opaque-credential-value');
    expect(text()).not.toContain('"config"');
  });

  it('GIVEN ordinary words THEN the scrubber leaves them alone', () => {
    const scrub = createSecretScrubber(['abc']);
    expect(scrub('Bot claimwatch started; abc is too short to be a secret')).toBe(
      'Bot claimwatch started; abc is too short to be a secret',
    );
  });
});
