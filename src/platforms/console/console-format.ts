/** How the console shows an alert: a few readable lines, or one JSON line (`--json`) for scripts. */
import type { OutboundMessage } from '../../core/alerts.ts';

export function alertJsonLine(message: OutboundMessage): string {
  if (message.kind === 'notice')
    return JSON.stringify({ channel: message.channel, key: message.key, notice: message.text });
  const { alert } = message;
  return JSON.stringify({
    channel: message.channel,
    key: message.key,
    verdict: alert.verdict,
    feed: { id: alert.feed.id, title: alert.feed.title, url: alert.feed.url },
    item: alert.item,
    claims: alert.claims,
    ...(alert.cut ? { cut: alert.cut } : {}),
    ...(alert.subject ? { ref: alert.subject.ref } : {}),
  });
}

export function alertText(message: OutboundMessage): string {
  if (message.kind === 'notice') return `[${message.channel}] NOTICE ${message.text}`;
  const { alert } = message;
  const lines = [
    `[${message.channel}] ${alert.verdict.toUpperCase()} ${alert.item.title ?? '(untitled)'}`,
    `  ${alert.item.link ?? alert.feed.url}${alert.item.published ? ` · ${alert.item.published}` : ''} · feed #${alert.feed.id} ${alert.feed.title ?? alert.feed.url}`,
  ];
  for (const c of alert.claims) {
    lines.push(`  - ${c.verdict}: ${c.sentence}`);
    if (c.verdict !== 'new' || c.judgedBy) lines.push(`      ${c.reason}`);
  }
  if (alert.cut) lines.push(`  (${alert.cut})`);
  if (alert.subject) {
    lines.push(`  mark: claimwatch mark ${alert.subject.ref} right | wrong known|contradicts|new|offtopic | mute`);
  }
  return lines.join('\n');
}
