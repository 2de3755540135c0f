/**
 * Runs a command the same way on every platform: finds the (sub)command, refuses non-admins admin commands, checks
 * the arguments against the declared options, calls the handler, and turns every failure into an answer for the
 * user. A UserError shows its message; anything else is a bug: logged with context, answered with a generic apology.
 */
import type { Logger } from 'pino';
import type { CommandArgs, CommandContext, CommandModule, CommandOption, Reply, Subcommand } from '../core/commands.ts';
import { isUserError, UserError } from '../core/errors.ts';
import { errorReply, slash } from './format.ts';
import { optionsOf } from './validate.ts';

export interface Invocation {
  command: CommandModule;
  subcommand?: Subcommand;
}

/** `watch` + `add` → the module and subcommand, or a UserError naming what exists. */
export function resolveInvocation(
  commands: readonly CommandModule[],
  name: string,
  subName: string | undefined,
  platform: CommandContext['platform'] = 'discord',
): Invocation {
  const command = commands.find((c) => c.name === name);
  if (!command)
    throw new UserError('bad_input', `Unknown command ${slash(platform, name)}. Try ${slash(platform, 'help')}.`);
  if (!command.subcommands) return { command };
  const subcommand = command.subcommands.find((s) => s.name === subName);
  if (!subcommand) {
    const names = command.subcommands.map((s) => s.name).join(', ');
    throw new UserError('bad_input', `${slash(platform, name)} needs one of: ${names}.`);
  }
  return { command, subcommand };
}

/** `watch add` — the words a user types after the slash. */
export function invocationPath(inv: Invocation): string {
  return inv.subcommand ? `${inv.command.name} ${inv.subcommand.name}` : inv.command.name;
}

function optionUsage(opt: CommandOption): string {
  const shape = opt.choices ? `${opt.name}: ${opt.choices.join('|')}` : opt.name;
  return opt.required ? `<${shape}>` : `[${shape}]`;
}

/** `/watch add <url> [channel] [alerts: contradicts|new|all] [full_text]` as the platform spells it. */
export function usage(inv: Invocation, platform: CommandContext['platform']): string {
  const opts = optionsOf(inv.command, inv.subcommand).map(optionUsage);
  const prefix = platform === 'slack' ? '/claimwatch ' : '/';
  return `\`${prefix}${[invocationPath(inv), ...opts].join(' ')}\``;
}

/** Does the command take long (network)? The adapter acknowledges first and answers later. */
export function isSlow(inv: Invocation): boolean {
  return Boolean(inv.subcommand ? inv.subcommand.slow : inv.command.slow);
}

/** Checks `args` against the declared options; throws a UserError with the usage on the first problem. */
export function checkArgs(inv: Invocation, args: CommandArgs, platform: CommandContext['platform']): void {
  const fail = (why: string): never => {
    throw new UserError('bad_input', `${why}\nUsage: ${usage(inv, platform)}`);
  };
  const options = optionsOf(inv.command, inv.subcommand);
  for (const key of Object.keys(args)) {
    if (args[key] !== undefined && !options.some((o) => o.name === key)) fail(`Unknown option \`${key}\`.`);
  }
  for (const opt of options) {
    const v = args[opt.name];
    if (v === undefined || v === '') {
      if (opt.required) fail(`\`${opt.name}\` is required.`);
      continue;
    }
    if (opt.type === 'integer' && (typeof v !== 'number' || !Number.isSafeInteger(v))) {
      fail(`\`${opt.name}\` must be a whole number.`);
    }
    if (opt.type === 'boolean' && typeof v !== 'boolean') fail(`\`${opt.name}\` must be true or false.`);
    if ((opt.type === 'string' || opt.type === 'channel') && typeof v !== 'string')
      fail(`\`${opt.name}\` must be text.`);
    if (opt.choices && !opt.choices.includes(String(v)))
      fail(`\`${opt.name}\` must be one of ${opt.choices.join(', ')}.`);
  }
}

export interface ExecuteOptions {
  logger: Logger;
  /** Every loaded command (for `/help`). */
  commands: readonly CommandModule[];
  /** What makes an admin on this platform, for the refusal: "the Manage Server permission". */
  adminRequirement: string;
  /** Who to turn to, for the refusal: "Ask a server manager." */
  adminHint: string;
}

/** Runs one invocation and always returns a reply: never throws. Admin answers are ephemeral. */
export async function executeCommand(
  inv: Invocation,
  ctx: CommandContext,
  args: CommandArgs,
  opts: ExecuteOptions,
): Promise<Reply> {
  const path = invocationPath(inv);
  const forAdmins = inv.command.permission === 'admin' || inv.subcommand?.admin === true;
  if (forAdmins && !ctx.user.isAdmin) {
    return errorReply(`${slash(ctx.platform, path)} needs ${opts.adminRequirement}. ${opts.adminHint}`);
  }
  try {
    checkArgs(inv, args, ctx.platform);
    const handler = inv.subcommand ? inv.subcommand.handler : inv.command.handler;
    if (!handler) throw new Error(`command ${path} has no handler`);
    const reply = await handler.call(inv.subcommand ?? inv.command, { ...ctx, commands: opts.commands }, args);
    return forAdmins ? { ...reply, ephemeral: true } : reply;
  } catch (err) {
    if (isUserError(err)) return errorReply(err.message);
    opts.logger.error(
      { err, command: path, scope: ctx.scope, channel: ctx.channel, user: ctx.user.id },
      'command failed',
    );
    return errorReply(`Something went wrong while running ${slash(ctx.platform, path)}. It has been logged.`);
  }
}
