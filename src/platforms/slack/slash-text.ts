/**
 * Slash-command text → tokens. Slack escapes the text it sends (the manifest sets `should_escape: true`): links arrive
 * as `<https://…|label>`, channels as `<#C123|name>`, users as `<@U123|name>`, and `&`, `<`, `>` as entities.
 * Tokens keep their offsets so a free-text option (`check TEXT`) can take the words exactly as typed.
 */

export interface Token {
  value: string;
  start: number;
  end: number;
  /** Written in quotes: never a flag or `name=value`. */
  quoted: boolean;
}

export interface SlackChannelRef {
  id: string;
  name: string | null;
}

const LINK = /<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>/g;
const USER = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
const SPECIAL = /<!([a-z]+)(?:\|[^>]*)?>/g;
const CHANNEL = /^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$/;
const RAW_CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

const OPEN_QUOTES = new Set(['"', '“', '”', '„']);

/** Undoes Slack's escaping except channel mentions, which stay `<#C…|name>` for {@link channelRef}. */
export function unescapeSlackText(text: string): string {
  return text
    .replace(LINK, (_m, url: string) => url)
    .replace(USER, (_m, id: string, name: string | undefined) => `@${name || id}`)
    .replace(SPECIAL, (_m, name: string) => `@${name}`)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Splits on white space; "double" or “curly” quotes group words and are dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let value = '';
    let quoted = false;
    let inQuote = false;
    while (i < text.length) {
      const ch = text[i] as string;
      if (OPEN_QUOTES.has(ch)) {
        inQuote = !inQuote;
        if (value === '') quoted = true;
        i++;
        continue;
      }
      if (!inQuote && /\s/.test(ch)) break;
      value += ch;
      i++;
    }
    tokens.push({ value, start, end: i, quoted });
  }
  return tokens;
}

/** `<#C123|name>` (or a bare channel id such as `C0123ABCD`) → the channel; anything else → null. */
export function channelRef(value: string, allowRawId = false): SlackChannelRef | null {
  const m = CHANNEL.exec(value);
  if (m) return { id: m[1] as string, name: m[2] || null };
  if (allowRawId && RAW_CHANNEL_ID.test(value)) return { id: value, name: null };
  return null;
}

export function looksLikeUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value);
}
