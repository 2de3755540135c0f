/**
 * Checks a command module against the rules both platforms impose (Discord's are the strictest: names of 1–32
 * lower-case letters, digits, - or _; descriptions of 1–100 characters; at most 25 options, subcommands and choices;
 * required options before optional ones). A malformed module is a bug: the error names what is wrong.
 */
import type { CommandModule, CommandOption, Subcommand } from '../core/commands.ts';

const NAME = /^[a-z0-9_-]{1,32}$/;
const OPTION_TYPES = new Set(['string', 'integer', 'boolean', 'channel']);
const MAX_ITEMS = 25;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function checkName(where: string, name: unknown, problems: string[]): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    problems.push(`${where}: name ${JSON.stringify(name)} must be 1–32 lower-case letters, digits, - or _`);
  }
}

function checkDescription(where: string, description: unknown, problems: string[]): void {
  if (typeof description !== 'string' || description.trim().length === 0 || description.length > 100) {
    problems.push(`${where}: description must be 1–100 characters`);
  }
}

function checkOptions(where: string, options: unknown, problems: string[]): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    problems.push(`${where}: options must be an array`);
    return;
  }
  if (options.length > MAX_ITEMS) problems.push(`${where}: at most ${MAX_ITEMS} options`);
  const seen = new Set<string>();
  let sawOptional = false;
  for (const opt of options as unknown[]) {
    if (!isRecord(opt)) {
      problems.push(`${where}: every option must be an object`);
      continue;
    }
    const at = `${where} option "${String(opt.name)}"`;
    checkName(at, opt.name, problems);
    checkDescription(at, opt.description, problems);
    if (typeof opt.name === 'string') {
      if (seen.has(opt.name)) problems.push(`${at}: duplicate option name`);
      seen.add(opt.name);
    }
    if (typeof opt.type !== 'string' || !OPTION_TYPES.has(opt.type)) {
      problems.push(`${at}: type must be one of string, integer, boolean, channel`);
    }
    if (opt.required !== undefined && typeof opt.required !== 'boolean')
      problems.push(`${at}: required must be a boolean`);
    if (opt.required === true && sawOptional) problems.push(`${at}: required options must come before optional ones`);
    if (opt.required !== true) sawOptional = true;
    if (opt.choices !== undefined) {
      const choices = opt.choices;
      if (opt.type !== 'string') problems.push(`${at}: only string options may have choices`);
      if (!Array.isArray(choices) || choices.length === 0 || choices.length > MAX_ITEMS) {
        problems.push(`${at}: choices must be 1–${MAX_ITEMS} strings`);
      } else if (choices.some((c) => typeof c !== 'string' || c.length === 0 || c.length > 100)) {
        problems.push(`${at}: every choice must be a string of 1–100 characters`);
      }
    }
  }
}

function checkSubcommand(where: string, sub: unknown, problems: string[]): void {
  if (!isRecord(sub)) {
    problems.push(`${where}: every subcommand must be an object`);
    return;
  }
  const at = `${where} subcommand "${String(sub.name)}"`;
  checkName(at, sub.name, problems);
  checkDescription(at, sub.description, problems);
  if (!Array.isArray(sub.options)) problems.push(`${at}: options must be an array (may be empty)`);
  else checkOptions(at, sub.options, problems);
  if (typeof sub.handler !== 'function') problems.push(`${at}: handler must be a function`);
  if (sub.slow !== undefined && typeof sub.slow !== 'boolean') problems.push(`${at}: slow must be a boolean`);
}

/** Returns the problems found in `value` as a command module (empty when it is well formed). */
export function commandModuleProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(value)) return ['the default export must be a command module object'];
  const at = `command "${String(value.name)}"`;
  checkName(at, value.name, problems);
  checkDescription(at, value.description, problems);
  if (value.permission !== 'admin' && value.permission !== 'member') {
    problems.push(`${at}: permission must be "admin" or "member"`);
  }
  const hasSubs = value.subcommands !== undefined;
  const hasHandler = value.handler !== undefined;
  if (hasSubs === hasHandler) problems.push(`${at}: give either subcommands or a handler, not both or neither`);
  if (hasHandler && typeof value.handler !== 'function') problems.push(`${at}: handler must be a function`);
  if (hasSubs) {
    if (!Array.isArray(value.subcommands) || value.subcommands.length === 0 || value.subcommands.length > MAX_ITEMS) {
      problems.push(`${at}: subcommands must be 1–${MAX_ITEMS} entries`);
    } else {
      const seen = new Set<string>();
      for (const sub of value.subcommands as unknown[]) {
        checkSubcommand(at, sub, problems);
        const name = isRecord(sub) ? sub.name : undefined;
        if (typeof name === 'string') {
          if (seen.has(name)) problems.push(`${at}: duplicate subcommand "${name}"`);
          seen.add(name);
        }
      }
    }
    if (Array.isArray(value.options) && value.options.length > 0) {
      problems.push(`${at}: a command with subcommands takes its options on the subcommands`);
    }
  } else {
    checkOptions(at, value.options, problems);
  }
  if (value.slow !== undefined && typeof value.slow !== 'boolean') problems.push(`${at}: slow must be a boolean`);
  return problems;
}

/** The options a command (or one of its subcommands) takes. */
export function optionsOf(command: CommandModule, sub?: Subcommand): CommandOption[] {
  return sub ? sub.options : (command.options ?? []);
}
