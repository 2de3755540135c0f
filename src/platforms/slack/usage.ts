/**
 * Usage lines for `/claimwatch …`, derived from the command modules' own definitions so they never drift from what
 * the parser accepts.
 */
import type { CommandModule, CommandOption, Subcommand } from '../../core/commands.ts';

export const SLASH_COMMAND = '/claimwatch';

/** Options filled by bare words, in order: the required ones, or when none is required the optional ones. */
export function positionalOptions(options: readonly CommandOption[]): CommandOption[] {
  const candidates = options.filter((o) => o.type !== 'boolean' && o.type !== 'channel');
  const required = candidates.filter((o) => o.required);
  return required.length > 0 ? required : candidates;
}

/** Boolean options are typed as flags: `full_text` → `full-text`. */
export function flagName(option: CommandOption): string {
  return option.name.replace(/_/g, '-');
}

function placeholder(option: CommandOption): string {
  if (option.choices && option.choices.length > 0) return option.choices.join('|');
  return option.name.toUpperCase();
}

function optionUsage(option: CommandOption, positional: boolean): string {
  if (option.type === 'boolean') return `[${flagName(option)}]`;
  if (option.type === 'channel') return option.required ? '<#channel>' : '[#channel]';
  if (positional) return option.required ? `<${placeholder(option)}>` : `[${placeholder(option)}]`;
  return `[${option.name}=${placeholder(option)}]`;
}

/** `/claimwatch watch add <URL> [#channel] [alerts=contradicts|new|all] [full-text]` */
export function usageLine(module: CommandModule, sub?: Subcommand): string {
  const options = sub ? sub.options : (module.options ?? []);
  const positional = new Set(positionalOptions(options));
  const ordered = [...options.filter((o) => positional.has(o)), ...options.filter((o) => !positional.has(o))];
  // `check TEXT|URL`: one bare argument fills either (see parse-command.ts)
  const text = ordered.find((o) => o.name === 'text' && positional.has(o) && !o.required);
  const url = ordered.find((o) => o.name === 'url' && positional.has(o) && !o.required);
  const words = ordered.flatMap((o) => {
    if (text && url && o === url) return [];
    if (text && url && o === text) return ['<TEXT|URL>'];
    return [optionUsage(o, positional.has(o))];
  });
  // a lone subcommand may go unsaid: `alerts new` for `alerts level new`
  const subName = sub && (module.subcommands?.length ?? 0) > 1 ? [sub.name] : [];
  return [SLASH_COMMAND, module.name, ...subName, ...words].join(' ');
}

/** The usage block shown after a parse error: the line, what it does, and each option explained. */
export function usageText(module: CommandModule, sub?: Subcommand): string {
  if (!sub && module.subcommands && module.subcommands.length > 0) {
    const lines = module.subcommands.map((s) => `\`${usageLine(module, s)}\` — ${s.description}`);
    return [`**${module.name}**: ${module.description}`, ...lines].join('\n');
  }
  const options = sub ? sub.options : (module.options ?? []);
  const lines = [`\`${usageLine(module, sub)}\``, sub ? sub.description : module.description];
  for (const o of options) {
    const name = o.type === 'boolean' ? flagName(o) : o.name;
    lines.push(`• \`${name}\`${o.required ? '' : ' (optional)'}: ${o.description}`);
  }
  return lines.join('\n');
}

/** Every command, one line each: what `/claimwatch` alone answers. */
export function overviewText(modules: readonly CommandModule[]): string {
  const lines: string[] = [];
  for (const m of modules) {
    if (m.subcommands && m.subcommands.length > 0) {
      for (const s of m.subcommands) lines.push(`\`${usageLine(m, s)}\` — ${s.description}`);
    } else {
      lines.push(`\`${usageLine(m)}\` — ${m.description}`);
    }
  }
  return lines.join('\n');
}
