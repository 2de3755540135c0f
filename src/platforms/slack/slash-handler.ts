/**
 * One `/claimwatch …` invocation: parse, check the permission level, run the module's handler, answer. Slack wants an
 * acknowledgement within 3 seconds: slow subcommands acknowledge at once and answer through the response URL; fast
 * ones answer in the acknowledgement unless they run late, when they fall back to the same path. Every path answers
 * the user, a throwing handler included.
 */
import { executeCommand, type Invocation, invocationPath, isSlow } from '../../commands/execute.ts';
import { errorReply, slash } from '../../commands/format.ts';
import type { CommandArgs, CommandContext, CommandModule, Reply } from '../../core/commands.ts';
import type { Services } from '../../core/services.ts';
import type { Logger } from '../../logger.ts';
import { parseSlashCommand } from './parse-command.ts';
import { ephemeral, renderReply, type SlackReply } from './render-reply.ts';
import { usageLine } from './usage.ts';
import type { WorkspaceAccess } from './workspace-access.ts';

export interface SlashRequest {
  text: string;
  userId: string;
  channelId: string;
  teamId: string;
  userName?: string;
}

export type Ack = (reply?: SlackReply) => Promise<void>;
export type Respond = (reply: SlackReply) => Promise<unknown>;

export interface SlashHandlerDeps {
  modules: readonly CommandModule[];
  services: Services;
  access: WorkspaceAccess;
  logger: Logger;
  /** A fast command still running after this long is acknowledged and answered later (Slack allows 3 s). */
  ackWithinMs?: number;
}

export function createSlashHandler(deps: SlashHandlerDeps) {
  const { modules, services, access, logger } = deps;
  const ackWithinMs = deps.ackWithinMs ?? 2000;

  async function run(req: SlashRequest, inv: Invocation, args: CommandArgs): Promise<Reply> {
    try {
      const isAdmin = await access.isAdmin(req.userId);
      const ctx: CommandContext = {
        platform: 'slack',
        scope: `slack:${req.teamId}`,
        channel: `slack:${req.channelId}`,
        user: { id: req.userId, isAdmin, ...(req.userName ? { name: req.userName } : {}) },
        services,
        commands: modules,
        missingChannelPermissions: (channel) => access.missingChannelPermissions(channel),
      };
      const reply = await executeCommand(inv, ctx, args, {
        logger,
        commands: modules,
        adminRequirement: ADMIN_REQUIREMENT,
        adminHint: 'Ask a workspace admin.',
      });
      return inv.command.name === 'help' ? withSlackUsage(reply, modules) : reply;
    } catch (err) {
      // executeCommand answers every handler failure itself; this is the adapter's own bug
      logger.error({ err, user: req.userId, team: req.teamId }, 'slack command failed');
      return errorReply(
        `Something went wrong while running ${slash('slack', invocationPath(inv))}. It has been logged.`,
      );
    }
  }

  return async function handle(req: SlashRequest, ack: Ack, respond: Respond): Promise<void> {
    const parsed = parseSlashCommand(req.text, modules);
    if (parsed.kind === 'overview') {
      await ack(renderReply({ ephemeral: true, title: 'claimwatch commands', text: parsed.text }));
      return;
    }
    if (parsed.kind === 'error') {
      await ack(ephemeral(`${parsed.message}\n\n${parsed.usage}`));
      return;
    }
    const inv: Invocation = { command: parsed.module, subcommand: parsed.sub };
    if (isSlow(inv)) {
      await ack();
      await answerLater(req, respond, run(req, inv, parsed.args));
      return;
    }
    const work = run(req, inv, parsed.args);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ackWithinMs);
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      await ack(renderReply(first));
      return;
    }
    await ack();
    await answerLater(req, respond, work);
  };

  async function answerLater(req: SlashRequest, respond: Respond, work: Promise<Reply>): Promise<void> {
    const reply = await work;
    try {
      await respond(renderReply(reply));
    } catch (err) {
      logger.error({ err, user: req.userId }, 'slack respond() failed; the user saw no answer');
    }
  }
}

/** How the refusal names who may run admin commands. */
export const ADMIN_REQUIREMENT = 'a workspace admin or owner, or a user listed in SLACK_ADMIN_USER_IDS';

/** `help` lists each command as it is typed in Slack (`alerts=new`, `#channel`, `full-text`). */
function withSlackUsage(reply: Reply, modules: readonly CommandModule[]): Reply {
  const fields = modules.map((m) => {
    const lines = (m.subcommands ?? [undefined]).map(
      (s) => `\`${usageLine(m, s)}\` — ${s?.description ?? m.description}`,
    );
    return { name: `${m.name}${m.permission === 'admin' ? ' (workspace admins)' : ''}`, value: lines.join('\n') };
  });
  return { ...reply, fields };
}
