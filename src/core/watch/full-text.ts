/**
 * Full text for feeds that opt in (`--full-text`): the article page behind an item replaces the feed's teaser. The
 * poller and `watch add --backfill` both go through here, so a backfilled item is read exactly as a later one.
 */
import { describeFailure } from '../errors.ts';
import type { FeedReader } from '../feed-ports.ts';
import type { NewItem } from './pipeline.ts';
import { mapPool } from './pool.ts';
import type { FeedRecord, Log } from './ports.ts';

/** Article pages fetched at once for one feed. */
const PAGES_AT_ONCE = 4;

export interface FullTextDeps {
  reader: FeedReader;
  log: Log;
}

/**
 * Sets each entry's text to its article page (through the reader's guarded fetch and extraction) when the feed is
 * full-text; an item with no link, or whose page cannot be read or has no text, keeps the feed's text, and the reason
 * is logged. Only the newest `limit` entries (the ones that could alert; `entries` are oldest first) are fetched, so
 * a feed rewriting its GUIDs cannot make us fetch every page on each poll.
 */
export async function fillFullText(
  deps: FullTextDeps,
  /** No id yet when `watch add` backfills a feed it has not saved. */
  feed: Pick<FeedRecord, 'url' | 'fullText'> & { id?: number },
  entries: NewItem[],
  limit: number,
): Promise<void> {
  if (!feed.fullText || limit <= 0) return;
  await mapPool(entries.slice(-limit), PAGES_AT_ONCE, async (entry) => {
    const link = entry.item.link;
    if (!link) return;
    try {
      const article = await deps.reader.readArticle(link);
      if (article.text.trim()) entry.text = article.text;
      else
        deps.log.warn({ feedId: feed.id, url: feed.url, link }, 'full text: the page has no text; using the feed text');
    } catch (err) {
      const reason = describeFailure(err);
      deps.log.warn({ feedId: feed.id, url: feed.url, link, reason }, 'full text failed; using the feed text');
    }
  });
}
