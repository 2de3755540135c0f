/**
 * Figures tied to what they count: "12,000 men", "hundreds of containers", "a battalion of 3,000". A figure for
 * someone else's troops ("20 Russia-aligned soldiers") or for one unit is a different quantity.
 */
import { activeStory } from '../story/active-story.ts';
import { ACTION_MEASURE, THEME_GROUP } from './lexicon-events.ts';
import type { Positioned } from './matcher.ts';
import { parseQuantities } from './quantity.ts';
import type { QuantityFact } from './types.ts';

/** Measures that can count a theme: troops are deployed or killed, not supplied; shells are supplied, not deployed. */
const MEASURES_FOR: Readonly<Record<string, ReadonlySet<string>>> = {
  personnel: new Set(['force', 'die', 'wound', 'desert', 'capture', 'observe', 'rebuild']),
  labor: new Set(['force', 'rebuild', 'die', 'wound', 'desert']),
  munitions: new Set(['supply', 'produce', 'strike', 'exchange']),
  people: new Set(['force', 'die', 'wound', 'capture', 'observe', 'rebuild']),
};

/** "12,000 men", "several thousand North Korean infantrymen": the counted noun follows closely. */
function closeAfter(tokens: readonly string[], actorAt: ReadonlySet<number>, from: number, t: Positioned): boolean {
  if (t.at < from) return false;
  let gap = 0;
  for (let k = from; k < t.at; k++) if (!actorAt.has(k) && !GAP_FILLERS.has(tokens[k] ?? '')) gap += 1;
  return gap <= 1;
}

export function readQuantities(
  tokens: readonly string[],
  themes: readonly Positioned[],
  actors: readonly Positioned[],
  actions: ReadonlyArray<{ id: string; at: number }>,
): QuantityFact[] {
  const out: QuantityFact[] = [];
  const figures = parseQuantities(tokens);
  if (figures.length === 0) return out;
  const actorAt = new Set<number>();
  for (const a of actors) for (let k = a.at; k < a.end; k++) actorAt.add(k);
  for (const q of figures) {
    // else "a battalion of 3,000", else "the number of deserters has risen to 40"
    const theme =
      themes.find((t) => closeAfter(tokens, actorAt, q.end, t)) ??
      themes.find((t) => t.at >= q.start - 3 && t.at < q.start && tokens[t.at + 1] === 'of') ??
      (q.unit === 'count' && endsPhrase(tokens[q.end])
        ? [...themes].reverse().find((t) => t.at < q.start && t.at >= q.start - 12)
        : undefined);
    if (!theme) continue;
    // "20 Russia-aligned soldiers", "soldiers on the Russian side" count someone else's troops: a different quantity
    const between = actors.filter((a) => a.at >= q.end && a.at < theme.at);
    const after = ['from', 'on'].includes(tokens[theme.end] ?? '')
      ? actors.filter((a) => a.at > theme.end && a.at <= theme.end + 2)
      : [];
    const named = [...between, ...after];
    const { others, subject } = activeStory();
    const group = THEME_GROUP[theme.id] ?? theme.id;
    // people in general belong to no side ("the toll from the Maui fires")
    const owner = group === 'people' ? undefined : named.find((a) => others.has(a.id));
    const themeKey = owner && !named.some((a) => a.id === subject) ? `${theme.id}@${owner.id}` : theme.id;
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
      group === 'personnel' &&
      themes.some(
        (t) =>
          t.id === 'formations' &&
          ((t.at < q.start && t.at >= q.start - 8) || (t.at > q.end && t.at <= q.end + 10 && intoOneUnit(tokens, t))),
      );
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

/** Words after a figure that end what it counts ("the toll reached 93 on Saturday"): a figure so placed counts the
 * theme named before it, not a noun after it. */
const AFTER_COUNT = new Set(['on', 'in', 'as', 'by', 'after', 'since', 'according', 'and', 'with', 'at', 'from']);
function endsPhrase(next: string | undefined): boolean {
  return next === undefined || !/^[a-z]/.test(next) || AFTER_COUNT.has(next);
}

/** "3,000 soldiers are being readied in a separate battalion": a single unit named after the figure, which sizes it. */
function intoOneUnit(tokens: readonly string[], t: Positioned): boolean {
  if ((tokens[t.end - 1] ?? '').endsWith('s')) return false;
  for (let k = Math.max(0, t.at - 3); k < t.at; k++) if (INTO_UNIT.has(tokens[k] ?? '')) return true;
  return false;
}
const INTO_UNIT = new Set(['in', 'into', 'within', 'as', 'form', 'forming', 'formed']);

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
