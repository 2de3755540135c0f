/**
 * Removes secrets from any text about to leave the process (log lines, CLI error output): every configured secret,
 * and anything shaped like a chat token — Slack `xoxb-`/`xoxa-`/`xoxp-`/`xoxr-`/`xoxs-`/`xapp-` tokens, Discord bot
 * tokens, and the credential after `Bearer ` or `Bot ` in an Authorization header. It works on the final text, so an
 * error object that carries a request config (axios, undici, discord.js) cannot slip a token past it.
 */

export const REDACTED = '[redacted]';

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bxox[abprs]-[A-Za-z0-9-]+/g,
  /\bxapp-[A-Za-z0-9-]+/g,
  // Discord bot tokens: base64url id . timestamp . hmac
  /\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}\b/g,
  /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  // `Bot ` + a credential (it holds a digit), not `Bot claimwatch started`
  /\b(Bot)\s+(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}/g,
];

export type SecretScrubber = (text: string) => string;

/** A scrubber for these secrets (empty and very short values are ignored: they would blank ordinary words). */
export function createSecretScrubber(secrets: readonly (string | undefined)[] = []): SecretScrubber {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 6) continue;
    needles.add(s);
    // the same secret as it appears inside a JSON string
    needles.add(JSON.stringify(s).slice(1, -1));
  }
  const exact = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of exact) if (out.includes(s)) out = out.split(s).join(REDACTED);
    for (const re of TOKEN_PATTERNS) {
      // A pattern without a group gets the match offset (a number) here, not a scheme: keep only real schemes.
      out = out.replace(re, (_m, scheme: unknown) => (typeof scheme === 'string' ? `${scheme} ${REDACTED}` : REDACTED));
    }
    return out;
  };
}
