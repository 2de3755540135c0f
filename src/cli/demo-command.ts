/** `claimwatch demo`: see an alert with no internet (src/demo/run-demo.ts). */
import type { Command } from 'commander';
import { DEFAULT_DEMO_LIMIT, runDemo } from '../demo/run-demo.ts';
import { parsePositiveInt, resolveSeedsDir } from './common.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'offline demo: serve bundled real articles on 127.0.0.1, watch them with a throwaway database, print the alerts',
    )
    .option('--limit <n>', 'how many articles to serve, oldest first', String(DEFAULT_DEMO_LIMIT))
    .option('--json', 'alerts as JSON lines (progress goes to stderr)')
    .option('--seeds <dir>', 'seed folder the throwaway database is built from')
    .action(async (opts: { limit: string; json?: boolean; seeds?: string }) => {
      await runDemo({
        limit: parsePositiveInt(opts.limit, '--limit'),
        json: opts.json,
        seedsDir: resolveSeedsDir(opts.seeds),
      });
      // Everything is closed; a keep-alive socket of the reader must not hold the process open.
      process.exit(0);
    });
}
