import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedReader } from '../../src/feeds/feed-reader.ts';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { expectFailure, loopbackReader } from './helpers.ts';

const paragraph = (n: number) =>
  `<p>Paragraph ${n}: South Korea's intelligence service said North Korea had sent special forces to Russia, ` +
  'where they were being trained near Vladivostok before moving to the front, officials said on Friday.</p>';

const ARTICLE = `<!doctype html><html><head><title>Troops shipped | Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>North Korean troops shipped to Russia</h1>${[1, 2, 3, 4, 5].map(paragraph).join('')}</article>
<footer>Copyright Example News. Subscribe now!</footer><script>analytics()</script></body></html>`;

let server: FeedServer;
const reader = loopbackReader();
beforeAll(async () => {
  server = await startFeedServer();
  server.route('/story', { kind: 'body', body: ARTICLE, contentType: 'text/html; charset=utf-8' });
  server.route('/short', {
    kind: 'body',
    contentType: 'text/html',
    body: '<html><head><title>Brief</title></head><body><div>Seoul confirms deployment.</div><script>x()</script></body></html>',
  });
  server.route('/pdf', { kind: 'body', body: '%PDF-1.4', contentType: 'application/pdf' });
  server.route('/empty', {
    kind: 'body',
    body: '<html><body><script>x()</script></body></html>',
    contentType: 'text/html',
  });
  server.route('/moved', { kind: 'redirect', location: '/story', status: 301 });
  server.route('/to-metadata', { kind: 'redirect', location: 'http://169.254.169.254/latest/' });
});
afterAll(async () => {
  await reader.close();
  await server.close();
});

describe('readArticle', () => {
  it('GIVEN a news page WHEN read THEN the article text comes back without navigation, footer or scripts', async () => {
    const a = await reader.readArticle(server.url('/moved'));
    expect(a.url).toBe(server.url('/story'));
    expect(a.title).toMatch(/North Korean troops shipped to Russia|Troops shipped/);
    expect(a.text).toContain('Paragraph 1: South Korea');
    expect(a.text).toContain('Paragraph 5:');
    expect(a.text).not.toMatch(/Subscribe now|analytics|World/);
    expect(a.text.split('\n\n').length).toBeGreaterThanOrEqual(5);
  });

  it('GIVEN a page too short for readability WHEN read THEN its visible text is used', async () => {
    const a = await reader.readArticle(server.url('/short'));
    expect(a).toEqual({ url: server.url('/short'), title: 'Brief', text: 'Seoul confirms deployment.' });
  });

  it('GIVEN a PDF WHEN read as an article THEN it fails saying it is not a web page', async () => {
    await expectFailure(reader.readArticle(server.url('/pdf')), 'fetch_failed', /application\/pdf, not a web page/);
  });

  it('GIVEN a page with no visible text WHEN read THEN it fails saying so', async () => {
    await expectFailure(reader.readArticle(server.url('/empty')), 'fetch_failed', /no readable text/);
  });

  it('GIVEN an article link that redirects to cloud metadata WHEN read THEN it is refused', async () => {
    await expectFailure(
      reader.readArticle(server.url('/to-metadata')),
      'blocked_url',
      /redirects to 169\.254\.169\.254/,
    );
  });

  it('GIVEN the default policy WHEN an article on loopback is read THEN it is refused', async () => {
    const strict = createFeedReader({ allowHosts: [] });
    await expectFailure(strict.readArticle(server.url('/story')), 'blocked_url', /loopback/);
    await strict.close();
  });
});
