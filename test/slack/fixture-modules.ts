/**
 * Small command modules shaped like the real ones in commands/, for tests that exercise the Slack adapter's parsing,
 * permissions and rendering on their own. Each handler echoes what it received so tests can assert on it.
 */
import type { CommandArgs, CommandContext, CommandModule, Reply } from '../../src/core/commands.ts';
import { UserError } from '../../src/core/errors.ts';

export interface Call {
  command: string;
  args: CommandArgs;
  ctx: Pick<CommandContext, 'platform' | 'scope' | 'channel' | 'user'>;
}

export function echoModules(calls: Call[] = []): CommandModule[] {
  const echo =
    (command: string, reply: Partial<Reply> = {}) =>
    async (ctx: CommandContext, args: CommandArgs): Promise<Reply> => {
      calls.push({
        command,
        args,
        ctx: { platform: ctx.platform, scope: ctx.scope, channel: ctx.channel, user: ctx.user },
      });
      return { ephemeral: true, text: `${command} ${JSON.stringify(args)}`, ...reply };
    };
  return [
    {
      name: 'watch',
      description: 'Watch feeds',
      permission: 'admin',
      subcommands: [
        {
          name: 'add',
          description: 'Watch a feed',
          slow: true,
          options: [
            { name: 'url', description: 'Feed URL', type: 'string', required: true },
            { name: 'channel', description: 'Where alerts go', type: 'channel' },
            { name: 'alerts', description: 'What to send', type: 'string', choices: ['contradicts', 'new', 'all'] },
            { name: 'full_text', description: 'Fetch full articles', type: 'boolean' },
          ],
          handler: async (ctx, args) => {
            const missing = await ctx.missingChannelPermissions(String(args.channel ?? ctx.channel));
            if (missing.length > 0) return { ephemeral: true, tone: 'error', text: missing.join('\n') };
            return echo('watch add')(ctx, args);
          },
        },
        { name: 'list', description: 'List feeds', options: [], handler: echo('watch list') },
        {
          name: 'poll',
          description: 'Poll now',
          slow: true,
          options: [{ name: 'id', description: 'Feed id', type: 'integer' }],
          handler: echo('watch poll'),
        },
        {
          name: 'remove',
          description: 'Stop watching',
          options: [{ name: 'id', description: 'Feed id', type: 'integer', required: true }],
          handler: async () => {
            throw new UserError('not_found', 'No feed #99 here.');
          },
        },
      ],
    },
    {
      name: 'claims',
      description: 'Known claims',
      permission: 'member',
      subcommands: [
        {
          name: 'search',
          description: 'Search claims',
          options: [
            { name: 'query', description: 'Words', type: 'string', required: true },
            { name: 'limit', description: 'How many', type: 'integer' },
          ],
          handler: echo('claims search'),
        },
      ],
    },
    {
      name: 'check',
      description: 'Judge a text or a page',
      permission: 'member',
      options: [
        { name: 'text', description: 'The text', type: 'string' },
        { name: 'url', description: 'The page', type: 'string' },
        { name: 'public', description: 'Show everyone', type: 'boolean' },
      ],
      handler: async (ctx, args) => {
        const r = await echo('check')(ctx, args);
        return { ...r, ephemeral: args.public !== true, tone: 'contradicts', title: 'Contradicts' };
      },
    },
    {
      name: 'alerts',
      description: 'Alert level',
      permission: 'admin',
      options: [
        { name: 'level', description: 'Level', type: 'string', required: true, choices: ['contradicts', 'new', 'all'] },
        { name: 'channel', description: 'Channel', type: 'channel' },
        { name: 'include', description: 'Words', type: 'string' },
        { name: 'exclude', description: 'Words', type: 'string' },
      ],
      handler: echo('alerts'),
    },
    {
      name: 'status',
      description: 'Health',
      permission: 'member',
      options: [],
      handler: async () => {
        throw new Error('database is on fire');
      },
    },
  ];
}
