import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FORBIDDEN_PACKAGES = [
  'discord.js',
  '@discordjs/',
  '@slack/',
  'better-sqlite3',
  'undici',
  'rss-parser',
  'linkedom',
  '@mozilla/readability',
  'pino',
  'commander',
  'openai',
  'node:fs',
  'node:http',
  'node:https',
  'node:net',
];
const FORBIDDEN_DIRS = ['src/store/', 'src/feeds/', 'src/platforms/', 'src/app/', 'src/cli'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re =
    /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3]) as string);
  return specs;
}

describe('src/core boundary', () => {
  it('GIVEN the domain core WHEN its imports are read THEN none reaches a platform, storage, HTTP or CLI library', () => {
    const offences: string[] = [];
    for (const file of tsFiles(path.join(ROOT, 'src/core'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const rel = path.relative(ROOT, file);
        if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(p))) offences.push(`${rel} imports ${spec}`);
        if (spec.startsWith('.')) {
          const target = `${path.relative(ROOT, path.resolve(path.dirname(file), spec))}`;
          if (FORBIDDEN_DIRS.some((d) => target.startsWith(d))) offences.push(`${rel} imports ${target}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('GIVEN a file that imports an adapter WHEN the import reader scans it THEN it sees the import', () => {
    const sample =
      "import { Client } from 'discord.js';\nexport { x } from '../store/db.ts';\nconst m = await import('undici');";
    expect(importsOf(sample)).toEqual(['discord.js', '../store/db.ts', 'undici']);
  });
});
