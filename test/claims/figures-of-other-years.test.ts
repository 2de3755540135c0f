/**
 * A figure dated years before another figure's report counts another event: the Maui seeds tell a 1960 tsunami's 61
 * dead beside the fire's toll, and the build must not report them as a conflict inside the seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/app/claims-app.ts';
import { yearsApart } from '../../src/core/claims/time.ts';
import { activeStory, useStory } from '../../src/core/story/active-story.ts';

const MAUI = new URL('../fixtures/eval/stories/maui-wildfire/seeds/', import.meta.url).pathname;
const before = activeStory();
const dir = mkdtempSync(join(tmpdir(), 'claimwatch-years-'));
afterAll(() => {
  useStory(before);
  rmSync(dir, { recursive: true, force: true });
});

describe('figures of other years', () => {
  it('GIVEN two times WHEN their years are more than one apart THEN they are apart; a year next to it, or no year, is not', () => {
    expect(yearsApart('1960-05-22', '2023-08-11')).toBe(true);
    expect(yearsApart('2018', '2023-08')).toBe(true);
    expect(yearsApart('2023-12', '2024-01-03')).toBe(false);
    expect(yearsApart('2024-10', '2024-10-18')).toBe(false);
    expect(yearsApart('--06', '2024-06')).toBe(false);
    expect(yearsApart(null, '2024-06')).toBe(false);
  });

  it('GIVEN the Maui seeds WHEN built THEN a 1960 tsunami toll conflicts with no toll of the fire', () => {
    const result = buildDatabase({ dbPath: join(dir, 'maui.db'), seedsDir: MAUI });
    const quotes = result.conflicts.flatMap((c) => [c.a.quote, c.b.quote]);
    expect(result.conflicts.length).toBeGreaterThan(0);
    expect(quotes.some((q) => q.includes('1960'))).toBe(false);
  });
});
