import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/core/seeds/index.ts';

describe('parseSeed', () => {
  it('GIVEN a date line that shares its line with the text after a stray space WHEN parsed THEN the date is read and the text kept', () => {
    const seed = parseSeed(
      ' date 2024-10-15 In June 2024, Russia and the DPRK signed an agreement.\n\nSecond paragraph.',
    );
    expect(seed.published).toBe('2024-10-15');
    expect(seed.text).toBe('In June 2024, Russia and the DPRK signed an agreement.\n\nSecond paragraph.');
  });

  it('GIVEN a date line of its own WHEN parsed THEN the text starts on the next line', () => {
    const seed = parseSeed('date 2024-11-05\r\nNorth Korean troops are in Kursk.\r\n');
    expect(seed.published).toBe('2024-11-05');
    expect(seed.text).toBe('North Korean troops are in Kursk.');
  });

  it('GIVEN no date line, or one with an impossible date WHEN parsed THEN published is null and the text is untouched', () => {
    expect(parseSeed('Kim Jong Un stands alongside Vladimir Putin.').published).toBeNull();
    const bad = parseSeed('date 2024-13-45 Something happened.');
    expect(bad.published).toBeNull();
    expect(bad.text).toBe('date 2024-13-45 Something happened.');
    expect(parseSeed('The date 2024-10-15 was mentioned.').published).toBeNull();
  });

  it('GIVEN an article pasted twice WHEN parsed THEN each paragraph is kept once, in order', () => {
    const article = 'First “quoted” paragraph.\nSecond paragraph, Pyongyang’s view.\n🌎\nFollow World news';
    const seed = parseSeed(`${article}\n${article}`);
    expect(seed.text).toBe(
      'First “quoted” paragraph.\n\nSecond paragraph, Pyongyang’s view.\n\n🌎\n\nFollow World news',
    );
    expect(seed.repeatedParagraphs).toBe(4);
  });

  it('GIVEN irregular spacing WHEN parsed THEN spaces collapse but typography stays exactly as written', () => {
    const seed = parseSeed('  Babelʼs  source\u00A0says   “several thousand”.  \n\n\n\nNext.');
    expect(seed.text).toBe('Babelʼs source says “several thousand”.\n\nNext.');
  });

  it('GIVEN an empty or blank document WHEN parsed THEN the text is empty', () => {
    expect(parseSeed('').text).toBe('');
    expect(parseSeed('date 2024-10-15\n\n  \n').text).toBe('');
  });

  it('GIVEN seed 003, which holds its article twice WHEN parsed THEN the second copy is dropped', () => {
    const raw = readFileSync(new URL('../../seeds/003_5790b87cadae2bc3.txt', import.meta.url), 'utf8');
    const seed = parseSeed(raw);
    const occurrences = seed.text.split('Kremlin spokesman Dmitry Peskov on Thursday dismissed').length - 1;
    expect(occurrences).toBe(1);
    expect(seed.repeatedParagraphs).toBe(18);
    expect(seed.text).toContain('Pyongyang sent about 150 new laborers there to help with rebuilding efforts.');
  });

  it('GIVEN seed 000 WHEN parsed THEN its leading-space date line gives its date', () => {
    const raw = readFileSync(new URL('../../seeds/000_fbbbb50a1d4c2436.txt', import.meta.url), 'utf8');
    const seed = parseSeed(raw);
    expect(seed.published).toBe('2024-10-15');
    expect(seed.text.startsWith('In June 2024, Russia and the DPRK signed')).toBe(true);
  });
});
