/**
 * Neutral replies and alerts → Discord embeds, always within Discord's limits: 10 embeds and 6,000 characters per
 * message, 256 per title, 4,096 per description, 25 fields of 256 (name) / 1,024 (value), 2,048 per footer. What does
 * not fit is cut visibly with "… (truncated)", never silently.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { alertControls } from '../../commands/alert-controls.ts';
import { type AlertView, alertView, sectionText } from '../../commands/alert-view.ts';
import { plural, TRUNCATION_MARK, truncate } from '../../commands/format.ts';
import type { Alert } from '../../core/alerts.ts';
import type { Verdict } from '../../core/claims/types.ts';
import type { Reply } from '../../core/commands.ts';

export const EMBED_LIMITS = {
  embeds: 10,
  total: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
} as const;

export const TONE_COLOUR: Readonly<Record<NonNullable<Reply['tone']>, number>> = {
  contradicts: 0xe5484d,
  new: 0x3b82f6,
  known: 0x30a46c,
  offtopic: 0x8b8d98,
  ok: 0x5865f2,
  error: 0xed4245,
};

/** Characters Discord counts toward the 6,000 limit. */
export function embedSize(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0);
  n += (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function fitOne(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, EMBED_LIMITS.title);
  if (out.description !== undefined) out.description = truncate(out.description, EMBED_LIMITS.description);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, EMBED_LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, EMBED_LIMITS.author) };
  if (out.fields) {
    let fields = out.fields.map((f) => ({
      ...f,
      name: truncate(f.name || '\u200b', EMBED_LIMITS.fieldName),
      value: truncate(f.value || '\u200b', EMBED_LIMITS.fieldValue),
    }));
    if (fields.length > EMBED_LIMITS.fields) {
      const hidden = fields.length - (EMBED_LIMITS.fields - 1);
      fields = [
        ...fields.slice(0, EMBED_LIMITS.fields - 1),
        { name: TRUNCATION_MARK, value: `${hidden} more not shown` },
      ];
    }
    out.fields = fields;
  }
  return out;
}

/** Room kept for the note that says how much was dropped. */
const NOTE_RESERVE = 48;

/** Applies every per-embed limit, then drops trailing fields/embeds (saying so) until the total fits. */
export function fitEmbeds(input: readonly APIEmbed[]): APIEmbed[] {
  const embeds = input.slice(0, EMBED_LIMITS.embeds).map(fitOne);
  let dropped = input.length - embeds.length;
  const total = () => embeds.reduce((n, e) => n + embedSize(e), 0) + (dropped > 0 ? NOTE_RESERVE : 0);
  while (total() > EMBED_LIMITS.total) {
    const last = embeds[embeds.length - 1];
    if (!last) break;
    if (last.fields && last.fields.length > 0) {
      last.fields.pop();
      dropped += 1;
    } else if (embeds.length > 1) {
      embeds.pop();
      dropped += 1;
    } else {
      const desc = last.description ?? '';
      const excess = total() - EMBED_LIMITS.total;
      if (desc.length === 0) break;
      last.description = truncate(desc, Math.max(0, desc.length - excess));
      if (last.description.length >= desc.length) break;
    }
  }
  const last = embeds[embeds.length - 1];
  if (dropped > 0 && last) {
    const fields = last.fields ?? [];
    const note = { name: TRUNCATION_MARK, value: `${dropped} more not shown` };
    if (fields.length < EMBED_LIMITS.fields) last.fields = [...fields, note];
    else fields[fields.length - 1] = note;
  }
  return embeds;
}

/** A neutral reply as one embed. */
export function replyEmbeds(reply: Reply): APIEmbed[] {
  const embed: APIEmbed = { color: TONE_COLOUR[reply.tone ?? 'ok'] };
  if (reply.title) embed.title = reply.title;
  if (reply.text) embed.description = reply.text;
  if (reply.fields && reply.fields.length > 0) embed.fields = reply.fields.map((f) => ({ ...f }));
  return fitEmbeds([embed]);
}

function counts(view: AlertView): string {
  const by = (v: Verdict) => view.sections.filter((s) => s.verdict === v).length;
  const parts = [
    by('contradicts') > 0 ? plural(by('contradicts'), 'contradiction') : '',
    by('new') > 0 ? plural(by('new'), 'new claim') : '',
    by('known') > 0 ? plural(by('known'), 'known claim') : '',
  ].filter(Boolean);
  return `**${view.label}**${parts.length > 0 ? ` · ${parts.join(', ')}` : ''}`;
}

/** An alert: verdict colour, the item title linked, one field per claim (known claim, source, date, reason), the feed. */
export function alertEmbeds(alert: Alert, marks?: string): APIEmbed[] {
  const view = alertView(alert, marks);
  const controls = alertControls(alert);
  const desk = controls ? [{ name: 'Desk', value: [controls.prompt, view.marks].filter(Boolean).join('\n') }] : [];
  const embed: APIEmbed = {
    color: TONE_COLOUR[view.verdict],
    title: view.title,
    description: counts(view),
    // the desk field goes first so that a long alert cut to fit never loses it
    fields: [...desk, ...view.sections.map((s) => ({ name: s.label, value: sectionText(s) }))],
    footer: {
      text: `${view.feedName}${view.published ? ` · ${view.published}` : ''}${view.cut ? ` · ${view.cut}` : ''}`,
    },
  };
  if (view.link && /^https?:\/\//i.test(view.link)) embed.url = view.link;
  return fitEmbeds([embed]);
}

/** Discord button styles and component types (API numbers). */
const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
const SUCCESS = 3;
const SECONDARY = 2;

/**
 * The desk controls as message components: the Wrong select in a row of its own (Discord wants a select alone in
 * its row), then the Right and Mute buttons. None for an alert without a subject.
 */
export function alertComponents(alert: Alert): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const c = alertControls(alert);
  if (!c) return [];
  return [
    {
      type: ACTION_ROW,
      components: [
        {
          type: STRING_SELECT,
          custom_id: c.wrong.id,
          placeholder: c.wrong.placeholder,
          options: c.wrong.options.map((o) => ({ label: o.label, value: o.value })),
        },
      ],
    },
    {
      type: ACTION_ROW,
      components: [
        { type: BUTTON, style: SUCCESS, custom_id: c.right.id, label: c.right.label },
        { type: BUTTON, style: SECONDARY, custom_id: c.mute.id, label: c.mute.label },
      ],
    },
  ] as APIActionRowComponent<APIComponentInMessageActionRow>[];
}
