/**
 * Why a channel's alerts cannot be delivered by this configuration, and how to fix it: a `discord:` or `slack:`
 * channel needs that platform's token. `watch add` refuses such a subscription; `status`, `watch poll` and the
 * service's start-up warning say why an existing one's alerts wait.
 */
import type { Config } from '../config.ts';
import { type ChannelTarget, platformOf } from '../core/alerts.ts';

export type WhyUndeliverable = (channel: ChannelTarget) => string | null;

export function channelReadiness(config: Pick<Config, 'discord' | 'slack'>): WhyUndeliverable {
  return (channel) => {
    const platform = platformOf(channel);
    if (platform === 'discord' && !config.discord) {
      return 'no Discord connection is configured (set DISCORD_TOKEN in the environment or .env)';
    }
    if (platform === 'slack' && !config.slack) {
      return (
        'no Slack connection is configured (set SLACK_BOT_TOKEN, and SLACK_APP_TOKEN for Socket Mode or ' +
        'SLACK_SIGNING_SECRET for HTTP mode, in the environment or .env)'
      );
    }
    return null;
  };
}
