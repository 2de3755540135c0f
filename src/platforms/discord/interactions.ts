/**
 * Slash command interactions → the shared command layer → an answer. Slow commands defer first (Discord wants an
 * answer within 3 seconds). Admin commands are re-checked from the member's permissions here, because servers can
 * override default_member_permissions. Whatever happens, the user gets an answer, and failures are logged.
 */
import {
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import type { Logger } from 'pino';
import { executeCommand, type Invocation, isSlow, resolveInvocation } from '../../commands/execute.ts';
import { errorReply } from '../../commands/format.ts';
import { optionsOf } from '../../commands/validate.ts';
import type { CommandArgs, CommandContext, CommandModule, Reply } from '../../core/commands.ts';
import { isUserError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { handleComponent } from './components.ts';
import { replyEmbeds } from './embeds.ts';
import { missingAlertPermissions } from './permissions.ts';

export interface InteractionDeps {
  client: Client;
  commands: readonly CommandModule[];
  services: Services;
  logger: Logger;
}

function message(reply: Reply) {
  return { embeds: replyEmbeds(reply), allowedMentions: { parse: [] as [] } };
}

/** Option values as neutral args; channels become `discord:ID` targets. */
export function readArgs(interaction: ChatInputCommandInteraction, inv: Invocation): CommandArgs {
  const args: CommandArgs = {};
  for (const opt of optionsOf(inv.command, inv.subcommand)) {
    const value = interaction.options.get(opt.name)?.value;
    if (value === undefined || value === null) continue;
    args[opt.name] = opt.type === 'channel' ? `discord:${String(value)}` : value;
  }
  return args;
}

/** Sends the final answer; a deferred answer whose visibility differs is replaced by a follow-up. */
async function answer(interaction: ChatInputCommandInteraction, reply: Reply, deferredEphemeral: boolean | null) {
  const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (deferredEphemeral === null) {
    await interaction.reply({ ...message(reply), flags });
  } else if (deferredEphemeral === reply.ephemeral) {
    await interaction.editReply(message(reply));
  } else {
    await interaction.deleteReply();
    await interaction.followUp({ ...message(reply), flags });
  }
}

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const { client, commands, services } = deps;
  return async (interaction) => {
    if (interaction.isButton() || interaction.isStringSelectMenu()) {
      await handleComponent(interaction, { services, logger: deps.logger });
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    const log = deps.logger.child({ interaction: interaction.id, command: interaction.commandName });
    try {
      if (!interaction.inGuild()) {
        await interaction.reply({
          ...message(errorReply('Use me in a server channel.')),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      let inv: Invocation;
      try {
        inv = resolveInvocation(
          commands,
          interaction.commandName,
          interaction.options.getSubcommand(false) ?? undefined,
        );
      } catch (err) {
        if (!isUserError(err)) throw err;
        await interaction.reply({ ...message(errorReply(err.message)), flags: MessageFlags.Ephemeral });
        return;
      }
      const args = readArgs(interaction, inv);
      const isAdmin = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
      const guildId = interaction.guildId;
      const ctx: CommandContext = {
        platform: 'discord',
        scope: `discord:${guildId}`,
        channel: `discord:${interaction.channelId}`,
        user: { id: interaction.user.id, isAdmin, name: interaction.user.globalName ?? interaction.user.username },
        services,
        missingChannelPermissions: (target) => missingAlertPermissions(client, guildId, target),
      };
      const refused = inv.command.permission === 'admin' && !isAdmin;
      let deferredEphemeral: boolean | null = null;
      if (isSlow(inv) && !refused) {
        deferredEphemeral = inv.command.permission === 'admin' || args.public !== true;
        await interaction.deferReply(deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {});
      }
      const reply = await executeCommand(inv, ctx, args, {
        logger: log,
        commands,
        adminRequirement: 'the Manage Server permission',
        adminHint: 'Ask a server manager.',
      });
      await answer(interaction, reply, deferredEphemeral);
    } catch (err) {
      log.error({ err }, 'could not answer a slash command');
      const fallback = {
        ...message(errorReply('Something went wrong; it has been logged.')),
        flags: MessageFlags.Ephemeral as const,
      };
      try {
        if (interaction.deferred || interaction.replied) await interaction.followUp(fallback);
        else await interaction.reply(fallback);
      } catch (again) {
        log.error({ err: again }, 'could not tell the user about the failure either');
      }
    }
  };
}
