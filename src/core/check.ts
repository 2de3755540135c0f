/**
 * Checking a text or a web page against the known claims, writing nothing. Chat `/check` and `claimwatch check` both
 * go through here, so a page is read one way: the FeedReader's guarded fetch (address policy, redirects, size and
 * time limits), an HTML answer only, and its article extraction.
 */
import { judgeDocument, type SentenceJudge, toItemReport } from './claims/index.ts';
import type { ClaimIndex, DocumentInput } from './claims/types.ts';
import { UserError } from './errors.ts';
import type { FeedReader } from './feed-ports.ts';
import type { Services } from './services.ts';

export interface CheckDeps {
  claims: ClaimIndex;
  reader: FeedReader;
  judge: SentenceJudge;
  /** Asks the optional LLM judge about the document first (see ClaimsApp.prepare); none when it is off. */
  prepare?: (doc: DocumentInput) => Promise<void>;
}

export function createCheck({ claims, reader, judge, prepare }: CheckDeps): Services['check'] {
  const judgeDoc = async (doc: DocumentInput) => {
    await prepare?.(doc);
    return toItemReport(judgeDocument(doc, claims, judge));
  };
  return {
    async text(text, context) {
      if (!text.trim()) throw new UserError('bad_input', 'give a text to check');
      return judgeDoc(context?.title ? { text, title: context.title } : { text });
    },
    async url(url) {
      const article = await reader.readArticle(url.trim());
      const report = await judgeDoc({ text: article.text, title: article.title ?? undefined });
      return { ...report, title: article.title, url: article.url };
    },
  };
}
