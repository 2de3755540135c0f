/**
 * What the CLI says about the outbox per channel: `status` lists every channel's pending alerts and last error, and
 * `watch poll` says which alerts it could not deliver, for which channel and why.
 */
import type { DispatchRound } from '../core/dispatch/dispatcher.ts';
import type { ChannelStatus } from '../core/services.ts';
import { formatTable } from './common.ts';

const DELIVERS = '`npm start` / `claimwatch run` delivers them';
const RESUME = 'Give the bot access there, then `claimwatch watch resume ID` (see `watch list`)';

function lastError(c: ChannelStatus): string {
  return c.lastError ? `${c.lastError}${c.lastErrorAt ? ` (${c.lastErrorAt})` : ''}` : '';
}

/** `status`: one row per channel. */
export function channelRows(channels: readonly ChannelStatus[]): string {
  if (channels.length === 0) return '';
  const rows = channels.map((c) => [c.channel, String(c.pending), c.waiting ?? '', lastError(c)]);
  const cols = [
    { header: 'CHANNEL' },
    { header: 'PENDING' },
    { header: 'WAITING BECAUSE', max: 90 },
    { header: 'LAST ERROR', max: 90 },
  ];
  return `\n${formatTable(cols, rows)}\n`;
}

/** Why a channel's pending alerts were not delivered by this command. */
function whyQueued(c: ChannelStatus): string {
  if (c.waiting) return c.waiting;
  if (c.lastError) return `delivery failed: ${lastError(c)}; it is retried with backoff`;
  return 'another claimwatch process is delivering them, or they are due later';
}

/** `watch poll`: what was delivered, and each channel whose alerts still wait. */
export function queueReport(delivery: DispatchRound, channels: readonly ChannelStatus[]): string {
  const lines: string[] = [];
  if (delivery.sent > 0) lines.push(`Delivered ${delivery.sent} alert(s).`);
  for (const c of channels.filter((ch) => ch.pending > 0)) {
    const then = c.paused ? RESUME : DELIVERS;
    lines.push(`${c.pending} alert(s) queued for ${c.channel}: ${whyQueued(c)}. ${then}.`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `watch poll --json`: the same, as one line. */
export function queueJson(delivery: DispatchRound, channels: readonly ChannelStatus[]) {
  return {
    delivered: delivery.sent,
    queued: channels
      .filter((c) => c.pending > 0)
      .map((c) => ({ channel: c.channel, pending: c.pending, reason: whyQueued(c) })),
  };
}
