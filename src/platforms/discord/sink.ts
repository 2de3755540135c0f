/**
 * The Discord ChatSink: posts alerts as embeds and notices as plain messages through discord.js's REST client. The
 * outbox key becomes the message nonce with enforce_nonce, so a retry of a send Discord already accepted is not
 * posted twice (Discord keeps nonces for a few minutes).
 */
import { createHash } from 'node:crypto';
import { type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { truncate } from '../../commands/format.ts';
import type { ChatSink, DeliveryResult, OutboundMessage } from '../../core/alerts.ts';
import { platformOf } from '../../core/alerts.ts';
import { deliveryFailure } from './delivery-errors.ts';
import { alertComponents, alertEmbeds } from './embeds.ts';

const NONCE_MAX = 25;
const CONTENT_MAX = 2000;

/** Discord nonces are at most 25 characters: a short key is used as is, a longer one by a stable digest. */
export function nonceFor(key: string): string {
  if (key.length <= NONCE_MAX && /^[\w:.-]+$/.test(key)) return key;
  return createHash('sha256').update(key).digest('base64url').slice(0, NONCE_MAX);
}

/** The JSON body for one outbound message. */
export function messageBody(message: OutboundMessage): Record<string, unknown> {
  const content =
    message.kind === 'alert'
      ? { embeds: alertEmbeds(message.alert), components: alertComponents(message.alert) }
      : { content: truncate(message.text, CONTENT_MAX) };
  // nothing a feed says may ping anyone
  return { ...content, allowed_mentions: { parse: [] }, nonce: nonceFor(message.key), enforce_nonce: true };
}

export function createDiscordSink(deps: { rest: REST; logger: Logger }): ChatSink {
  return {
    platform: 'discord',
    async deliver(message: OutboundMessage): Promise<DeliveryResult> {
      if (platformOf(message.channel) !== 'discord') {
        return { ok: false, retryable: false, error: `not a Discord channel: ${message.channel}` };
      }
      const channelId = message.channel.slice('discord:'.length);
      try {
        await deps.rest.post(Routes.channelMessages(channelId), { body: messageBody(message) });
        return { ok: true };
      } catch (err) {
        const result = deliveryFailure(err);
        deps.logger.warn({ channel: message.channel, key: message.key, err, result }, 'discord delivery failed');
        return result;
      }
    },
  };
}
