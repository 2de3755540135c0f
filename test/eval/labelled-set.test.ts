import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeForMatch, parseLabelledSet, VERDICTS } from '../../src/core/eval/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const known = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    sentence: 'Pyongyang sends shells.',
    label: 'known',
    seed_file: 'a.txt',
    seed_quote: 'x',
    ...extra,
  });

describe('parseLabelledSet', () => {
  it('GIVEN well-formed lines with blank lines between WHEN parsed THEN each row keeps its line number and seed', () => {
    const text = `${known({ published: '2024-10-20' })}\n\n${JSON.stringify({ sentence: 'Read more', label: 'offtopic' })}\n`;
    const rows = parseLabelledSet(text);
    expect(rows).toEqual([
      {
        line: 1,
        sentence: 'Pyongyang sends shells.',
        label: 'known',
        seed: { file: 'a.txt', quote: 'x' },
        published: '2024-10-20',
        item: null,
      },
      { line: 3, sentence: 'Read more', label: 'offtopic', seed: null, published: null, item: null },
    ]);
  });

  it('GIVEN a line that is not JSON WHEN parsed THEN the error names that line', () => {
    expect(() => parseLabelledSet(`${known()}\n{"sentence": "oops"\n`)).toThrow(/^line 2: not valid JSON/);
  });

  it('GIVEN a known label without seed_quote WHEN parsed THEN the error names the line and the field', () => {
    const bad = JSON.stringify({ sentence: 's', label: 'known', seed_file: 'a.txt' });
    expect(() => parseLabelledSet(`${known()}\n${known()}\n${bad}`)).toThrow('line 3: "seed_quote" is required');
  });

  it('GIVEN a contradicts label without seed_file WHEN parsed THEN the error names the line and the field', () => {
    const bad = JSON.stringify({ sentence: 's', label: 'contradicts', seed_quote: 'q' });
    expect(() => parseLabelledSet(bad)).toThrow('line 1: "seed_file" is required');
  });

  it('GIVEN an unknown label, an empty sentence, a bad date or an array WHEN parsed THEN each is rejected', () => {
    expect(() => parseLabelledSet(JSON.stringify({ sentence: 's', label: 'maybe' }))).toThrow(/line 1: "label"/);
    expect(() => parseLabelledSet(JSON.stringify({ sentence: ' ', label: 'new' }))).toThrow(/line 1: "sentence"/);
    expect(() => parseLabelledSet(JSON.stringify({ sentence: 's', label: 'new', published: 'Oct 5' }))).toThrow(
      /line 1: "published"/,
    );
    expect(() => parseLabelledSet('[1, 2]')).toThrow('line 1: expected a JSON object');
  });

  it('GIVEN a file with no sentences WHEN parsed THEN it is an error, not an empty score', () => {
    expect(() => parseLabelledSet('\n\n')).toThrow('no sentences');
  });

  it('GIVEN a new label with seed fields WHEN parsed THEN the seed is ignored', () => {
    const rows = parseLabelledSet(JSON.stringify({ sentence: 's', label: 'new', seed_file: 'a', seed_quote: 'b' }));
    expect(rows[0]?.seed).toBeNull();
  });
});

/** Seed texts normalized as the scorer compares them; sentences split crudely at line breaks and full stops. */
function seedTexts(): Map<string, string> {
  return new Map(readdirSync(SEEDS).map((f) => [f, normalizeForMatch(readFileSync(join(SEEDS, f), 'utf8'))]));
}

describe.each(['dev.jsonl', 'holdout.jsonl'])('the labelled set %s', (name) => {
  const rows = parseLabelledSet(readFileSync(join(ROOT, 'test/fixtures/eval', name), 'utf8'));
  const seeds = seedTexts();

  it('GIVEN every known/contradicts line WHEN checked against seeds/ THEN its seed_file exists and holds its seed_quote', () => {
    const problems = rows.flatMap((r) => {
      if (!r.seed) return [];
      const text = seeds.get(r.seed.file);
      if (text === undefined) return [`line ${r.line}: no seed ${r.seed.file}`];
      return text.includes(normalizeForMatch(r.seed.quote)) ? [] : [`line ${r.line}: quote not in ${r.seed.file}`];
    });
    expect(problems).toEqual([]);
  });

  it('GIVEN every seed_quote WHEN read THEN it stays inside one sentence (no full stop followed by a space)', () => {
    const crossing = rows.filter((r) => r.seed && /[.!?]\s/.test(r.seed.quote)).map((r) => r.line);
    expect(crossing).toEqual([]);
  });

  it('GIVEN the whole set WHEN read THEN no sentence appears twice and every line has a date', () => {
    const sentences = rows.map((r) => r.sentence);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(rows.filter((r) => r.published === null)).toEqual([]);
  });

  it('GIVEN the labels WHEN counted THEN every class is represented in rough balance', () => {
    const min = name === 'dev.jsonl' ? 45 : 15;
    for (const v of VERDICTS) expect(rows.filter((r) => r.label === v).length).toBeGreaterThanOrEqual(min);
    expect(rows.length).toBeGreaterThanOrEqual(name === 'dev.jsonl' ? 230 : 75);
  });
});

describe('dev and holdout', () => {
  it('GIVEN both sets WHEN compared THEN they share no sentence', () => {
    const read = (n: string) =>
      parseLabelledSet(readFileSync(join(ROOT, 'test/fixtures/eval', n), 'utf8')).map((r) => r.sentence);
    const dev = new Set(read('dev.jsonl'));
    expect(read('holdout.jsonl').filter((s) => dev.has(s))).toEqual([]);
  });
});
