/**
 * `/claimwatch <command> [<subcommand>] …` text → the module, subcommand and typed args its handler expects.
 * Pure: the rules come from the modules' option definitions.
 * - required options are positional, in order (when none is required, the optional ones are);
 *   the last positional string option takes the rest of the words (`claims search north korean troops`);
 * - any option as `name=value`; booleans as bare flags (`full-text`, `public`);
 * - channel options from a Slack mention `<#C123|name>` → `slack:C123`;
 * - a module with one subcommand (`alerts level`) may leave its name out: `alerts new`;
 * - where both `url` and `text` can be given (check), a link fills `url` and words fill `text`.
 */
import type { CommandArgs, CommandModule, CommandOption, Subcommand } from '../../core/commands.ts';
import { channelRef, looksLikeUrl, type Token, tokenize, unescapeSlackText } from './slash-text.ts';
import { flagName, overviewText, positionalOptions, usageText } from './usage.ts';

export type ParseResult =
  | { kind: 'run'; module: CommandModule; sub: Subcommand | undefined; args: CommandArgs }
  /** No command given: show every command. */
  | { kind: 'overview'; text: string }
  | { kind: 'error'; message: string; usage: string };

const normalizeName = (s: string) => s.toLowerCase().replace(/-/g, '_');

export function parseSlashCommand(rawText: string, modules: readonly CommandModule[]): ParseResult {
  const text = unescapeSlackText(rawText).trim();
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first) return { kind: 'overview', text: overviewText(modules) };
  const module = modules.find((m) => m.name === first.value.toLowerCase());
  if (!module && first.value.toLowerCase() === 'help') return { kind: 'overview', text: overviewText(modules) };
  if (!module) {
    return { kind: 'error', message: `Unknown command \`${first.value}\`.`, usage: overviewText(modules) };
  }
  let rest = tokens.slice(1);
  let sub: Subcommand | undefined;
  if (module.subcommands && module.subcommands.length > 0) {
    const subs = module.subcommands;
    const named = rest[0] ? subs.find((s) => s.name === rest[0]?.value.toLowerCase()) : undefined;
    if (named) {
      sub = named;
      rest = rest.slice(1);
    } else {
      sub = implicitSubcommand(subs, rest[0]);
      if (!sub) {
        const message = rest[0] ? `Unknown subcommand \`${rest[0].value}\`.` : `\`${module.name}\` needs a subcommand.`;
        return { kind: 'error', message, usage: usageText(module) };
      }
    }
  }
  const options = sub ? sub.options : (module.options ?? []);
  const parsed = parseOptions(text, rest, options);
  if ('error' in parsed) return { kind: 'error', message: parsed.error, usage: usageText(module, sub) };
  return { kind: 'run', module, sub, args: parsed.args };
}

/** `check https://…` → `check url`; `check Some sentence` → `check text`. */
function implicitSubcommand(subs: readonly Subcommand[], next: Token | undefined): Subcommand | undefined {
  if (subs.length === 1) return subs[0];
  if (!next) return undefined;
  const url = subs.find((s) => s.name === 'url');
  const text = subs.find((s) => s.name === 'text');
  if (url && text) return looksLikeUrl(next.value) ? url : text;
  return undefined;
}

function parseOptions(
  text: string,
  tokens: readonly Token[],
  options: readonly CommandOption[],
): { args: CommandArgs } | { error: string } {
  const args: CommandArgs = {};
  const byName = new Map(options.map((o) => [normalizeName(o.name), o]));
  const bare: Token[] = [];
  for (const token of tokens) {
    const assignment = token.quoted ? null : /^([a-z][a-z0-9_-]*)=(.*)$/is.exec(token.value);
    const named = assignment ? byName.get(normalizeName(assignment[1] as string)) : undefined;
    if (assignment && named) {
      const value = convert(named, assignment[2] as string);
      if ('error' in value) return value;
      args[named.name] = value.value;
      continue;
    }
    const channel = channelRef(token.value);
    const channelOption = options.find((o) => o.type === 'channel' && args[o.name] === undefined);
    if (channel && channelOption) {
      args[channelOption.name] = `slack:${channel.id}`;
      continue;
    }
    const flag = token.quoted ? undefined : byName.get(normalizeName(token.value));
    if (flag && flag.type === 'boolean') {
      args[flag.name] = true;
      continue;
    }
    if (channelOption && /^#[\w-]+$/.test(token.value)) {
      return { error: `Pick the channel from Slack's list when typing \`#\` so it becomes a link (${token.value}).` };
    }
    bare.push(token);
  }

  const slots = routeTextOrUrl(positionalOptions(options), bare[0]).filter((o) => args[o.name] === undefined);
  for (let i = 0; i < bare.length; i++) {
    const slot = slots[i];
    if (!slot) return { error: `Unexpected \`${(bare[i] as Token).value}\`.` };
    const isLast = i === slots.length - 1;
    const takesRest = isLast && slot.type === 'string' && !slot.choices && i < bare.length - 1;
    const raw = takesRest ? joinTokens(text, bare.slice(i), tokens) : (bare[i] as Token).value;
    const value = convert(slot, raw);
    if ('error' in value) return value;
    args[slot.name] = value.value;
    if (takesRest) break;
  }

  const missing = options.filter((o) => o.required && args[o.name] === undefined);
  if (missing.length > 0) {
    return { error: `Missing ${missing.map((o) => `\`${o.type === 'boolean' ? flagName(o) : o.name}\``).join(', ')}.` };
  }
  return { args };
}

/** `check https://…` fills `url`; `check Some sentence` fills `text`: never both from bare words. */
function routeTextOrUrl(slots: CommandOption[], first: Token | undefined): CommandOption[] {
  const url = slots.find((o) => o.name === 'url' && o.type === 'string');
  const text = slots.find((o) => o.name === 'text' && o.type === 'string');
  if (!url || !text || url.required || text.required) return slots;
  return [first && looksLikeUrl(first.value) ? url : text];
}

/** The words exactly as typed when they are contiguous in the text (quotes and spacing kept); joined otherwise. */
function joinTokens(text: string, words: readonly Token[], all: readonly Token[]): string {
  const first = words[0] as Token;
  const last = words[words.length - 1] as Token;
  const between = all.filter((t) => t.start >= first.start && t.end <= last.end);
  if (between.length === words.length) return text.slice(first.start, last.end);
  return words.map((w) => w.value).join(' ');
}

function convert(option: CommandOption, raw: string): { value: string | number | boolean } | { error: string } {
  const value = raw.trim();
  switch (option.type) {
    case 'integer': {
      const m = /^#?(-?\d{1,15})$/.exec(value);
      if (!m) return { error: `\`${option.name}\` must be a whole number, not \`${value}\`.` };
      return { value: Number(m[1]) };
    }
    case 'boolean': {
      const v = value.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(v)) return { value: true };
      if (['false', 'no', 'off', '0'].includes(v)) return { value: false };
      return { error: `\`${flagName(option)}\` is yes or no, not \`${value}\`.` };
    }
    case 'channel': {
      const ref = channelRef(value, true);
      if (!ref) return { error: `\`${option.name}\` must be a channel mention such as #general, not \`${value}\`.` };
      return { value: `slack:${ref.id}` };
    }
    default: {
      if (value === '') return { error: `\`${option.name}\` is empty.` };
      if (option.choices && option.choices.length > 0) {
        const choice = option.choices.find((c) => c.toLowerCase() === value.toLowerCase());
        if (!choice)
          return { error: `\`${option.name}\` must be one of ${option.choices.join(', ')}, not \`${value}\`.` };
        return { value: choice };
      }
      return { value };
    }
  }
}
