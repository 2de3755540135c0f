/**
 * The feed parser keeps no state between documents: the same bytes always get the same answer, whatever was parsed
 * before, one after another or at the same time.
 */
import { describe, expect, it } from 'vitest';
import { createFeedParser } from '../../src/feeds/parse-feed.ts';

const BOMB = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title><item><title>x</title></item></channel></rss>`;
const ENTITY = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]><rss version="2.0"><channel><title>T &a;</title><item><title>x &a;</title></item></channel></rss>`;
const MALFORMED = `<rss version="2.0"><channel><title>Bad</title><item><title>y</itm></channel></rss>`;
const GOOD = `<rss version="2.0"><channel><title>Good</title><item><title>y</title></item></channel></rss>`;

const parser = createFeedParser();
const outcome = (xml: string) =>
  parser.parse(xml, 'http://127.0.0.1/feed.xml').then(
    (feed) => `feed: ${feed.title}`,
    (err: Error) => `refused: ${err.message}`,
  );

describe('feed parsing is stateless', () => {
  it('GIVEN a malformed feed refused just before WHEN an entity-bomb document is parsed twice THEN both answers are the same refusal', async () => {
    expect(await outcome(MALFORMED)).toMatch(/^refused: /);
    const first = await outcome(BOMB);
    const second = await outcome(BOMB);
    expect(first).toMatch(/^refused: The response is not a valid RSS or Atom feed/);
    expect(second).toBe(first);
  });

  it('GIVEN a malformed document parsed just before THEN the entity documents and the malformed one still get their own answers', async () => {
    const alone = { bomb: await outcome(BOMB), entity: await outcome(ENTITY), malformed: await outcome(MALFORMED) };
    for (const round of [1, 2, 3]) {
      expect(await outcome(MALFORMED), `round ${round}`).toBe(alone.malformed);
      expect(await outcome(BOMB), `round ${round}`).toBe(alone.bomb);
      expect(await outcome(ENTITY), `round ${round}`).toBe(alone.entity);
      expect(await outcome(ENTITY), `round ${round}`).toBe(alone.entity);
    }
    expect(alone.malformed).toMatch(/^refused: .*Unexpected close tag/);
    expect(await outcome(GOOD)).toBe('feed: Good');
  });

  it('GIVEN documents parsed at the same time THEN each gets the answer it gets alone', async () => {
    const docs = [ENTITY, MALFORMED, BOMB, GOOD, ENTITY, MALFORMED, GOOD];
    const alone: string[] = [];
    for (const d of docs) alone.push(await outcome(d));
    expect(await Promise.all(docs.map(outcome))).toEqual(alone);
  });
});
