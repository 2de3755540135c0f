/**
 * /claims — look into the known-claims database: search by words, show one claim with its evidence and relations.
 */
import { formatSource, plural, safeText, slash, truncate } from '../src/commands/format.ts';
import { idArg } from '../src/commands/guards.ts';
import type { KnownClaim } from '../src/core/claims/types.ts';
import type { CommandModule } from '../src/core/commands.ts';
import { UserError } from '../src/core/errors.ts';

const SEARCH_LIMIT = 10;

function firstSource(claim: KnownClaim): string {
  const ev = claim.evidence[0];
  return ev ? formatSource(ev.source, ev.published) : 'no evidence recorded';
}

/** "actor dprk · action deploy · 10,000–12,000 · kursk › russia · 2024-10 · per hur" */
function frameLine(claim: KnownClaim): string {
  const f = claim.frame;
  const parts = [
    f.actor,
    f.action,
    f.theme,
    f.quantity?.text,
    f.place.length > 0 ? f.place.join(' › ') : null,
    f.time,
    f.attribution ? `per ${f.attribution}` : null,
    f.polarity === 'denied' ? 'denied' : null,
    f.modality !== 'asserted' ? f.modality : null,
  ].filter((p): p is string => Boolean(p));
  return parts.map(safeText).join(' · ');
}

const claims: CommandModule = {
  name: 'claims',
  description: 'Search and show known claims',
  permission: 'member',
  subcommands: [
    {
      name: 'search',
      description: 'Find known claims by words',
      options: [{ name: 'query', description: 'Words to look for', type: 'string', required: true }],
      async handler(ctx, args) {
        const query = String(args.query ?? '').trim();
        if (!query) throw new UserError('bad_input', 'Give some words to search for.');
        const found = ctx.services.claims.search(query, SEARCH_LIMIT);
        if (found.length === 0) {
          return {
            ephemeral: true,
            title: 'No claims found',
            text: `Nothing known matches “${safeText(query)}”.`,
            tone: 'ok',
          };
        }
        const lines = found.map((c) => `**#${c.id}** ${truncate(safeText(c.text), 300)} — ${firstSource(c)}`);
        return {
          ephemeral: true,
          title: `${plural(found.length, 'claim')} for “${truncate(safeText(query), 80)}”`,
          text: `${lines.join('\n')}\n\nDetails: ${slash(ctx.platform, 'claims show')}`,
          tone: 'ok',
        };
      },
    },
    {
      name: 'show',
      description: 'Show a known claim with its evidence',
      options: [{ name: 'id', description: 'Claim id (see /claims search)', type: 'integer', required: true }],
      async handler(ctx, args) {
        const { claim, related } = ctx.services.claims.show(idArg(args));
        const fields = [
          {
            name: 'Evidence',
            value:
              claim.evidence.length > 0
                ? claim.evidence
                    .map((e) => `${formatSource(e.source, e.published)}: “${truncate(safeText(e.quote), 200)}”`)
                    .join('\n')
                : 'none recorded',
          },
        ];
        if (related.length > 0) {
          fields.push({
            name: 'Related claims',
            value: related
              .map(
                (r) =>
                  `**${r.relation} #${r.claim.id}:** ${truncate(safeText(r.claim.text), 200)} — ${safeText(r.reason)}`,
              )
              .join('\n'),
          });
        }
        const frame = frameLine(claim);
        return {
          ephemeral: true,
          title: `Claim #${claim.id}`,
          text: `${safeText(claim.text)}${frame ? `\n\n${frame}` : ''}`,
          fields,
          tone: 'ok',
        };
      },
    },
  ],
};

export default claims;
