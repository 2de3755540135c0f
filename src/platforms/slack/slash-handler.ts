/**
 * One `/claimwatch …` invocation: parse, check the permission level, run the module's handler, answer. Slack wants an
 * acknowledgement within 3 seconds: slow subcommands acknowledge at once and answer through the response URL; fast
 * ones answer in the acknowledgement unless they run late, when they fall back to the same path. Every path answers
 * the user, a throwing handler included.
 */
import type { CommandArgs, CommandContext, CommandModule, Reply, Subcommand } from '../../core/commands.ts';
import { isUserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Logger } from '../../logger.ts';
import { parseSlashCommand } from './parse-command.ts';
import { ephemeral, renderReply, type SlackReply } from './render-reply.ts';
import { SLASH_COMMAND } from './usage.ts';
import type { WorkspaceAccess } from './workspace-access.ts';

export interface SlashRequest {
  text: string;
  userId: string;
  channelId: string;
  teamId: string;
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

  async function run(req: SlashRequest, module: CommandModule, sub: Subcommand | undefined, args: CommandArgs) {
    const label = `${SLASH_COMMAND} ${[module.name, sub?.name].filter(Boolean).join(' ')}`;
    try {
      const isAdmin = await access.isAdmin(req.userId);
      if (module.permission === 'admin' && !isAdmin) {
        return refusal(label);
      }
      const handler = sub ? sub.handler : module.handler;
      if (!handler) throw new Error(`command module ${module.name} has no handler`);
      const ctx: CommandContext = {
        platform: 'slack',
        scope: `slack:${req.teamId}`,
        channel: `slack:${req.channelId}`,
        user: { id: req.userId, isAdmin },
        services,
        missingChannelPermissions: (channel) => access.missingChannelPermissions(channel),
      };
      return await handler(ctx, args);
    } catch (err) {
      if (isUserError(err)) return { ephemeral: true, tone: 'error', text: err.message } satisfies Reply;
      logger.error({ err, command: label, user: req.userId, team: req.teamId }, 'slack command failed');
      return {
        ephemeral: true,
        tone: 'error',
        text: `Something went wrong running \`${label}\`. The error was logged; please try again or tell an admin.`,
      } satisfies Reply;
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
    const { module, sub, args } = parsed;
    if (sub?.slow ?? module.slow ?? false) {
      await ack();
      await answerLater(req, respond, run(req, module, sub, args));
      return;
    }
    const work = run(req, module, sub, args);
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

function refusal(label: string): Reply {
  return {
    ephemeral: true,
    tone: 'error',
    text: `Only workspace admins and owners, or users listed in SLACK_ADMIN_USER_IDS, may use \`${label}\`.`,
  };
}
