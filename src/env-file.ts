/**
 * `./.env`, read once at start (src/cli.ts), so a token or setting put there is used as `.env.example` promises.
 * The process environment wins: a variable already set is left alone (Node's loader never overwrites one).
 * Node's own parser (process.loadEnvFile) silently drops lines it cannot read, so the file is checked line by line
 * first: a malformed file stops the program with the line number instead of quietly leaving a setting unset.
 * Values are never echoed in errors: they may be secrets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from './core/errors.ts';

/** Variable → the .env file it was taken from, so a bad value can name the file as well as the variable. */
const origins = new Map<string, string>();

/** The .env file that set `key`, or undefined when it came from the process environment. */
export function envFileOf(key: string): string | undefined {
  return origins.get(key);
}

/** Reads `dir/.env` into process.env when it exists; returns its path, or undefined when there is none. */
export function loadDotEnv(dir: string = process.cwd()): string | undefined {
  const path = resolve(dir, '.env');
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError('bad_input', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const problem = syntaxProblem(text);
  if (problem) throw new UserError('bad_input', `${path} is malformed: ${problem}`);
  const before = new Set(Object.keys(process.env));
  process.loadEnvFile(path);
  for (const key of Object.keys(process.env)) if (!before.has(key)) origins.set(key, path);
  return path;
}

const ASSIGNMENT = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;

/** The first line Node's parser would drop or misread, described without its content (it may hold a secret). */
function syntaxProblem(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) return `line ${i + 1} is not NAME=value`;
    const value = (m[1] as string).trim();
    const quote = value[0];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    if (value.indexOf(quote, 1) > 0) continue;
    // a quoted value may run over several lines; it must close somewhere
    const close = lines.findIndex((l, j) => j > i && l.includes(quote));
    if (close < 0) return `line ${i + 1} opens a ${quote} quote that is never closed`;
    i = close;
  }
  return undefined;
}
