/**
 * Runs the fake Discord as its own process for checking the real bot by hand or from a test:
 *   node --import tsx test/fakes/discord/serve.ts [--port 4100]
 * prints one JSON line ({ apiBase, control, token, appId, guildId, alertsChannel }) and serves until SIGINT/SIGTERM.
 * Start the bot with DISCORD_TOKEN, DISCORD_APP_ID, DISCORD_GUILD_ID and DISCORD_API_BASE from that line, then drive
 * it through the control routes (see control.ts). Loopback only.
 */
import { attachControl } from './control.ts';
import { FakeDiscord } from './fake-discord.ts';
import { ALERTS_CHANNEL, GUILD_ID, testGuild } from './guild.ts';

const i = process.argv.indexOf('--port');
const port = i >= 0 ? Number(process.argv[i + 1]) : 0;
const fake = new FakeDiscord({ guilds: [testGuild()] });
attachControl(fake);
await fake.listen(port);
process.stdout.write(
  `${JSON.stringify({
    apiBase: fake.apiBase,
    control: `http://127.0.0.1:${fake.port}/_fake`,
    token: fake.token,
    appId: fake.appId,
    guildId: GUILD_ID,
    alertsChannel: ALERTS_CHANNEL,
  })}\n`,
);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
