/**
 * The commands' neutral mark-up (**bold**, [label](url), `code`) → Slack mrkdwn (*bold*, <url|label>, `code`), with
 * Slack's required escaping of &, < and > everywhere else. Plus truncation that never cuts a `<url|label>` in half.
 */

const MARKUP = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|`([^`\n]+)`|(<[#@][A-Z0-9]+>)|^(> )/gm;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack link; the label may not contain `|` or `>`. */
export function slackLink(url: string, label: string): string {
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

export function toMrkdwn(neutral: string): string {
  let out = '';
  let last = 0;
  for (const m of neutral.matchAll(MARKUP)) {
    out += escapeMrkdwn(neutral.slice(last, m.index));
    if (m[1] !== undefined) out += `*${escapeMrkdwn(m[1])}*`;
    else if (m[2] !== undefined && m[3] !== undefined) out += slackLink(m[3], m[2]);
    else if (m[4] !== undefined) out += `\`${escapeMrkdwn(m[4])}\``;
    // channel and user mentions (`<#C123>`) and line-start quotes pass through: Slack renders them as they are
    else out += m[5] ?? m[6];
    last = (m.index as number) + m[0].length;
  }
  return out + escapeMrkdwn(neutral.slice(last));
}

/** For plain_text fields (headers) and notifications: mark-up removed, links as `label (url)`. */
export function toPlainText(neutral: string): string {
  return neutral.replace(MARKUP, (m, bold?: string, label?: string, url?: string, code?: string) => {
    if (bold !== undefined) return bold;
    if (label !== undefined) return `${label} (${url})`;
    return code ?? m;
  });
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
