/**
 * The commands' neutral mark-up (**bold**, [label](url), `code`) → Slack mrkdwn (*bold*, <url|label>, `code`), with
 * Slack's required escaping of &, < and > everywhere else. Plus truncation that never cuts a `<url|label>` in half.
 *
 * This is the one place Slack output is escaped. Nothing written in text can become a ping or a link: user, group
 * and broadcast mentions (`<@U…>`, `<!subteam^…>`, `<!channel>`) are always escaped. The only `<…>` passed through
 * is a bare channel mention `<#C…>`, and only where the caller says its text may hold the bot's own ones (replies,
 * built with channelMention; outside text in them went through safeText, which breaks the mention syntax).
 */

const MARKUP = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|`([^`\n]+)`|(<#[A-Z0-9]+>)|^(> )/gm;

export interface MrkdwnOptions {
  /** Let bare `<#C…>` channel mentions link (replies); alerts and notices carry only outside text and never do. */
  channelMentions?: boolean;
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack link; the label may not contain `|` or `>`. */
export function slackLink(url: string, label: string): string {
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export function toMrkdwn(neutral: string, opts: MrkdwnOptions = {}): string {
  let out = '';
  let last = 0;
  for (const m of neutral.matchAll(MARKUP)) {
    out += escapeMrkdwn(neutral.slice(last, m.index));
    if (m[1] !== undefined) out += `*${escapeMrkdwn(m[1])}*`;
    else if (m[2] !== undefined && m[3] !== undefined) out += slackLink(m[3], m[2]);
    else if (m[4] !== undefined) out += `\`${escapeMrkdwn(m[4])}\``;
    else if (m[5] !== undefined) out += opts.channelMentions ? m[5] : escapeMrkdwn(m[5]);
    // line-start quotes pass through: Slack renders them as they are
    else out += m[6];
    last = (m.index as number) + m[0].length;
  }
  return out + escapeMrkdwn(neutral.slice(last));
}

/**
 * For plain_text fields (headers): mark-up removed, links as `label (url)`. Slack does not parse mentions there; a
 * zero-width space after `<` keeps any that were written from reading as one should the text be reused as mrkdwn.
 */
export function toPlainText(neutral: string): string {
  return neutral
    .replace(MARKUP, (m, bold?: string, label?: string, url?: string, code?: string) => {
      if (bold !== undefined) return bold;
      if (label !== undefined) return `${label} (${url})`;
      return code ?? m;
    })
    .replace(/<(?=[#@!])/g, '<\u200b');
}

/**
 * Cuts `text` to at most `max` characters, ending with `marker` so the reader sees it was cut. Never leaves a
 * half `<url|label>`, entity or surrogate pair behind.
 */
export function truncate(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - marker.length);
  const open = text.lastIndexOf('<', cut);
  const close = open >= 0 ? text.indexOf('>', open) : -1;
  if (open >= 0 && (close === -1 || close >= cut)) cut = open;
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + marker;
}
