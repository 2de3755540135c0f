/**
 * The loopback news site of `claimwatch demo`: an RSS 2.0 feed of the bundled articles plus one HTML page per article,
 * on 127.0.0.1 and a port the system picks. Nothing is published until `publish()`, so the watcher first sees an empty
 * feed and then the articles arrive as new items, the way a live feed brings them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoArticle } from './demo-articles.ts';

export interface DemoServer {
  /** http://127.0.0.1:PORT/feed.xml */
  feedUrl: string;
  /** The page served for an article. */
  pageUrl(article: DemoArticle): string;
  /** From now on the feed lists every article. */
  publish(): void;
  close(): Promise<void>;
}

export async function startDemoServer(articles: readonly DemoArticle[]): Promise<DemoServer> {
  let published = false;
  const byPath = new Map(articles.map((a) => [`/articles/${encodeURIComponent(a.id)}.html`, a]));
  let origin = '';
  const pageUrl = (a: DemoArticle) => `${origin}/articles/${encodeURIComponent(a.id)}.html`;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/feed.xml') return send(res, 200, 'application/rss+xml; charset=utf-8', feedXml());
    const article = byPath.get(path);
    if (article) return send(res, 200, 'text/html; charset=utf-8', articleHtml(article));
    send(res, 404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function feedXml(): string {
    // feeds list newest first
    const items = published ? [...articles].reverse().map((a) => itemXml(a, pageUrl(a))) : [];
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
      '<channel>',
      '<title>claimwatch demo: real reporting on North Korean troops in Russia</title>',
      `<link>${origin}/</link>`,
      '<description>Bundled real articles, served from this machine for one demo run.</description>',
      ...items,
      '</channel>',
      '</rss>',
      '',
    ].join('\n');
  }

  return {
    feedUrl: `${origin}/feed.xml`,
    pageUrl,
    publish: () => {
      published = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An aggregator-style item: "Headline — Outlet", so an alert names where the report came from. */
function itemXml(a: DemoArticle, page: string): string {
  return [
    '<item>',
    `<title>${esc(`${a.title} — ${a.source}`)}</title>`,
    `<link>${esc(page)}</link>`,
    `<guid isPermaLink="false">claimwatch-demo-${esc(a.id)}</guid>`,
    `<pubDate>${new Date(`${a.published}T12:00:00Z`).toUTCString()}</pubDate>`,
    // a teaser, as many feeds give: the rest of the article is on its page (the watcher reads it in full-text mode)
    `<description>${esc(teaser(a.content))}</description>`,
    '</item>',
  ].join('');
}

function articleHtml(a: DemoArticle): string {
  const paragraphs = a.content
    .split(/\n+/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${esc(p)}</p>`);
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head><body>`,
    `<article><h1>${esc(a.title)}</h1>`,
    ...paragraphs,
    '</article>',
    `<footer>Retrieved from <a href="${esc(a.link)}">${esc(a.source)}</a>; bundled with claimwatch for its offline demo.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** The first paragraph of an article. */
export function teaser(content: string): string {
  return content.split(/\n+/).find((p) => p.trim() !== '') ?? content;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
