/**
 * /claims — look into the known-claims database: search by words, show one claim with its evidence and relations;
 * and the desk's word on claims: mark a claim's status (admins), list the claims muted in a channel, unmute one.
 */
import { channelMention, formatSource, plural, safeText, slash, truncate } from '../src/commands/format.ts';
import { channelArg, idArg } from '../src/commands/guards.ts';
import type { KnownClaim } from '../src/core/claims/types.ts';
import type { CommandContext, CommandModule } from '../src/core/commands.ts';
import { parseStatus } from '../src/core/desk/desk-service.ts';
import { CLAIM_STATUSES } from '../src/core/desk/ports.ts';
import { UserError } from '../src/core/errors.ts';

/** Who is acting, as the desk records it. */
function marker(ctx: CommandContext) {
  return { id: `${ctx.platform}:${ctx.user.id}`, name: ctx.user.name ?? ctx.user.id, isAdmin: ctx.user.isAdmin };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

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
  description: 'Search, show and mark known claims; list and unmute muted claims',
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
        const { claim, related, status } = ctx.services.claims.show(idArg(args));
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
        if (status) {
          fields.unshift({
            name: 'Desk',
            value: `Marked **${status.status}** by ${safeText(status.setBy)} on ${day(status.setAt)}${
              status.note ? `: ${truncate(safeText(status.note), 300)}` : ''
            }`,
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
    {
      name: 'mark',
      description: "Set the desk's status of a known claim (admins)",
      admin: true,
      options: [
        { name: 'id', description: 'Claim id (see /claims search)', type: 'integer', required: true },
        { name: 'status', description: 'What the desk found', type: 'string', required: true, choices: CLAIM_STATUSES },
        { name: 'note', description: 'Why, or a link to the check', type: 'string' },
      ],
      async handler(ctx, args) {
        const id = idArg(args);
        const status = parseStatus(String(args.status ?? ''));
        const note = typeof args.note === 'string' ? args.note : null;
        const s = ctx.services.desk.setStatus(id, status, note, marker(ctx));
        return {
          ephemeral: true,
          title: `Claim #${id} marked ${s.status}`,
          text:
            `${truncate(safeText(s.claimText), 300)}${s.note ? `\n\n**Note:** ${truncate(safeText(s.note), 300)}` : ''}` +
            '\n\nEvery alert that cites it will say so.',
          tone: 'ok',
        };
      },
    },
    {
      name: 'muted',
      description: 'List the claims muted in a channel',
      options: [{ name: 'channel', description: 'Channel (default: this one)', type: 'channel' }],
      async handler(ctx, args) {
        const channel = channelArg(ctx, args);
        const mutes = ctx.services.desk.muted(channel);
        if (mutes.length === 0) {
          return {
            ephemeral: true,
            title: 'No muted claims',
            text: `Nothing is muted in ${channelMention(channel)}.`,
            tone: 'ok',
          };
        }
        const lines = mutes.map(
          (m) =>
            `**#${m.id}** ${truncate(safeText(m.claimText), 200)} — muted by ${safeText(m.mutedBy)} on ${day(m.mutedAt)}`,
        );
        return {
          ephemeral: true,
          title: `${plural(mutes.length, 'muted claim')} in this channel`,
          text: `${lines.join('\n')}\n\nUnmute one: ${slash(ctx.platform, 'claims unmute')} with its number.`,
          tone: 'ok',
        };
      },
    },
    {
      name: 'unmute',
      description: 'Let a muted claim alert in a channel again (admins)',
      admin: true,
      options: [
        { name: 'id', description: 'The number /claims muted shows', type: 'integer', required: true },
        { name: 'channel', description: 'Channel (default: this one)', type: 'channel' },
      ],
      async handler(ctx, args) {
        const channel = channelArg(ctx, args);
        const gone = ctx.services.desk.unmute(channel, idArg(args), marker(ctx));
        return {
          ephemeral: true,
          title: 'Claim unmuted',
          text: `${truncate(safeText(gone.claimText), 300)}\n\nIts restatements alert in ${channelMention(channel)} again.`,
          tone: 'ok',
        };
      },
    },
  ],
};

export default claims;
