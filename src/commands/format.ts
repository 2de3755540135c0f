/**
 * Reply text shared by every chat platform. Text uses the neutral mark-up of `Reply` (**bold**, [label](url),
 * `code`); channel mentions are `<#ID>`, which Discord and Slack both render. Adapters translate the rest.
 */
import type { ChannelTarget } from '../core/alerts.ts';
import type { Verdict } from '../core/claims/types.ts';
import type { CommandContext, Reply } from '../core/commands.ts';
import type { FeedView, SubscriptionView } from '../core/services.ts';

/** Appended wherever text was cut to fit a platform limit, so the reader sees that something is missing. */
export const TRUNCATION_MARK = '… (truncated)';

/** Cuts `text` to at most `max` UTF-16 units, ending with the truncation mark; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATION_MARK.length) return TRUNCATION_MARK.slice(0, Math.max(0, max));
  let cut = max - TRUNCATION_MARK.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${TRUNCATION_MARK}`;
}

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  contradicts: 'Contradicts a known claim',
  new: 'New claim',
  known: 'Already known',
  offtopic: 'Off topic',
};

/**
 * Text from feeds and users put inside mark-up: brackets and backticks would break links and code spans, and a
 * `<#…>`/`<@…>`/`<!…>` would read as a mention, so a zero-width space keeps `<` apart from what follows.
 */
export function safeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .replace(/`/g, "'")
    .replace(/<(?=[#@!])/g, '<\u200b');
}

/** A link in the neutral mark-up; plain text when there is no URL. */
export function link(label: string, url: string | null | undefined): string {
  const text = safeText(label) || 'link';
  if (!url || !/^https?:\/\//i.test(url)) return text;
  return `[${text}](${url.replace(/\)/g, '%29').replace(/\s/g, '%20')})`;
}

/** `discord:123` / `slack:C1` → `<#123>`; anything else is shown as is. */
export function channelMention(target: ChannelTarget): string {
  const i = target.indexOf(':');
  const platform = i < 0 ? '' : target.slice(0, i);
  if (platform === 'discord' || platform === 'slack') return `<#${target.slice(i + 1)}>`;
  return `\`${target}\``;
}

/** How a user types a command on this platform: `/watch add` on Discord, `/claimwatch watch add` on Slack. */
export function slash(platform: CommandContext['platform'], path: string): string {
  return platform === 'slack' ? `\`/claimwatch ${path}\`` : `\`/${path}\``;
}

/** "2024-10-18T09:00:00Z" → "2024-10-18"; periods such as "2024-10" stay as they are. */
export function shortDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(iso);
  return m ? m[0] : iso;
}

/** A claim's source: a URL becomes a link labelled with its host; a seed name stays a name. Date appended. */
export function formatSource(source: string | null | undefined, published: string | null | undefined): string {
  const date = shortDate(published);
  let label = source ? safeText(source) : 'unknown source';
  if (source && /^https?:\/\//i.test(source)) {
    try {
      label = link(new URL(source).hostname.replace(/^www\./, ''), source);
    } catch {
      // not a URL after all: keep the text
    }
  }
  return date ? `${label}, ${date}` : label;
}

/** A feed's name: its title, else its host, else its URL. */
export function feedName(feed: { title: string | null; url: string }): string {
  if (feed.title?.trim()) return safeText(feed.title);
  try {
    return new URL(feed.url).hostname;
  } catch {
    return feed.url;
  }
}

export function formatSubscription(sub: SubscriptionView): string {
  const filters = [
    sub.include.length > 0 ? `include: ${sub.include.map(safeText).join(', ')}` : '',
    sub.exclude.length > 0 ? `exclude: ${sub.exclude.map(safeText).join(', ')}` : '',
  ].filter(Boolean);
  const paused = sub.paused ? ` — **paused**${sub.pausedReason ? `: ${safeText(sub.pausedReason)}` : ''}` : '';
  return `${channelMention(sub.channel)} (${sub.level}${filters.length > 0 ? `; ${filters.join('; ')}` : ''})${paused}`;
}

/** One feed in a list: id, linked name, state, where it posts and how its last poll went. */
export function formatFeed(feed: FeedView): string {
  const head = `**#${feed.id}** ${link(feedName(feed), feed.url)} — ${feed.state}${feed.fullText ? ', full text' : ''}`;
  const subs = feed.subscriptions.length > 0 ? feed.subscriptions.map(formatSubscription).join(', ') : 'no channel';
  const last = feed.lastPollAt
    ? `last poll ${feed.lastPollAt}${feed.lastResult ? `: ${safeText(feed.lastResult)}` : ''}`
    : 'not polled yet';
  const failures = feed.failures > 0 ? `, ${feed.failures} failure${feed.failures === 1 ? '' : 's'} in a row` : '';
  return `${head}\n→ ${subs}\n${last}${failures}`;
}

export function okReply(title: string, text: string, opts: { ephemeral?: boolean } = {}): Reply {
  return { ephemeral: opts.ephemeral ?? true, title, text, tone: 'ok' };
}

export function errorReply(message: string): Reply {
  return { ephemeral: true, title: 'Sorry', text: message, tone: 'error' };
}

/** "1 feed" / "3 feeds". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
