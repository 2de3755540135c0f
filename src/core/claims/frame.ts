/**
 * Reads a claim frame from one sentence's tokens and lexicon hits: actor, actions, themes, figures, place, time,
 * attribution, polarity and modality.
 */
import { PLACE_PARENT, SOURCES } from './lexicon-entities.ts';
import { ACTION_MEASURE, MATERIEL_THEMES, PERSONNEL_THEMES, SPEECH_WORDS, THEME_GROUP } from './lexicon-events.ts';
import type { Hit } from './matcher.ts';
import { inScopes, readDenial } from './polarity.ts';
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
const UNIT_NOUNS = new Set(['brigade', 'battalion', 'regiment', 'division', 'corps', 'brigades', 'battalions']);
const FOREIGN_ACTORS = new Set(['russia', 'ukraine', 'us', 'south_korea']);
const MODAL_BEFORE_PURPOSE = new Set([
  'may',
  'could',
  'will',
  'would',
  'can',
  'might',
  'expected',
  'likely',
  'set',
  'going',
  'about',
  'must',
  'should',
  'ready',
  'prepared',
  'willing',
  'able',
  'due',
  'poised',
]);

interface Positioned {
  id: string;
  at: number;
  end: number;
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

function collect(tokens: readonly string[], hits: readonly Hit[]) {
  const by = {
    actor: [] as Positioned[],
    action: [] as Positioned[],
    theme: [] as Positioned[],
    source: [] as Positioned[],
    modal: [] as Positioned[],
    evals: [] as Positioned[],
  };
  const places: string[] = [];
  const placeStarts = new Set<number>();
  const actorAt = new Set<number>();
  let ruledOutEnd = -1;
  for (const h of hits) {
    if (h.tags.some((t) => t.kind === 'actor')) for (let k = h.start; k < h.end; k++) actorAt.add(k);
    if (h.tags.some((t) => t.kind === 'place')) placeStarts.add(h.start);
    for (const t of h.tags) {
      const p = { id: t.id, at: h.start, end: h.end };
      if (t.kind === 'actor') {
        by.actor.push(p);
        if ((t.id === 'russia' || t.id === 'ukraine') && LOCATIVE.has(tokens[h.start - 1] ?? '')) places.push(t.id);
      } else if (t.kind === 'action') {
        // "the 11th airborne assault brigade" names a unit, not an assault
        if (!UNIT_NOUNS.has(tokens[h.end] ?? '') && !UNIT_NOUNS.has(tokens[h.end + 1] ?? '')) by.action.push(p);
      } else if (t.kind === 'theme') by.theme.push(p);
      else if (t.kind === 'place') {
        // "far from Sudzha and Kursk", "rather than Kursk": a place ruled out is not where it happens
        const lead = `${tokens[h.start - 2] ?? ''} ${tokens[h.start - 1] ?? ''}`;
        const coordinated =
          (tokens[h.start - 1] === 'and' || tokens[h.start - 1] === 'or') && ruledOutEnd === h.start - 1;
        if (/\b(far from|rather than|instead of|away from|not in|not to|not near)$/.test(lead) || coordinated)
          ruledOutEnd = h.end;
        else places.push(t.id);
      } else if (t.kind === 'source') by.source.push(p);
      else if (t.kind === 'modal') by.modal.push(p);
      else if (t.kind === 'eval') by.evals.push(p);
    }
  }
  return { ...by, places, placeStarts, actorAt };
}

/** "send" names a deployment when people follow it and a supply when materiel does. */
function resolveAction(a: Positioned, themes: readonly Positioned[]): string | null {
  if (a.id !== 'transfer') return a.id;
  const after = themes.find((t) => t.at >= a.end && t.at <= a.end + 10);
  const before = [...themes].reverse().find((t) => t.at < a.at && t.at >= a.at - 8);
  const theme = after ?? before;
  if (!theme) return null;
  if (MATERIEL_THEMES.has(theme.id)) return 'supply';
  // "sent the Duma a bill": neither people nor materiel, so not an event of this story
  return PERSONNEL_THEMES.has(theme.id) ? 'deploy' : null;
}

function isPurpose(tokens: readonly string[], at: number): boolean {
  const prev = tokens[at - 1] ?? '';
  const purpose = prev === 'to' || (prev === 'be' && tokens[at - 2] === 'to');
  if (!purpose) return false;
  const lead = prev === 'to' ? tokens[at - 2] : tokens[at - 3];
  return !MODAL_BEFORE_PURPOSE.has(lead ?? '');
}

/** Measures that can count a theme: troops are deployed or killed, not supplied; shells are supplied, not deployed. */
const MEASURES_FOR: Readonly<Record<string, ReadonlySet<string>>> = {
  personnel: new Set(['force', 'die', 'wound', 'desert', 'capture', 'observe', 'rebuild']),
  labor: new Set(['force', 'rebuild', 'die', 'wound', 'desert']),
  munitions: new Set(['supply', 'produce', 'strike', 'exchange']),
};

/** "12,000 men", "several thousand North Korean infantrymen": the counted noun follows closely. */
function closeAfter(tokens: readonly string[], actorAt: ReadonlySet<number>, from: number, t: Positioned): boolean {
  if (t.at < from) return false;
  let gap = 0;
  for (let k = from; k < t.at; k++) if (!actorAt.has(k) && !GAP_FILLERS.has(tokens[k] ?? '')) gap += 1;
  return gap <= 1;
}

function readQuantities(
  tokens: readonly string[],
  themes: readonly Positioned[],
  actors: readonly Positioned[],
  actions: ReadonlyArray<{ id: string; at: number }>,
): QuantityFact[] {
  const out: QuantityFact[] = [];
  const actorAt = new Set<number>();
  for (const a of actors) for (let k = a.at; k < a.end; k++) actorAt.add(k);
  for (const q of parseQuantities(tokens)) {
    // else "a battalion of 3,000", else "the number of deserters has risen to 40"
    const theme =
      themes.find((t) => closeAfter(tokens, actorAt, q.end, t)) ??
      themes.find((t) => t.at >= q.start - 3 && t.at < q.start && tokens[t.at + 1] === 'of') ??
      (q.unit === 'count' && !/^[a-z]/.test(tokens[q.end] ?? '')
        ? [...themes].reverse().find((t) => t.at < q.start && t.at >= q.start - 12)
        : undefined);
    if (!theme) continue;
    // "20 Russia-aligned soldiers", "soldiers on the Russian side" count someone else's troops: a different quantity
    const between = actors.filter((a) => a.at >= q.end && a.at < theme.at);
    const after = ['from', 'on'].includes(tokens[theme.end] ?? '')
      ? actors.filter((a) => a.at > theme.end && a.at <= theme.end + 2)
      : [];
    const named = [...between, ...after];
    const owner = named.find((a) => FOREIGN_ACTORS.has(a.id));
    const themeKey = owner && !named.some((a) => a.id === 'dprk') ? `${theme.id}@${owner.id}` : theme.id;
    const group = THEME_GROUP[theme.id] ?? theme.id;
    const fits = MEASURES_FOR[group];
    let nearest: { id: string; at: number } | undefined;
    for (const a of actions) {
      const m = ACTION_MEASURE[a.id] ?? a.id;
      if (fits && !fits.has(m)) continue;
      if (!nearest || Math.abs(a.at - q.start) < Math.abs(nearest.at - q.start)) nearest = a;
    }
    // a share ("half of all the shells") is a share of the thing, whatever verb carries it
    const fallback = group === 'munitions' ? 'supply' : 'force';
    // "a battalion of 3,000", "the battalion will include up to 3,000": the size of one unit, not of the whole force
    const ofUnit =
      group === 'personnel' && themes.some((t) => t.id === 'formations' && t.at < q.start && t.at >= q.start - 8);
    const measure =
      q.unit === 'share'
        ? 'share'
        : ofUnit
          ? 'unit_size'
          : nearest
            ? (ACTION_MEASURE[nearest.id] ?? nearest.id)
            : fallback;
    out.push({ min: q.min, max: q.max, text: q.text, theme: themeKey, measure, unit: q.unit });
  }
  return out;
}

const GAP_FILLERS = new Set([
  'of',
  'the',
  'all',
  'these',
  'those',
  'its',
  'their',
  'new',
  'more',
  'additional',
  'other',
]);
const OBJECT_PREPOSITIONS = new Set([
  'in',
  'into',
  'to',
  'near',
  'from',
  'with',
  'alongside',
  'against',
  'for',
  'of',
  'at',
  'inside',
  'within',
  'across',
  'toward',
  'towards',
  'on',
  'beside',
]);
const ADVERBS = new Set([
  'now',
  'already',
  'still',
  'currently',
  'also',
  'reportedly',
  'allegedly',
  'apparently',
  'actively',
  'undergoing',
]);
const COPULAS = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'remain',
  'remains',
  'remained',
  'stay',
  'stayed',
]);
const NOMINAL = /(ment|ments|al|als|ance|ence|ion|ions|ies|ery|eries)$/;
const BACKGROUND_PREV = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'his',
  'her',
  'of',
  'over',
  'after',
  'since',
  'following',
  'amid',
  'in',
  'for',
  'before',
  'against',
  'about',
  'without',
]);

/**
 * An action named in passing is background, not what the sentence asserts: a noun after a determiner or preposition
 * ("over the deployment", "in fighting") or a participle qualifying a noun ("each soldier sent to Russia").
 */
function isBackground(
  tokens: readonly string[],
  a: Positioned,
  themes: readonly Positioned[],
  actorAt: ReadonlySet<number>,
): boolean {
  // "are in training" states it; "killed in fighting" names it in passing
  if (BACKGROUND_PREV.has(tokens[a.at - 1] ?? '')) {
    let k = a.at - 2;
    while (k >= 0 && ADVERBS.has(tokens[k] ?? '')) k -= 1;
    if (!COPULAS.has(tokens[k] ?? '')) return true;
  }
  const word = tokens[a.at] ?? '';
  // "the North Korean deployment": a noun after its determiner, past any nationality words
  if (NOMINAL.test(word)) {
    let k = a.at - 1;
    while (k >= 0 && actorAt.has(k)) k -= 1;
    if (BACKGROUND_PREV.has(tokens[k] ?? '')) return true;
  }
  // "ahead of being sent", "before joining the fight": an event still to come, not the news
  const lead = tokens.slice(Math.max(0, a.at - 3), a.at);
  if (lead.includes('ahead') || lead.includes('before') || lead.includes('until') || lead.includes('prior'))
    return true;
  const participle = /ed$/.test(word) || word === 'sent' || word === 'fought' || word === 'brought';
  return (
    participle &&
    themes.some((t) => t.end === a.at) &&
    !/^(is|are|was|were|been|being|be|have|has|had|get|got)$/.test(tokens[a.at - 2] ?? '')
  );
}

function ownsPersonnel(actors: readonly Positioned[], themes: readonly Positioned[]): boolean {
  return themes.some(
    (t) => PERSONNEL_THEMES.has(t.id) && actors.some((a) => a.id === 'dprk' && (a.end === t.at || a.end === t.at - 1)),
  );
}

function has(id: string, list: readonly Positioned[]): boolean {
  for (const m of list) if (m.id === id) return true;
  return false;
}

/** Who does the main action: the nearest actor before it in the sentence. */
function subjectOf(
  tokens: readonly string[],
  actors: readonly Positioned[],
  placeStarts: ReadonlySet<number>,
  at: number,
  speakers: ReadonlySet<number>,
): string | null {
  let best: Positioned | undefined;
  for (const a of actors) {
    // "in Russia", "alongside Russian forces", "Russia's Kursk region" name a place or a partner, not who acts
    if (OBJECT_PREPOSITIONS.has(tokens[a.at - 1] ?? '') || placeStarts.has(a.end) || speakers.has(a.at)) continue;
    if (a.at < at && at - a.at <= 8 && (!best || a.at > best.at)) best = a;
  }
  return best?.id ?? null;
}

const ACTIVE_SPEECH = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'claimed',
  'claims',
  'denied',
  'denies',
  'deny',
  'announced',
  'stated',
  'insisted',
  'insists',
  'accused',
  'warned',
  'reported',
  'confirmed',
  'acknowledged',
  'admitted',
  'dismissed',
  'rejected',
  'called',
  'added',
  'argued',
  'maintains',
  'maintained',
]);

function speaksAfter(tokens: readonly string[], from: number): boolean {
  for (let k = from; k < from + 4 && k < tokens.length; k++) if (ACTIVE_SPEECH.has(tokens[k] ?? '')) return true;
  return false;
}

/** The speaker: the source nearest a speech verb ("X said", "according to X"), not one inside the reported clause. */
function readAttribution(
  tokens: readonly string[],
  sources: readonly Positioned[],
  extraSpeech: number,
): string | null {
  const speech: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (SPEECH_WORDS.has(tokens[i] ?? '')) speech.push(i);
  if (extraSpeech >= 0) speech.push(extraSpeech);
  if (speech.length === 0) return null;
  let best: { id: string; score: number } | undefined;
  for (const s of sources) {
    let dist = Number.POSITIVE_INFINITY;
    let inClause = false;
    for (const p of speech) {
      const d = s.at >= p ? s.at - p : p - (s.end - 1);
      if (d < dist) dist = d;
      if (s.at > p && tokens.slice(p, s.at).includes('that')) inClause = true;
    }
    // a name far from any speech verb (inside a quotation, say) is not who speaks
    if (inClause || dist > 8) continue;
    // a bare country ("North Korea is believed to …", "Russia has …") speaks only as the subject of a speech verb
    if ((SOURCES[s.id]?.rank ?? 0) <= 1 && !speaksAfter(tokens, s.end)) continue;
    const bucket = dist <= 3 ? 0 : 1;
    const score = bucket * 5 - (SOURCES[s.id]?.rank ?? 0);
    if (!best || score < best.score) best = { id: s.id, score };
  }
  return best?.id ?? null;
}

export function extractFrame(
  tokens: readonly string[],
  caps: readonly boolean[],
  hits: readonly Hit[],
  published: string | null,
): FrameReading {
  const c = collect(tokens, hits);
  const denial = readDenial(tokens, hits);
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
  main ??= core[0];
  const firstScope = denial.scopes[0];
  const polarity =
    denial.cueAt >= 0 &&
    (affirmed.length === 0 ||
      (firstScope !== undefined && (firstScope[0] <= (main?.at ?? 0) || inScopes(denial.scopes, main?.at ?? -1))))
      ? 'denied'
      : 'asserted';
  const deniedThemes = [...new Set(c.theme.filter((t) => inScopes(denial.scopes, t.at)).map((t) => t.id))];

  const quantities = readQuantities(tokens, c.theme, c.actor, core);
  const placeIds = [...new Set(c.places)].sort((a, b) => placeChain(b).length - placeChain(a).length);
  const place: string[] = [];
  for (const p of placeIds) for (const x of placeChain(p)) if (!place.includes(x)) place.push(x);
  const stated = statedTime(tokens, published ? published.slice(0, 4) : null);
  const attribution = readAttribution(tokens, c.source, denial.cueAt);

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

  const actorIds = [...new Set(c.actor.map((a) => a.id))];
  const frame: ClaimFrame = {
    // North Korean soldiers killed, trained or captured make North Korea the actor whoever else acts on them;
    // otherwise the subject of the main action, never the speaker ("Washington says …")
    actor:
      (ownsPersonnel(c.actor, c.theme) ? 'dprk' : null) ??
      subjectOf(
        tokens,
        c.actor,
        c.placeStarts,
        main?.at ?? -1,
        new Set(c.source.filter((x) => x.id === attribution).map((x) => x.at)),
      ) ??
      (actorIds.includes('dprk') ? 'dprk' : null),
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
      themes: [...new Set(c.theme.map((t) => t.id))],
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
