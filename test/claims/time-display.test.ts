import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openClaimsApp } from '../../src/app/claims-app.ts';
import { analyzeDocument, judgeDocument } from '../../src/core/claims/index.ts';
import { displayTime } from '../../src/core/claims/time.ts';
import { silentLogger } from '../../src/logger.ts';

describe('stated times in reasons (issue 8, class 7)', () => {
  it('GIVEN a date whose year neither the sentence nor its article gives WHEN shown THEN it reads as a date, not as ISO "--10-23"', () => {
    const [s] = analyzeDocument({ text: 'On Oct. 23, North Korea sent 500 more soldiers to Kursk, officials said.' });
    expect(s?.frame.time).toBe('--10-23');
    expect(displayTime(s?.frame.time ?? '')).toBe('23 October');
    expect(displayTime('--06')).toBe('June');
  });

  it('GIVEN a date with its year WHEN shown THEN it stays ISO', () => {
    const [s] = analyzeDocument({
      text: 'On Oct. 23, North Korea sent 500 more soldiers to Kursk, officials said.',
      published: '2024-10-25',
    });
    expect(displayTime(s?.frame.time ?? '')).toBe('2024-10-23');
    expect(displayTime('2024-10')).toBe('2024-10');
  });
});

describe('a reason names a yearless date as a reader writes it', () => {
  it('GIVEN a confirmation dated "Oct. 23" with no year WHEN checked against the seeds THEN the reason says "23 October"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimwatch-time-'));
    const app = openClaimsApp({
      dbPath: join(dir, 'c.db'),
      seedsDir: new URL('../../seeds/', import.meta.url).pathname,
      logger: silentLogger(),
    });
    try {
      const text = 'On Oct. 23, Moscow confirmed that North Korean troops took part in the battle for Kursk.';
      const [j] = judgeDocument({ text }, app.claims, app.judge);
      expect(j?.reason).toContain('23 October');
      expect(j?.reason).not.toContain('--10-23');
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
