/** Runs commands through the shared layer the way an adapter does, with a recording Services. */
import { executeCommand, resolveInvocation } from '../../src/commands/execute.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import type { ChannelTarget } from '../../src/core/alerts.ts';
import type { CommandArgs, CommandContext, CommandModule, Reply } from '../../src/core/commands.ts';
import { silentLogger } from '../../src/logger.ts';
import { RecordingServices } from './recording-services.ts';

export interface Harness {
  services: RecordingServices;
  commands: CommandModule[];
  /** Channels where the bot lacks something, and what. */
  missing: Map<ChannelTarget, string[]>;
  run(path: string, args?: CommandArgs, opts?: { admin?: boolean; platform?: 'discord' | 'slack' }): Promise<Reply>;
}

export async function harness(): Promise<Harness> {
  const services = new RecordingServices();
  const commands = await loadCommands();
  const missing = new Map<ChannelTarget, string[]>();
  return {
    services,
    commands,
    missing,
    async run(path, args = {}, opts = {}) {
      const [name = '', sub] = path.split(' ');
      const platform = opts.platform ?? 'discord';
      const ctx: CommandContext = {
        platform,
        scope: `${platform}:G1`,
        channel: `${platform}:C1`,
        user: { id: 'U1', isAdmin: opts.admin ?? true },
        services,
        missingChannelPermissions: async (channel) => missing.get(channel) ?? [],
      };
      const inv = resolveInvocation(commands, name, sub, platform);
      return executeCommand(inv, ctx, args, {
        logger: silentLogger(),
        commands,
        adminRequirement: 'the Manage Server permission',
        adminHint: 'Ask a server manager.',
      });
    },
  };
}
