/**
 * Reads a claim frame from one sentence's tokens and lexicon hits: actor, actions, themes, figures, place, time,
 * attribution, polarity and modality.
 */
import { PLACE_PARENT, SOURCES } from './lexicon-entities.ts';
import { ACTION_MEASURE, MATERIEL_THEMES, NEGATORS, PERCEPTION_VERBS, SPEECH_WORDS } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import { parseQuantities } from './quantity.ts';
import { extractSlots } from './slots.ts';
import { statedTime } from './time.ts';
import type { ClaimFrame, Modality, QuantityFact } from './types.ts';

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
const ANAPHORS = new Set([
  'this',
  'these',
  'that',
  'those',
  'it',
  'them',
  'such',
  'the',
  'allegations',
  'claims',
  'reports',
  'statements',
  'information',
]);
const FOREIGN_ACTORS = new Set(['russia', 'ukraine', 'us', 'south_korea']);

interface Positioned {
  id: string;
  at: number;
}

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
    cur = PLACE_PARENT[cur];
  }
  return chain;
}

function depth(id: string): number {
  return placeChain(id).length;
}

export function extractFrame(
  tokens: readonly string[],
  caps: readonly boolean[],
  hits: readonly Hit[],
  published: string | null,
): FrameReading {
  const actors: Positioned[] = [];
  const rawActions: Positioned[] = [];
  const themes: Positioned[] = [];
  const places: string[] = [];
  const sources: Positioned[] = [];
  const modals: Array<Positioned & { end: number }> = [];
  let denyAt = -1;
  let denyEnd = -1;
  let hedged = false;
  for (const h of hits) {
    for (const t of h.tags) {
      if (t.kind === 'actor') {
        actors.push({ id: t.id, at: h.start });
        if ((t.id === 'russia' || t.id === 'ukraine') && LOCATIVE.has(tokens[h.start - 1] ?? '')) places.push(t.id);
      } else if (t.kind === 'action') rawActions.push({ id: t.id, at: h.start });
      else if (t.kind === 'theme') themes.push({ id: t.id, at: h.start });
      else if (t.kind === 'place') places.push(t.id);
      else if (t.kind === 'source') sources.push({ id: t.id, at: h.start });
      else if (t.kind === 'modal') modals.push({ id: t.id, at: h.start, end: h.end });
      else if (t.kind === 'deny' && denyAt < 0) {
        denyAt = h.start;
        denyEnd = h.end;
      } else if (t.kind === 'hedge') hedged = true;
    }
  }

  // Negated perception ("hasn't seen", "did not record") or a negated action ("has not sent") denies the proposition.
  if (denyAt < 0) {
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] ?? '';
      if (!NEGATORS.has(tok) || tokens[i + 1] === 'only' || tokens[i + 1] === 'just') continue;
      const window = tokens.slice(i + 1, i + 4);
      const perceives = window.some((w) => PERCEPTION_VERBS.has(w));
      const negatesAction = rawActions.some((a) => a.at > i && a.at <= i + 3);
      if (perceives || negatesAction || (tok === 'no' && themes.some((t) => t.at > i && t.at <= i + 3))) {
        denyAt = i;
        denyEnd = i + 1;
        break;
      }
    }
    const yet = tokens.indexOf('yet');
    if (denyAt < 0 && yet >= 0 && tokens[yet + 1] === 'to' && PERCEPTION_VERBS.has(tokens[yet + 2] ?? '')) {
      denyAt = yet;
      denyEnd = yet + 3;
    }
  }

  // "send" names a deployment when people follow it and a supply when materiel does.
  const actions: Positioned[] = [];
  const purposes: string[] = [];
  for (const a of rawActions) {
    let id = a.id;
    if (id === 'transfer') {
      const after = themes.find((t) => t.at > a.at && t.at <= a.at + 10);
      const before = [...themes].reverse().find((t) => t.at < a.at && t.at >= a.at - 8);
      const theme = after ?? before;
      id = theme && MATERIEL_THEMES.has(theme.id) ? 'supply' : 'deploy';
    }
    const prev = tokens[a.at - 1] ?? '';
    const isPurpose = prev === 'to' || (prev === 'be' && tokens[a.at - 2] === 'to');
    if (
      isPurpose &&
      !['may', 'could', 'will', 'would', 'can', 'might', 'expected', 'likely', 'set', 'going', 'about'].includes(
        tokens[a.at - 2] ?? '',
      ) &&
      !['may', 'could', 'will', 'would', 'can', 'might', 'expected', 'likely'].includes(tokens[a.at - 3] ?? '')
    ) {
      if (!purposes.includes(id)) purposes.push(id);
    } else if (!actions.some((x) => x.id === id)) actions.push({ id, at: a.at });
  }

  const polarity = denyAt >= 0 ? 'denied' : 'asserted';
  const anaphoric =
    polarity === 'denied' && (themes.length === 0 || ANAPHORS.has(tokens[denyEnd] ?? '') || tokens.includes('such'));

  const quantities: QuantityFact[] = [];
  for (const q of parseQuantities(tokens)) {
    const theme =
      themes.find((t) => t.at >= q.end && t.at <= q.end + 5) ??
      themes.find((t) => t.at >= q.start - 3 && t.at < q.start && tokens[t.at + 1] === 'of');
    // "20 Russia-aligned soldiers": a figure for someone else's troops.
    const between = actors.filter((a) => a.at >= q.end && theme && a.at < theme.at);
    if (between.some((a) => FOREIGN_ACTORS.has(a.id)) && !between.some((a) => a.id === 'dprk')) continue;
    if (!theme && q.unit !== 'share') continue;
    let nearest: Positioned | undefined;
    for (const a of actions) if (!nearest || Math.abs(a.at - q.start) < Math.abs(nearest.at - q.start)) nearest = a;
    const act = nearest?.id ?? purposes[0] ?? null;
    const measure = act ? (ACTION_MEASURE[act] ?? act) : 'force';
    quantities.push({ min: q.min, max: q.max, text: q.text, theme: theme?.id ?? null, measure, unit: q.unit });
  }

  const placeIds = [...new Set(places)].sort((a, b) => depth(b) - depth(a));
  const place: string[] = [];
  for (const p of placeIds) for (const c of placeChain(p)) if (!place.includes(c)) place.push(c);

  const stated = statedTime(tokens, published ? published.slice(0, 4) : null);

  // The speaker is the source nearest a speech verb ("X said", "according to X"); officials outrank the media.
  let attribution: string | null = null;
  const speech: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (SPEECH_WORDS.has(tokens[i] ?? '')) speech.push(i);
  if (denyAt >= 0) speech.push(denyAt);
  if (speech.length > 0) {
    let best: { id: string; dist: number; rank: number } | undefined;
    for (const s of sources) {
      let dist = Number.POSITIVE_INFINITY;
      for (const p of speech) dist = Math.min(dist, Math.abs(p - s.at));
      const rank = SOURCES[s.id]?.rank ?? 0;
      const bucket = dist <= 3 ? 0 : dist <= 8 ? 1 : 2;
      if (!best || bucket < best.dist || (bucket === best.dist && rank > best.rank))
        best = { id: s.id, dist: bucket, rank };
    }
    attribution = best?.id ?? null;
  }

  const mainAction = actions[0];
  let modality: Modality = 'asserted';
  const near = mainAction ? modals.filter((m) => m.at < mainAction.at && m.at >= mainAction.at - 5) : [];
  const has = (id: string, list: typeof modals) => list.some((m) => m.id === id);
  if (hedged || has('possible', near)) modality = 'possible';
  else if (has('planned', near)) modality = 'planned';
  else if (has('likely', near) || has('likely', modals)) modality = 'likely';
  else if (has('reported', modals) || attribution) modality = 'reported';
  if (!mainAction && has('possible', modals)) modality = 'possible';

  const actorIds = [...new Set(actors.map((a) => a.id))];
  const frame: ClaimFrame = {
    actor: actorIds.includes('dprk') ? 'dprk' : (actorIds[0] ?? null),
    action: mainAction?.id ?? purposes[0] ?? null,
    theme: themes[0]?.id ?? null,
    quantity: quantities[0] ? { min: quantities[0].min, max: quantities[0].max, text: quantities[0].text } : null,
    place,
    time: stated ?? published,
    attribution,
    polarity,
    modality,
    detail: {
      actions: actions.map((a) => a.id),
      purposes,
      themes: [...new Set(themes.map((t) => t.id))],
      quantities,
      slots: extractSlots(tokens, caps),
      timeStated: stated !== null,
      anaphoric,
    },
  };
  return { frame, actors: actorIds };
}

/** Gives a denial that points back ("Putin denies this") the content of the sentence it refers to. */
export function inheritContent(frame: ClaimFrame, antecedent: ClaimFrame): ClaimFrame {
  const d = frame.detail;
  const a = antecedent.detail;
  if (!d || !a) return frame;
  return {
    ...frame,
    actor: frame.actor ?? antecedent.actor,
    action: antecedent.action ?? frame.action,
    theme: antecedent.theme ?? frame.theme,
    quantity: frame.quantity ?? antecedent.quantity,
    place: frame.place.length > 0 ? frame.place : antecedent.place,
    detail: {
      ...d,
      actions: [...new Set([...a.actions, ...a.purposes, ...d.actions])],
      purposes: [],
      themes: [...new Set([...a.themes, ...d.themes])],
      quantities: d.quantities.length > 0 ? d.quantities : a.quantities,
    },
  };
}
