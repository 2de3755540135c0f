/**
 * What every CLI command shares: where the database and seeds are, reading input (FILE, `-` for stdin, or the
 * arguments as text), JSON lines out, and a plain table for people.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/errors.ts';

export const DEFAULT_DB_PATH = './data/claimwatch.db';

/** --db, else CLAIMWATCH_DB, else ./data/claimwatch.db (relative to the working folder). */
export function resolveDbPath(opt?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(nonEmpty(opt) ?? nonEmpty(env.CLAIMWATCH_DB) ?? DEFAULT_DB_PATH);
}

/** --seeds, else CLAIMWATCH_SEEDS, else ./seeds when it exists, else the seeds shipped with claimwatch. */
export function resolveSeedsDir(opt?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = nonEmpty(opt) ?? nonEmpty(env.CLAIMWATCH_SEEDS);
  if (chosen) return resolve(chosen);
  if (existsSync('./seeds')) return resolve('./seeds');
  return fileURLToPath(new URL('../../seeds/', import.meta.url));
}

export interface CliInput {
  /** Where the text came from: a file path, 'stdin' or 'text'. */
  origin: string;
  text: string;
}

/**
 * `-` reads stdin; one argument naming an existing file reads that file; anything else is the text itself.
 * With no arguments, stdin is read when it is piped.
 */
export async function readInput(args: readonly string[], stdin: NodeJS.ReadStream = process.stdin): Promise<CliInput> {
  if (args.length === 0) {
    if (stdin.isTTY) throw new UserError('bad_input', 'nothing to read: give a FILE, `-` for stdin, or the text');
    return { origin: 'stdin', text: await readStream(stdin) };
  }
  if (args.length === 1 && args[0] === '-') return { origin: 'stdin', text: await readStream(stdin) };
  const only = args.length === 1 ? (args[0] as string) : undefined;
  if (only !== undefined && isFile(only)) {
    try {
      return { origin: only, text: readFileSync(only, 'utf8') };
    } catch (err) {
      throw new UserError('bad_input', `cannot read ${only}: ${(err as Error).message}`, { cause: err });
    }
  }
  if (only !== undefined && looksLikePath(only)) throw new UserError('bad_input', `no such file: ${only}`);
  const text = args.join(' ');
  if (text.trim() === '') throw new UserError('bad_input', 'the text to read is empty');
  return { origin: 'text', text };
}

/**
 * One argument that starts with http:// or https:// (and names no file) is a web page to fetch, not text: it is
 * returned; anything else gives null and is read by readInput.
 */
export function pageUrlArg(args: readonly string[]): string | null {
  const only = args.length === 1 ? (args[0] as string).trim() : '';
  return /^https?:\/\/\S+$/i.test(only) && !isFile(only) ? only : null;
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses JSON lines; blank lines are skipped. `check(value, lineNo)` returns the value typed, or a message saying
 * what is wrong with it. A bad line throws a UserError naming its line number.
 */
export function parseJsonLines<T>(text: string, check: (value: unknown, lineNo: number) => T | string): T[] {
  const out: T[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new UserError('bad_input', `line ${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const checked = check(value, i + 1);
    if (typeof checked === 'string') throw new UserError('bad_input', `line ${i + 1}: ${checked}`);
    out.push(checked);
  });
  return out;
}

/** One JSON value per line (Infinity, which JSON lacks, is written as the string "Infinity"). */
export function writeJsonLine(value: unknown, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`${JSON.stringify(value, (_k, v) => (v === Infinity ? 'Infinity' : v))}\n`);
}

export interface TableColumn {
  header: string;
  /** Longer cells are cut with an ellipsis. */
  max?: number;
}

/** A plain-text table: a header row, a rule, then rows; columns padded to their widest cell. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((c, i) => clip(oneLine(row[i] ?? ''), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] as string).length)));
  const render = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((c) => c.header)), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)].join(
    '\n',
  );
}

/** Parses a positive integer option or argument, or throws a UserError naming it. */
export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UserError('bad_input', `${name} must be a positive whole number, not "${value}"`);
  }
  return n;
}

function clip(s: string, max?: number): string {
  return max !== undefined && s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** One word with a folder separator or a file extension is a path the user mistyped, not a sentence to judge. */
function looksLikePath(arg: string): boolean {
  return !/\s/.test(arg) && (/[\\/]/.test(arg) || /\.[A-Za-z]{1,5}$/.test(arg));
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s.trim() : undefined;
}
