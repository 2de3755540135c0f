/**
 * `Services`: the use cases the CLI and the chat commands share, over the claims engine, the claim store, the watch
 * service and the feed reader.
 */
import { createCheck } from '../core/check.ts';
import type { DocumentInput, SentenceJudge } from '../core/claims/index.ts';
import { createDeskService } from '../core/desk/desk-service.ts';
import type { DeskStore } from '../core/desk/ports.ts';
import { UserError } from '../core/errors.ts';
import type { FeedReader } from '../core/feed-ports.ts';
import type { Services } from '../core/services.ts';
import type { ClaimStore } from '../core/store-ports.ts';
import type { WatchService } from '../core/watch/watch-service.ts';

export interface ServicesDeps {
  claims: ClaimStore;
  watch: WatchService;
  reader: FeedReader;
  judge: SentenceJudge;
  desk: DeskStore;
  /** The optional LLM judge's look-ahead (ClaimsApp.prepare). */
  prepare?: (doc: DocumentInput) => Promise<void>;
  /** After the desk marks a sentence's verdict (right or wrong): the judgement takes the mark as an example. */
  onDeskMark?: () => void;
}

const DEFAULT_SEARCH_LIMIT = 10;

export function createServices(deps: ServicesDeps): Services {
  const { claims, watch, reader, judge, prepare } = deps;
  const service = createDeskService({ desk: deps.desk, claims });
  const desk: typeof service = {
    ...service,
    mark(ref, action, who) {
      const out = service.mark(ref, action, who);
      if (out.changed && action.kind !== 'mute') deps.onDeskMark?.();
      return out;
    },
  };
  return {
    watch: {
      add: (input) => watch.add(input),
      list: (scope) => watch.list(scope),
      remove: (id, scope) => watch.remove(id, scope),
      pause: (id, scope) => watch.pause(id, scope),
      resume: (id, scope) => watch.resume(id, scope),
      poll: (id, scope) => watch.poll(id, scope),
    },
    alerts: { configure: (input) => watch.configure(input) },
    claims: {
      search(query, limit = DEFAULT_SEARCH_LIMIT) {
        if (!query.trim()) throw new UserError('bad_input', 'give some words to search for');
        return claims.search(query, limit);
      },
      show(id) {
        const claim = claims.get(id);
        if (!claim) throw new UserError('not_found', `no known claim #${id}`);
        const status = desk.statusOf(claim.text);
        return { claim, related: claims.relations(id), ...(status ? { status } : {}) };
      },
    },
    check: createCheck({ claims, reader, judge, prepare }),
    status: (scope) => watch.status(scope),
    desk,
  };
}
