/**
 * /help — what each command does and how to type it on this platform.
 */

import type { Invocation } from '../src/commands/execute.ts';
import { usage } from '../src/commands/execute.ts';
import type { CommandModule } from '../src/core/commands.ts';

const help: CommandModule = {
  name: 'help',
  description: 'What claimwatch does and how to use it',
  permission: 'member',
  options: [],
  async handler(ctx) {
    const commands = ctx.commands ?? [];
    const fields = commands.map((c) => {
      const invocations: Invocation[] = c.subcommands
        ? c.subcommands.map((s) => ({ command: c, subcommand: s }))
        : [{ command: c }];
      const lines = invocations.map(
        (inv) => `${usage(inv, ctx.platform)} — ${inv.subcommand?.description ?? c.description}`,
      );
      return { name: `${c.name}${c.permission === 'admin' ? ' (server managers)' : ''}`, value: lines.join('\n') };
    });
    return {
      ephemeral: true,
      title: 'claimwatch',
      text:
        'I watch news feeds about North Korean troops and munitions for Russia’s war against Ukraine and tell this ' +
        'channel when a report says something **new** or **contradicts** a known claim.',
      fields,
      tone: 'ok',
    };
  },
};

export default help;
