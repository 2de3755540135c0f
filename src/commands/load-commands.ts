/**
 * Loads every command module from commands/ (one file per command), validates each, and refuses to start when one
 * is malformed, naming the file. Never skips a module silently.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from '../core/commands.ts';
import { commandModuleProblems } from './validate.ts';

export const DEFAULT_COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {
  override readonly name = 'CommandLoadError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`malformed command module ${file}:\n  ${problems.join('\n  ')}`);
  }
}

function isModuleFile(name: string): boolean {
  return /\.(ts|js|mjs)$/.test(name) && !/\.(d|test|spec)\.(ts|js|mjs)$/.test(name) && !name.startsWith('_');
}

/** Every command module in `dir`, in file-name order. Throws CommandLoadError naming the first malformed file. */
export async function loadCommands(dir: string = DEFAULT_COMMANDS_DIR): Promise<CommandModule[]> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && isModuleFile(e.name))
    .map((e) => e.name)
    .sort();
  const commands: CommandModule[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    const full = path.join(dir, file);
    const shown = path.relative(process.cwd(), full) || full;
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(full).href)) as { default?: unknown };
    } catch (err) {
      throw new CommandLoadError(shown, [`failed to import: ${err instanceof Error ? err.message : String(err)}`]);
    }
    const problems = commandModuleProblems(mod.default);
    if (problems.length > 0) throw new CommandLoadError(shown, problems);
    const command = mod.default as CommandModule;
    const other = byName.get(command.name);
    if (other) throw new CommandLoadError(shown, [`command "${command.name}" is already defined in ${other}`]);
    byName.set(command.name, shown);
    commands.push(command);
  }
  if (commands.length === 0) throw new CommandLoadError(dir, ['no command modules found']);
  return commands;
}
