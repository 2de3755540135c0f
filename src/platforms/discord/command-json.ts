/**
 * Neutral command modules → Discord application command JSON. Guild-only (contexts: Guild, guild install); admin
 * commands carry default_member_permissions = Manage Server. Servers can override that default, so the adapter
 * checks again when a command runs.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandModule, CommandOption, OptionType } from '../../core/commands.ts';

const OPTION_TYPE: Readonly<Record<OptionType, ApplicationCommandOptionType>> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  channel: ApplicationCommandOptionType.Channel,
};

/** Channels alerts can be posted in. */
export const ALERT_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

type OptionJSON = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody['options']>[number];

function optionJSON(opt: CommandOption): OptionJSON {
  const base = { name: opt.name, description: opt.description, required: opt.required === true };
  if (opt.type === 'channel') {
    return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [...ALERT_CHANNEL_TYPES] };
  }
  if (opt.type === 'string' && opt.choices) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: opt.choices.map((c) => ({ name: c, value: c })),
    };
  }
  return { ...base, type: OPTION_TYPE[opt.type] } as OptionJSON;
}

export function commandJSON(command: CommandModule): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options: OptionJSON[] = command.subcommands
    ? command.subcommands.map((sub) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: sub.name,
        description: sub.description,
        options: sub.options.map(optionJSON) as never,
      }))
    : (command.options ?? []).map(optionJSON);
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options,
    default_member_permissions: command.permission === 'admin' ? String(PermissionFlagsBits.ManageGuild) : null,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

export function commandsJSON(commands: readonly CommandModule[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map(commandJSON);
}
