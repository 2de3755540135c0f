/**
 * Slack HTTP mode, in front of bolt's signature check: a signed request is accepted once. bolt refuses timestamps
 * older than 5 minutes but not ones in the future, and accepts the same signed request any number of times. This
 * refuses (401) a timestamp more than `maxSkewSec` ahead of our clock, and a signature already seen within the
 * window bolt accepts. A signature is reserved while its request is handled and kept only if bolt did not refuse it,
 * so a tampered copy that arrives first (401) cannot block the genuine request.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface ReplayGuardOptions {
  /** Largest clock skew allowed for a timestamp in the future (Slack's clock vs ours). */
  maxSkewSec?: number;
  /** How long a signature is remembered: bolt's own window for old timestamps (5 minutes), plus the skew. */
  maxAgeSec?: number;
  now?: () => number;
}

export function createReplayGuard(opts: ReplayGuardOptions = {}) {
  const maxSkewSec = opts.maxSkewSec ?? 60;
  const maxAgeSec = opts.maxAgeSec ?? 300;
  const now = opts.now ?? Date.now;
  /** signature → until when (ms) it is remembered */
  const seen = new Map<string, number>();

  function forget(nowMs: number): void {
    for (const [signature, until] of seen) if (until <= nowMs) seen.delete(signature);
  }

  function refuse(res: ServerResponse): void {
    res.writeHead(401);
    res.end();
  }

  return function guard(listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      const signature = header(req, 'x-slack-signature');
      const timestampSec = Number(header(req, 'x-slack-request-timestamp'));
      // Unsigned requests (and bolt's other routes) are bolt's to refuse.
      if (req.method !== 'POST' || signature === undefined || !Number.isFinite(timestampSec)) {
        listener(req, res);
        return;
      }
      const nowMs = now();
      if (timestampSec * 1000 > nowMs + maxSkewSec * 1000) return refuse(res);
      forget(nowMs);
      if (seen.has(signature)) return refuse(res);
      seen.set(signature, (timestampSec + maxAgeSec + maxSkewSec) * 1000);
      res.once('finish', () => {
        if (res.statusCode === 401) seen.delete(signature);
      });
      listener(req, res);
    };
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
