import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARDED_NODE_ARGS } from '../setup/guarded-node.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('npm run train', () => {
  it('GIVEN the committed labelled sets and seeds WHEN training runs again THEN it writes exactly the committed model.json', () => {
    const r = spawnSync(process.execPath, [...GUARDED_NODE_ARGS, join(ROOT, 'scripts/train.ts'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 400_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^Checked src\/core\/claims\/learned\/model\.json from \d+ labelled sentences/);
  }, 420_000);
});
