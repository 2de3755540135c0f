/**
 * Platform-neutral slash commands. A module in commands/ exports one CommandModule; the Discord adapter renders it
 * as an application command with subcommands, the Slack adapter as `/claimwatch <name> <sub> …`.
 */
import type { ChannelTarget } from './alerts.ts';
import type { Verdict } from './claims/types.ts';
import type { Services } from './services.ts';

export type OptionType = 'string' | 'integer' | 'boolean' | 'channel';

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  choices?: readonly string[];
}

/** Parsed option values: strings, integers, booleans, and channels as ChannelTarget strings. */
export type CommandArgs = Record<string, string | number | boolean | undefined>;

export interface CommandContext {
  platform: 'discord' | 'slack';
  /** Workspace the command came from: `discord:GUILD_ID` or `slack:TEAM_ID`. */
  scope: string;
  /** Channel the command was used in. */
  channel: ChannelTarget;
  user: { id: string; isAdmin: boolean /** The user's handle, where the platform gives it. */; name?: string };
  services: Services;
  /** Names the permissions the bot lacks to post alerts in `channel` (empty when it can). */
  missingChannelPermissions(channel: ChannelTarget): Promise<string[]>;
  /** Every loaded command, for `/help` (filled in by `executeCommand` in src/commands). */
  commands?: readonly CommandModule[];
}

/** A neutral reply. Text uses a small shared mark-up: **bold**, [label](url), `code`; adapters translate it. */
export interface Reply {
  /** Shown only to the caller. Errors and admin answers are ephemeral. */
  ephemeral: boolean;
  title?: string;
  text: string;
  fields?: Array<{ name: string; value: string }>;
  tone?: 'ok' | 'error' | Verdict;
}

export interface Subcommand {
  name: string;
  description: string;
  options: CommandOption[];
  /** Takes long (network): the adapter acknowledges first and answers later. */
  slow?: boolean;
  /** Refused to users who are not admins, in a module open to members (`/claims mark`). */
  admin?: boolean;
  handler(ctx: CommandContext, args: CommandArgs): Promise<Reply>;
}

export interface CommandModule {
  name: string;
  description: string;
  /** `admin` commands are refused to users who are not server managers / workspace admins. */
  permission: 'admin' | 'member';
  /** Either subcommands (`/watch add`) or a single handler with options (`/status`). */
  subcommands?: Subcommand[];
  options?: CommandOption[];
  slow?: boolean;
  handler?(ctx: CommandContext, args: CommandArgs): Promise<Reply>;
}
