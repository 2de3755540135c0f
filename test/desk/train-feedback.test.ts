/**
 * Retraining learns from the desk: marks made through the desk service, exported in the labelled-set format
 * (`claimwatch feedback export`) and read back as training rows (`npm run train -- --feedback FILE`), change the
 * verdict a model fitted on them gives those very sentences. A small, fast fit: one real tuning set (dev-shared)
 * with the settings model.json records, against the known claims built from the seeds.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { readLabelledSet } from '../../src/app/labelled-files.ts';
import { DESK_WEIGHT, trainingRows } from '../../src/app/training-rows.ts';
import type { Alert } from '../../src/core/alerts.ts';
import { analyzeDocument, judgeSentenceByRules, toClaimReport } from '../../src/core/claims/index.ts';
import { judgeLearned } from '../../src/core/claims/learned/judge-learned.ts';
import { fitWithSettings, type TrainingRow } from '../../src/core/claims/learned/train.ts';
import type { Verdict } from '../../src/core/claims/types.ts';
import { recordSubject } from '../../src/core/desk/apply.ts';
import { createDeskService } from '../../src/core/desk/desk-service.ts';
import { parseLabelledSet } from '../../src/core/eval/labelled-set.ts';
import { activeStory } from '../../src/core/story/active-story.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createSqliteDeskStore } from '../../src/store/desk-store.ts';
import { CONTRADICTING } from '../watch/story-items.ts';
import { SEEDS_DIR } from './scenario.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SETTINGS = { l2: 0.03, minWordRows: 3, contradictsAt: 0.8 };
const CONFIRMED = CONTRADICTING[0] as string;
const CORRECTED = CONTRADICTING[2] as string;

describe('npm run train with the desk marks', () => {
  const db = openDatabase(':memory:');
  rebuildClaims(db, readSeedDocuments(SEEDS_DIR));
  const claims = createSqliteClaimStore(db);
  const deskStore = createSqliteDeskStore(db);
  const desk = createDeskService({ desk: deskStore, claims });
  let base: TrainingRow[];

  /** An alert on `sentence` as the rules judge it, its subject recorded as the pipeline records it. */
  function alertOn(sentence: string, n: number): string {
    const s = analyzeDocument({ text: sentence })[0];
    if (!s) throw new Error('no sentence');
    const report = toClaimReport(judgeSentenceByRules(s, claims));
    const alert: Alert = {
      verdict: report.verdict,
      feed: { id: 1, title: 'Wire', url: 'http://127.0.0.1/feed' },
      item: { title: `Report ${n}`, link: `http://127.0.0.1/${n}`, published: '2024-10-25T08:00:00.000Z' },
      claims: [report],
    };
    const subject = recordSubject(deskStore, alert, `alert:1:${n}:console:desk`, 'console:desk', Date.now());
    if (!subject) throw new Error(`no subject for ${sentence}`);
    return subject.ref;
  }

  const verdictWith = (rows: TrainingRow[], sentence: string): Verdict => {
    const model = fitWithSettings([{ name: 'dev-shared', rows, index: claims, story: activeStory() }], SETTINGS);
    const s = analyzeDocument({ text: sentence })[0];
    if (!s) throw new Error('no sentence');
    return judgeLearned(s, claims, model).verdict;
  };

  beforeAll(() => {
    base = trainingRows(readLabelledSet(`${ROOT}test/fixtures/eval/real/dev-shared/claims.jsonl`), 'dev-shared');
  });

  it('GIVEN a desk that confirmed one contradiction and corrected another to new WHEN the model is fitted with the exported marks THEN both sentences get the desk verdict, which they did not before', () => {
    const user = { id: 'cli:editor', name: 'editor', isAdmin: true };
    desk.mark(alertOn(CONFIRMED, 1), { kind: 'right' }, user);
    desk.mark(alertOn(CORRECTED, 2), { kind: 'wrong', verdict: 'new' }, user);

    const { rows, skipped } = desk.exportFeedback();
    expect(skipped).toEqual([]);
    const labelled = parseLabelledSet(rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(labelled.map((r) => [r.sentence, r.label])).toEqual([
      [CONFIRMED, 'contradicts'],
      [CORRECTED, 'new'],
    ]);
    expect(labelled[0]?.seed?.file).toMatch(/\.txt$/);
    const marks = trainingRows(labelled, 'desk', DESK_WEIGHT);

    // before: the model fitted on the tuning set alone disagrees with the desk on both
    expect(verdictWith(base, CONFIRMED)).not.toBe('contradicts');
    expect(verdictWith(base, CORRECTED)).not.toBe('new');
    // after: retrained with the marks beside the tuning set
    const retrained = [...base, ...marks];
    expect(verdictWith(retrained, CONFIRMED)).toBe('contradicts');
    expect(verdictWith(retrained, CORRECTED)).toBe('new');
  }, 60_000);

  it('GIVEN no marks WHEN fitted THEN the rows are the tuning set alone (weight 1 everywhere: the committed model is reproduced)', () => {
    expect(base.every((r) => r.weight === undefined)).toBe(true);
    expect(trainingRows([], 'desk', DESK_WEIGHT)).toEqual([]);
  });
});
