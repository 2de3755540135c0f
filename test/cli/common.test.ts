import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  formatTable,
  parseJsonLines,
  parsePositiveInt,
  readInput,
  resolveDbPath,
  resolveSeedsDir,
} from '../../src/cli/common.ts';
import { UserError } from '../../src/core/errors.ts';

function stdin(text: string, isTTY = false): NodeJS.ReadStream {
  return Object.assign(Readable.from([Buffer.from(text)]), { isTTY }) as unknown as NodeJS.ReadStream;
}

describe('resolveDbPath', () => {
  it('GIVEN --db, CLAIMWATCH_DB and the default WHEN resolved THEN --db wins, then the variable, then ./data', () => {
    const env = { CLAIMWATCH_DB: '/var/lib/cw.db' };
    expect(resolveDbPath('/tmp/x.db', env)).toBe('/tmp/x.db');
    expect(resolveDbPath(undefined, env)).toBe('/var/lib/cw.db');
    expect(resolveDbPath(undefined, {})).toBe(resolve('./data/claimwatch.db'));
  });

  it('GIVEN blank values WHEN resolved THEN they count as not given', () => {
    expect(resolveDbPath('  ', { CLAIMWATCH_DB: '' })).toBe(resolve('./data/claimwatch.db'));
  });

  it('GIVEN no seeds option or variable WHEN resolved THEN a seeds folder is still found', () => {
    expect(resolveSeedsDir('/tmp/s', {})).toBe('/tmp/s');
    expect(resolveSeedsDir(undefined, { CLAIMWATCH_SEEDS: '/srv/seeds' })).toBe('/srv/seeds');
    expect(resolveSeedsDir(undefined, {})).toMatch(/seeds\/?$/);
  });
});

describe('readInput', () => {
  it('GIVEN `-` WHEN read THEN stdin is the text', async () => {
    expect(await readInput(['-'], stdin('from a pipe'))).toEqual({ origin: 'stdin', text: 'from a pipe' });
  });

  it('GIVEN words WHEN read THEN they are the text, joined by spaces', async () => {
    expect(await readInput(['North', 'Korea', 'sent', 'troops'], stdin(''))).toEqual({
      origin: 'text',
      text: 'North Korea sent troops',
    });
  });

  it('GIVEN nothing and a terminal on stdin WHEN read THEN the user is told what to give', async () => {
    await expect(readInput([], stdin('', true))).rejects.toThrow(/give a FILE/);
  });
});

describe('parseJsonLines', () => {
  const asText = (v: unknown) =>
    typeof v === 'object' && v !== null && 'text' in v ? (v as { text: string }) : 'needs "text"';

  it('GIVEN lines with blanks between WHEN parsed THEN every object comes back in order', () => {
    expect(parseJsonLines('{"text":"a"}\n\n{"text":"b"}\r\n', asText)).toEqual([{ text: 'a' }, { text: 'b' }]);
  });

  it('GIVEN a bad line after a blank one WHEN parsed THEN the error names its real line number', () => {
    expect(() => parseJsonLines('{"text":"a"}\n\n{oops}\n', asText)).toThrow(/^line 3: not valid JSON/);
    expect(() => parseJsonLines('{"text":"a"}\n{"id":2}\n', asText)).toThrow('line 2: needs "text"');
    expect(() => parseJsonLines('{oops}', asText)).toThrow(UserError);
  });
});

describe('formatTable', () => {
  it('GIVEN rows WHEN formatted THEN columns line up and long cells are cut with an ellipsis', () => {
    const out = formatTable(
      [{ header: 'id' }, { header: 'text', max: 8 }, { header: 'note' }],
      [
        ['1', 'short', 'a'],
        ['22', 'a very long cell', 'b'],
      ],
    );
    expect(out.split('\n')).toEqual(['id  text      note', '--  --------  ----', '1   short     a', '22  a very …  b']);
  });
});

describe('parsePositiveInt', () => {
  it('GIVEN a whole number WHEN parsed THEN it is returned; otherwise the error names the option', () => {
    expect(parsePositiveInt('42', '--limit')).toBe(42);
    for (const bad of ['0', '-1', '1.5', 'abc', '']) expect(() => parsePositiveInt(bad, '--limit')).toThrow(/--limit/);
  });
});
