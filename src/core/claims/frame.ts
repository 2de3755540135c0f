/**
 * Reads a claim frame from one sentence's tokens and lexicon hits: actor, actions, themes, figures, place, time,
 * attribution, polarity and modality.
 */

import { activeStory } from '../story/active-story.ts';
import { has, isBackground, isPurpose, ownsPersonnel, resolveAction, subjectOf } from './event-roles.ts';
import { readQuantities } from './figures.ts';
import type { Hit, Positioned } from './matcher.ts';
import { inScopes, readDenial } from './polarity.ts';
import { extractSlots } from './slots.ts';
import { readAttribution } from './speaker.ts';
import { statedTime } from './time.ts';
import type { ClaimFrame, Modality } from './types.ts';
import type { WordInfo } from './words.ts';

const LOCATIVE = new Set([
  'in',
  'into',
  'to',
  'inside',
  'within',
  'across',
  'near',
  'at',
  'towards',
  'toward',
  'throughout',
  'on',
]);
const UNIT_NOUNS = new Set(['brigade', 'battalion', 'regiment', 'division', 'corps', 'brigades', 'battalions']);
export interface FrameReading {
  frame: ClaimFrame;
  actors: string[];
}

/** Ancestors of a place, itself first. */
export function placeChain(id: string): string[] {
  const chain: string[] = [];
  let cur: string | null | undefined = id;
  while (cur && !chain.includes(cur)) {
    chain.push(cur);
    cur = activeStory().placeParent[cur];
  }
  return chain;
}

const isPlace = (id: string) => activeStory().placeParent[id] !== undefined;

/** Two words before a place that rule it out as where something happens ("far from", "rather than", "not in"). */
const RULED_OUT = new Set(['far from', 'rather than', 'instead of', 'away from', 'not in', 'not to', 'not near']);

function collect(tokens: readonly string[], hits: readonly Hit[]) {
  const actor: Positioned[] = [];
  const action: Positioned[] = [];
  const theme: Positioned[] = [];
  const source: Positioned[] = [];
  const modal: Positioned[] = [];
  const evals: Positioned[] = [];
  const places: string[] = [];
  const placeStarts = new Set<number>();
  const actorAt = new Set<number>();
  let ruledOutEnd = -1;
  for (const h of hits) {
    const tags = h.tags;
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i] as Hit['tags'][number];
      const kind = t.kind;
      if (kind === 'actor') {
        for (let k = h.start; k < h.end; k++) actorAt.add(k);
        actor.push({ id: t.id, at: h.start, end: h.end });
        // an actor that is also a place (a country): "in Russia"
        if (isPlace(t.id) && LOCATIVE.has(tokens[h.start - 1] ?? '')) places.push(t.id);
      } else if (kind === 'action') {
        // "the 11th airborne assault brigade" names a unit, not an assault
        if (!UNIT_NOUNS.has(tokens[h.end] ?? '') && !UNIT_NOUNS.has(tokens[h.end + 1] ?? ''))
          action.push({ id: t.id, at: h.start, end: h.end });
      } else if (kind === 'theme') theme.push({ id: t.id, at: h.start, end: h.end });
      else if (kind === 'place') {
        placeStarts.add(h.start);
        // "far from Sudzha and Kursk", "rather than Kursk": a place ruled out is not where it happens
        const before = tokens[h.start - 1] ?? '';
        const coordinated = (before === 'and' || before === 'or') && ruledOutEnd === h.start - 1;
        if (coordinated || RULED_OUT.has(`${tokens[h.start - 2] ?? ''} ${before}`)) ruledOutEnd = h.end;
        else places.push(t.id);
      } else if (kind === 'source') source.push({ id: t.id, at: h.start, end: h.end });
      else if (kind === 'modal') modal.push({ id: t.id, at: h.start, end: h.end });
      else if (kind === 'eval') evals.push({ id: t.id, at: h.start, end: h.end });
    }
  }
  return { actor, action, theme, source, modal, evals, places, placeStarts, actorAt };
}

/** The ids of positioned tags, each once, in order. */
function distinctIds(list: readonly Positioned[]): string[] {
  const out: string[] = [];
  for (const x of list) if (!out.includes(x.id)) out.push(x.id);
  return out;
}

/** Deeper places first ("sudzha" before "kursk"). */
function byDepth(a: string, b: string): number {
  return placeChain(b).length - placeChain(a).length;
}

const COPULA = new Set(['is', 'are', 'was', 'were', 'remain', 'remains', 'remained']);
const PRESENCE_ADVERBS = new Set(['already', 'now', 'still', 'reportedly', 'also', 'currently', 'allegedly']);
const PERSONNEL = new Set(['troops', 'formations', 'special_forces', 'officers', 'engineers', 'laborers']);

/** Where a sentence puts people in a place with a copula ("troops were already in Russia"), or -1. */
function presenceAt(tokens: readonly string[], c: ReturnType<typeof collect>): number {
  for (let k = 1; k < tokens.length - 2; k++) {
    if (!COPULA.has(tokens[k] ?? '')) continue;
    if (!c.theme.some((t) => PERSONNEL.has(t.id) && t.end <= k && t.end >= k - 3)) continue;
    let j = k + 1;
    // "are not in Kursk" is read as a place ruled out, not as presence
    while (PRESENCE_ADVERBS.has(tokens[j] ?? '')) j += 1;
    if (tokens[j] !== 'in' && tokens[j] !== 'inside') continue;
    const there = j + 1;
    if (c.placeStarts.has(there) || c.actor.some((a) => a.at === there && isPlace(a.id))) return j;
  }
  return -1;
}

export function extractFrame(
  tokens: readonly string[],
  caps: readonly boolean[],
  hits: readonly Hit[],
  published: string | null,
  infos?: readonly WordInfo[],
): FrameReading {
  const c = collect(tokens, hits);
  const denial = readDenial(tokens, hits, infos);
  const core: Array<{ id: string; at: number }> = [];
  const purposes: string[] = [];
  const denied: string[] = [];
  const affirmed: string[] = [];
  let main: { id: string; at: number } | undefined;
  for (const a of c.action) {
    const id = resolveAction(a, c.theme);
    if (!id) continue;
    const inDenial = inScopes(denial.scopes, a.at);
    if (inDenial && !denied.includes(id)) denied.push(id);
    if (isPurpose(tokens, a.at)) {
      if (!purposes.includes(id)) purposes.push(id);
      continue;
    }
    if (!core.some((x) => x.id === id)) core.push({ id, at: a.at });
    if (isBackground(tokens, a, c.theme, c.actorAt)) continue;
    if (!inDenial && !affirmed.includes(id)) affirmed.push(id);
    // "observed units taking part in combat": the perception is not the event
    if (!main || (main.id === 'observe' && id !== 'observe')) main = { id, at: a.at };
  }
  if (core.length === 0) {
    // "North Korean troops were in Russia": people said to be somewhere are deployed there
    const at = presenceAt(tokens, c);
    if (at >= 0) {
      core.push({ id: 'deploy', at });
      if (inScopes(denial.scopes, at)) denied.push('deploy');
      else affirmed.push('deploy');
      main = { id: 'deploy', at };
    }
  }
  main ??= core[0];
  const firstScope = denial.scopes[0];
  const polarity =
    denial.cueAt >= 0 &&
    (affirmed.length === 0 ||
      (firstScope !== undefined && (firstScope[0] <= (main?.at ?? 0) || inScopes(denial.scopes, main?.at ?? -1))))
      ? 'denied'
      : 'asserted';
  const deniedThemes: string[] = [];
  if (denial.scopes.length > 0)
    for (const t of c.theme) if (inScopes(denial.scopes, t.at) && !deniedThemes.includes(t.id)) deniedThemes.push(t.id);

  const quantities = readQuantities(tokens, c.theme, c.actor, core);
  const placeIds = c.places.length < 2 ? c.places : [...new Set(c.places)].sort(byDepth);
  const place: string[] = [];
  for (const p of placeIds) for (const x of placeChain(p)) if (!place.includes(x)) place.push(x);
  const stated = statedTime(tokens, published ? published.slice(0, 4) : null);
  const attribution = readAttribution(tokens, c.source, denial.cueAt, infos);

  let modality: Modality = 'asserted';
  const near = main ? c.modal.filter((m) => m.at < (main?.at ?? 0) && m.at >= (main?.at ?? 0) - 5) : [];
  if (denial.hedged || has('possible', near) || (!main && has('possible', c.modal))) modality = 'possible';
  else if (has('likely', near) || has('likely', c.modal)) modality = 'likely';
  else if (has('planned', near)) modality = 'planned';
  else if (has('reported', c.modal) || attribution) modality = 'reported';

  const slots = extractSlots(tokens, caps);
  for (const e of c.evals) {
    const [name, value] = e.id.split('=');
    slots[`eval:${name}`] = inScopes(denial.scopes, e.at) ? `not ${value}` : (value ?? '');
  }

  const actorIds = distinctIds(c.actor);
  const subject = activeStory().subject;
  const frame: ClaimFrame = {
    // the story's subject's soldiers killed, trained or captured make the subject the actor whoever else acts on them;
    // otherwise the subject of the main action, never the speaker ("Washington says …")
    actor:
      (ownsPersonnel(c.actor, c.theme) ? subject : null) ??
      subjectOf(
        tokens,
        c.actor,
        c.placeStarts,
        main?.at ?? -1,
        new Set(c.source.filter((x) => x.id === attribution).map((x) => x.at)),
      ) ??
      (actorIds.includes(subject) ? subject : null),
    action: main?.id ?? purposes[0] ?? null,
    theme: c.theme[0]?.id ?? null,
    quantity: quantities[0] ? { min: quantities[0].min, max: quantities[0].max, text: quantities[0].text } : null,
    place,
    time: stated ?? published,
    attribution,
    polarity,
    modality,
    detail: {
      actors: actorIds,
      actions: core.map((a) => a.id),
      affirmed,
      purposes,
      themes: distinctIds(c.theme),
      quantities,
      slots,
      timeStated: stated !== null,
      anaphoric: denial.cueAt >= 0 && denial.anaphoric,
      denied,
      deniedThemes,
      hedged: denial.hedged,
      confirmed: denial.confirmed,
      reversal: hits.some((h) => h.tags.some((t) => t.kind === 'reversal')),
    },
  };
  return { frame, actors: actorIds };
}

/** Gives a denial that points back ("Putin denies this") the content of the sentence it refers to. */
export function inheritContent(frame: ClaimFrame, antecedent: ClaimFrame): ClaimFrame {
  const d = frame.detail;
  const a = antecedent.detail;
  if (!d || !a) return frame;
  const inherited = [...a.actions, ...a.purposes];
  return {
    ...frame,
    polarity: 'denied',
    actor: frame.actor ?? antecedent.actor,
    action: antecedent.action ?? frame.action,
    theme: antecedent.theme ?? frame.theme,
    quantity: frame.quantity ?? antecedent.quantity,
    place: frame.place.length > 0 ? frame.place : antecedent.place,
    detail: {
      ...d,
      actions: [...new Set([...inherited, ...d.actions])],
      purposes: [],
      denied: [...new Set([...inherited, ...(d.denied ?? [])])],
      themes: [...new Set([...a.themes, ...d.themes])],
      deniedThemes: [...new Set([...a.themes, ...(d.deniedThemes ?? [])])],
      quantities: d.quantities.length > 0 ? d.quantities : a.quantities,
    },
  };
}
