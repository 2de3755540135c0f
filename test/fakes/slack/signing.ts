/**
 * Slack's request signing, as Slack does it, for driving bolt's HTTP receiver:
 * `v0=` + HMAC_SHA256(signing secret, "v0:" + timestamp + ":" + raw body).
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** POSTs a slash command to bolt's `/slack/events` endpoint, signed unless told otherwise. */
export async function postSignedSlashCommand(opts: {
  port: number;
  secret: string;
  payload: Record<string, string>;
  timestampSec?: number;
  signature?: string;
}): Promise<Response> {
  const body = new URLSearchParams(opts.payload).toString();
  const ts = opts.timestampSec ?? Math.floor(Date.now() / 1000);
  return fetch(`http://127.0.0.1:${opts.port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': opts.signature ?? slackSignature(opts.secret, ts, body),
    },
    body,
  });
}
