/**
 * Clicks on an alert's desk controls (buttons and the Wrong select) → the shared control handler → the message
 * redrawn in place (interaction update) to show who marked it and how; refusals and remarks go to the clicker alone
 * (ephemeral). Muting needs Manage Server, read from the member's permissions when the click arrives.
 */
import {
  type ButtonInteraction,
  MessageFlags,
  PermissionFlagsBits,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { handleControlClick, parseControlId } from '../../commands/alert-controls.ts';
import { errorReply } from '../../commands/format.ts';
import type { Services } from '../../core/services.ts';
import { alertComponents, alertEmbeds, replyEmbeds } from './embeds.ts';

export async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  deps: { services: Services; logger: Logger },
): Promise<void> {
  if (!parseControlId(interaction.customId)) return;
  const log = deps.logger.child({ interaction: interaction.id, control: interaction.customId });
  const noPings = { parse: [] as [] };
  try {
    if (!interaction.inGuild()) {
      await interaction.reply({
        embeds: replyEmbeds(errorReply('Use me in a server channel.')),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const answer = handleControlClick(
      { services: deps.services, logger: log, adminRequirement: 'the Manage Server permission' },
      {
        platform: 'discord',
        customId: interaction.customId,
        value: interaction.isStringSelectMenu() ? interaction.values[0] : undefined,
        user: {
          id: interaction.user.id,
          name: interaction.user.globalName ?? interaction.user.username,
          isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
        },
      },
    );
    if (answer.redraw) {
      const { alert, marks } = answer.redraw;
      await interaction.update({
        embeds: alertEmbeds(alert, marks),
        components: alertComponents(alert),
        allowedMentions: noPings,
      });
      if (answer.ephemeral) {
        await interaction.followUp({
          embeds: replyEmbeds(answer.ephemeral),
          flags: MessageFlags.Ephemeral,
          allowedMentions: noPings,
        });
      }
      return;
    }
    const reply = answer.ephemeral ?? errorReply('Nothing to do.');
    await interaction.reply({ embeds: replyEmbeds(reply), flags: MessageFlags.Ephemeral, allowedMentions: noPings });
  } catch (err) {
    log.error({ err }, 'could not answer a desk control');
    try {
      const fallback = {
        embeds: replyEmbeds(errorReply('Something went wrong; it has been logged.')),
        flags: MessageFlags.Ephemeral as const,
      };
      if (interaction.deferred || interaction.replied) await interaction.followUp(fallback);
      else await interaction.reply(fallback);
    } catch (again) {
      log.error({ err: again }, 'could not tell the user about the failure either');
    }
  }
}
