/**
 * The page check chat `/check url` and `claimwatch check URL` share (src/core/check.ts), over the real guarded reader
 * and a loopback site: the chat command shows the article's sentences, and a page that never answers fails with the
 * timeout in words instead of hanging the command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeedDocuments, rebuildClaims } from '../../src/app/claims-app.ts';
import { executeCommand, resolveInvocation } from '../../src/commands/execute.ts';
import { loadCommands } from '../../src/commands/load-commands.ts';
import { createCheck } from '../../src/core/check.ts';
import { judgeSentenceByRules } from '../../src/core/claims/index.ts';
import type { CommandContext, Reply } from '../../src/core/commands.ts';
import type { Services } from '../../src/core/services.ts';
import { createFeedReader } from '../../src/feeds/feed-reader.ts';
import { silentLogger } from '../../src/logger.ts';
import { createSqliteClaimStore } from '../../src/store/claim-store.ts';
import { type Database, openDatabase } from '../../src/store/db.ts';
import { articlePage } from '../fakes/article-page.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { ON_TOPIC, SEEDS_DIR } from './harness.ts';

let server: FeedServer;
let db: Database;
const reader = createFeedReader({ allowHosts: ['127.0.0.1'], timeouts: { headersMs: 300, totalMs: 3_000 } });

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/story', {
    kind: 'body',
    body: articlePage('Soldiers captured in Kursk', [ON_TOPIC[0] as string]),
    contentType: 'text/html',
  });
  server.route('/hang', { kind: 'hang' });
  db = openDatabase(':memory:');
  rebuildClaims(db, readSeedDocuments(SEEDS_DIR));
});
afterAll(async () => {
  await reader.close();
  await server?.close();
  db?.close();
});

const check = () => createCheck({ claims: createSqliteClaimStore(db), reader, judge: judgeSentenceByRules });

/** Runs chat `/check` the way the Discord and Slack adapters do, with the shared check as its services. */
async function chatCheck(url: string): Promise<Reply> {
  const commands = await loadCommands();
  const ctx: CommandContext = {
    platform: 'discord',
    scope: 'discord:G1',
    channel: 'discord:C1',
    user: { id: 'U1', isAdmin: false },
    services: { check: check() } as unknown as Services,
    missingChannelPermissions: async () => [],
  };
  return executeCommand(
    resolveInvocation(commands, 'check', undefined, 'discord'),
    ctx,
    { url },
    {
      logger: silentLogger(),
      commands,
      adminRequirement: 'the Manage Server permission',
      adminHint: 'Ask a server manager.',
    },
  );
}

describe('checking a web page', () => {
  it('GIVEN an article page WHEN chat /check url runs THEN the reply links the page and judges its sentence', async () => {
    const reply = await chatCheck(server.url('/story'));
    expect(reply.tone).toBe('new');
    expect(reply.text).toContain(server.url('/story'));
    expect(JSON.stringify(reply.fields)).toContain('Ukrainian forces captured two North Korean soldiers');
  });

  it('GIVEN a page that never answers WHEN checked THEN it fails saying the host did not answer in time', async () => {
    await expect(check().url(server.url('/hang'))).rejects.toMatchObject({
      code: 'fetch_failed',
      message: '127.0.0.1 did not answer within 0.3 s.',
    });
    const reply = await chatCheck(server.url('/hang'));
    expect(reply).toMatchObject({ tone: 'error', ephemeral: true });
    expect(reply.text).toContain('did not answer within 0.3 s');
  });
});
