import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClaimsApp } from '../../src/app/claims-app.ts';
import { judgeAndLearn } from '../../src/core/learn.ts';
import { silentLogger } from '../../src/logger.ts';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const REAL = new URL('../fixtures/eval/real/', import.meta.url).pathname;

interface Item {
  id: string;
  title: string;
  link: string;
  published: string;
  content: string;
}

/** Pages read: the cost stays fixed as the tuning sets grow (about 220 pages read in ~10 s). */
const PAGES = 220;

/**
 * Real pages the engine is tuned on (never the frozen splits), the first PAGES in file order: many report a claim
 * and, a line later, its denial.
 */
function realPages(): Item[] {
  return ['dev-shared', 'dev-more']
    .flatMap((set) =>
      readFileSync(join(REAL, set, 'items.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Item),
    )
    .slice(0, PAGES);
}

const dir = mkdtempSync(join(tmpdir(), 'claimwatch-own-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an article does not contradict itself (issue 8, class 6)', () => {
  it('GIVEN real pages read one after another WHEN each is learned sentence by sentence THEN no sentence contradicts a claim its own page taught, while pages still contradict what was known before them', () => {
    const app = openClaimsApp({ dbPath: join(dir, 'real.db'), seedsDir: SEEDS, logger: silentLogger() });
    let contradictions = 0;
    const againstOwnPage: string[] = [];
    for (const page of realPages()) {
      const before = new Set(app.claims.list({ limit: 1_000_000 }).map((c) => c.id));
      const judgements = app.transact(() =>
        judgeAndLearn(
          app.claims,
          { text: page.content, title: page.title, published: page.published },
          { source: page.link, published: page.published },
          app.judge,
        ),
      );
      for (const j of judgements.filter((j) => j.verdict === 'contradicts')) {
        contradictions++;
        for (const m of j.matches)
          if (m.relation === 'contradicts' && !before.has(m.claim.id)) againstOwnPage.push(`${page.id}: ${j.reason}`);
      }
    }
    app.close();
    expect(againstOwnPage).toEqual([]);
    expect(contradictions).toBeGreaterThan(20);
  }, 90_000);
});
