/**
 * The desk's use cases over the real SQLite store (a temp-free in-memory database built from the seeds): what a
 * click or a command is refused with, and what export leaves out and why.
 */
import { describe, expect, it } from 'vitest';
import { readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import type { Alert } from '../../src/core/alerts.ts';
import { analyzeDocument, judgeSentenceByRules, toClaimReport } from '../../src/core/claims/index.ts';
import { recordSubject } from '../../src/core/desk/apply.ts';
import { createDeskService } from '../../src/core/desk/desk-service.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createSqliteDeskStore } from '../../src/store/desk-store.ts';
import { CONTRADICTING, FIRST_REPORTS } from '../watch/story-items.ts';
import { SEEDS_DIR } from './scenario.ts';

function setup() {
  const db = openDatabase(':memory:');
  rebuildClaims(db, readSeedDocuments(SEEDS_DIR));
  const claims = createSqliteClaimStore(db);
  const store = createSqliteDeskStore(db);
  let clock = Date.UTC(2026, 11, 1, 12);
  const desk = createDeskService({ desk: store, claims, now: () => (clock += 1000) });
  const alertOn = (sentence: string, n: number, link = `https://news.example/${n}`) => {
    const s = analyzeDocument({ text: sentence })[0];
    if (!s) throw new Error('no sentence');
    const report = toClaimReport(judgeSentenceByRules(s, claims));
    const alert: Alert = {
      verdict: report.verdict,
      feed: { id: 1, title: 'Wire', url: 'https://news.example/feed' },
      item: { title: `Report ${n}`, link, published: '2024-10-25T08:00:00.000Z' },
      claims: [report],
    };
    return recordSubject(store, alert, `alert:1:${n}:slack:C1`, 'slack:C1', clock)?.ref as string;
  };
  return { db, claims, store, desk, alertOn };
}

const member = { id: 'slack:U1', name: 'reader', isAdmin: false };
const admin = { id: 'slack:U2', name: 'editor', isAdmin: true };

describe('the desk service', () => {
  it('GIVEN an alert WHEN marked Wrong with the verdict it already has THEN it says to use Right and records nothing', () => {
    const { desk, alertOn } = setup();
    const ref = alertOn(CONTRADICTING[0] as string, 1);
    expect(() => desk.mark(ref, { kind: 'wrong', verdict: 'contradicts' }, member)).toThrow(/use Right/);
    expect(desk.marks()).toEqual([]);
  });

  it('GIVEN one person WHEN they change their mark THEN theirs is replaced; another person adds their own', () => {
    const { desk, alertOn } = setup();
    const ref = alertOn(CONTRADICTING[0] as string, 1);
    expect(desk.mark(ref, { kind: 'right' }, member).changed).toBe(true);
    expect(desk.mark(ref, { kind: 'wrong', verdict: 'new' }, member).changed).toBe(true);
    const out = desk.mark(ref, { kind: 'wrong', verdict: 'known' }, admin);
    expect(out.marks.map((m) => [m.userName, m.deskVerdict])).toEqual([
      ['reader', 'new'],
      ['editor', 'known'],
    ]);
  });

  it('GIVEN a member WHEN they mute, set a status or unmute THEN each is refused and nothing changes', () => {
    const { desk, alertOn } = setup();
    const ref = alertOn(CONTRADICTING[0] as string, 1);
    expect(() => desk.mark(ref, { kind: 'mute' }, member)).toThrow(/needs an admin/);
    expect(() => desk.setStatus(3, 'false', null, member)).toThrow(/needs an admin/);
    const mute = desk.mark(ref, { kind: 'mute' }, admin).mute;
    expect(() => desk.unmute('slack:C1', mute?.id as number, member)).toThrow(/needs an admin/);
    expect(desk.muted('slack:C1')).toHaveLength(1);
    expect(() => desk.unmute('slack:C2', mute?.id as number, admin)).toThrow(
      /nothing is muted as #\d+ in this channel/,
    );
    expect(() => desk.setStatus(99_999, 'false', null, admin)).toThrow(/no known claim #99999/);
  });

  it('GIVEN the subject names a claim the database renumbered WHEN clicked THEN the mark is recorded and says so', () => {
    const { db, desk, alertOn } = setup();
    const ref = alertOn(CONTRADICTING[0] as string, 1);
    db.prepare('UPDATE alert_subjects SET claim_id = 99999 WHERE ref = ?').run(ref);
    const out = desk.mark(ref, { kind: 'right' }, member);
    expect(out.changed).toBe(true);
    expect(out.note).toMatch(
      /rebuilt since this alert: claim #99999 is now #\d+\. The mark is kept against its text\./,
    );
  });

  it('GIVEN marks WHEN exported THEN the newest per sentence is written, and a known mark on a feed-learned claim is skipped with the reason', () => {
    const { desk, alertOn, store } = setup();
    const a = alertOn(CONTRADICTING[0] as string, 1);
    const b = alertOn(FIRST_REPORTS[0] as string, 2);
    desk.mark(a, { kind: 'right' }, member);
    desk.mark(a, { kind: 'wrong', verdict: 'known' }, admin);
    desk.mark(b, { kind: 'right' }, member);
    // a mark whose claim came from a feed (its evidence is an article link) cannot be pointed at by training
    store.mark({
      ref: null,
      channel: 'slack:C1',
      sentence: 'Another sentence entirely.',
      claim: { id: 500, text: 'A claim from a feed.', source: 'https://news.example/9', quote: 'A claim from a feed.' },
      published: null,
      botVerdict: 'new',
      deskVerdict: 'known',
      user: 'slack:U2',
      userName: 'editor',
      markedAt: Date.now(),
    });
    const { rows, skipped } = desk.exportFeedback();
    expect(rows.map((r) => [r.sentence, r.label])).toEqual([
      [CONTRADICTING[0], 'known'],
      [FIRST_REPORTS[0], 'new'],
    ]);
    expect(rows[0]?.seed_quote.split(' ').length).toBeLessThanOrEqual(15);
    expect(rows[0]?.published).toBe('2024-10-25');
    expect(skipped.map((s) => s.why)).toEqual(['its claim #500 was learned from a feed, not from a seed']);
  });
});
