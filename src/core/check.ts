/**
 * Checking a text or a web page against the known claims, writing nothing. Chat `/check` and `claimwatch check` both
 * go through here, so a page is read one way: the FeedReader's guarded fetch (address policy, redirects, size and
 * time limits), an HTML answer only, and its article extraction.
 */
import { judgeDocument, type SentenceJudge, toItemReport } from './claims/index.ts';
import type { ClaimIndex } from './claims/types.ts';
import { UserError } from './errors.ts';
import type { FeedReader } from './feed-ports.ts';
import type { Services } from './services.ts';

export interface CheckDeps {
  claims: ClaimIndex;
  reader: FeedReader;
  judge: SentenceJudge;
}

export function createCheck({ claims, reader, judge }: CheckDeps): Services['check'] {
  return {
    text(text, context) {
      if (!text.trim()) throw new UserError('bad_input', 'give a text to check');
      return toItemReport(judgeDocument({ text, title: context?.title }, claims, judge));
    },
    async url(url) {
      const article = await reader.readArticle(url.trim());
      const report = toItemReport(
        judgeDocument({ text: article.text, title: article.title ?? undefined }, claims, judge),
      );
      return { ...report, title: article.title, url: article.url };
    },
  };
}
