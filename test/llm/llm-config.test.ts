/** CLAIMWATCH_LLM_* settings: off by default, clear errors naming the variable, and the key treated as a secret. */
import { describe, expect, it } from 'vitest';
import { loadConfig, secretValues } from '../../src/config.ts';

const SERVER = { CLAIMWATCH_LLM_URL: 'http://127.0.0.1:11434/v1', CLAIMWATCH_LLM_MODEL: 'llama3.1:8b' };

describe('LLM judge configuration', () => {
  it('GIVEN nothing set WHEN loaded THEN there is no LLM judge', () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it('GIVEN a server, a model and a mode WHEN loaded THEN the timeout is parsed like the other durations and the budget defaults to 600 an hour', () => {
    expect(loadConfig({ ...SERVER, CLAIMWATCH_LLM_MODE: 'uncertain', CLAIMWATCH_LLM_TIMEOUT: '45s' }).llm).toEqual({
      url: SERVER.CLAIMWATCH_LLM_URL,
      model: 'llama3.1:8b',
      apiKey: undefined,
      mode: 'uncertain',
      timeoutMs: 45_000,
      maxCallsPerHour: 600,
    });
    expect(loadConfig(SERVER).llm).toMatchObject({ mode: 'off', timeoutMs: 20_000 });
  });

  it.each([
    [
      { ...SERVER, CLAIMWATCH_LLM_TIMEOUT: 'soon' },
      'CLAIMWATCH_LLM_TIMEOUT: CLAIMWATCH_LLM_TIMEOUT must be a duration such as 600, 90s, 10m or 1h',
    ],
    [
      { ...SERVER, CLAIMWATCH_LLM_TIMEOUT: '200ms' },
      'CLAIMWATCH_LLM_TIMEOUT: CLAIMWATCH_LLM_TIMEOUT must be between 1s and 10m',
    ],
    [
      { ...SERVER, CLAIMWATCH_LLM_URL: 'file:///etc/passwd' },
      'CLAIMWATCH_LLM_URL: CLAIMWATCH_LLM_URL must be an http(s) URL',
    ],
    [{ ...SERVER, CLAIMWATCH_LLM_MODE: 'sometimes' }, 'CLAIMWATCH_LLM_MODE: Invalid option'],
    [{ ...SERVER, CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR: '0' }, 'CLAIMWATCH_LLM_MAX_CALLS_PER_HOUR:'],
    [
      { CLAIMWATCH_LLM_MODE: 'all' },
      'CLAIMWATCH_LLM_MODE is all but CLAIMWATCH_LLM_URL and CLAIMWATCH_LLM_MODEL are not set',
    ],
    [{ CLAIMWATCH_LLM_MODE: 'all', CLAIMWATCH_LLM_URL: SERVER.CLAIMWATCH_LLM_URL }, 'CLAIMWATCH_LLM_MODEL is not set'],
    [
      { ...SERVER, CLAIMWATCH_LLM_MODE: 'all', CLAIMWATCH_ENGINE: 'rules' },
      'CLAIMWATCH_LLM_MODE works over the learned engine',
    ],
  ])('GIVEN %o WHEN loaded THEN the error names the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('GIVEN an API key WHEN secrets are listed for the log scrubber THEN it is one, and a bad setting never prints it', () => {
    const key = 'sk-proj-abcdefghijklmnop';
    expect(secretValues({ CLAIMWATCH_LLM_API_KEY: key })).toContain(key);
    expect(() => loadConfig({ ...SERVER, CLAIMWATCH_LLM_API_KEY: key, CLAIMWATCH_LLM_MODE: 'never' })).toThrow(
      /^(?!.*sk-proj).*$/s,
    );
  });
});
