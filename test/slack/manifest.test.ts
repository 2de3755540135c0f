import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../src/platforms/slack/usage.ts';

const manifest = readFileSync(new URL('../../slack/manifest.yml', import.meta.url), 'utf8');

/** The `- item` lines under `key:` (a small reader for this file's plain YAML lists). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  if (start < 0) return [];
  const indent = (lines[start] as string).search(/\S/);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (line.search(/\S/) <= indent) break;
    const m = /^\s*-\s+(\S+)\s*$/.exec(line);
    if (m) out.push(m[1] as string);
  }
  return out;
}

describe('slack/manifest.yml', () => {
  it('asks for exactly the scopes the bot uses and no more', () => {
    expect(listUnder('bot').sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'groups:history',
      'groups:read',
      'users:read',
    ]);
  });

  it('declares the slash command the adapter answers, with escaping on (channel mentions as <#C…|name>)', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}\n`);
    expect(manifest).toMatch(/^\s+should_escape: true$/m);
  });

  it('turns interactivity on, for the desk controls under each alert', () => {
    expect(manifest).toMatch(/^ {2}interactivity:\n {4}is_enabled: true$/m);
  });

  it('runs in Socket Mode (no public URL needed)', () => {
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
  });
});
