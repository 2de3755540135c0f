/**
 * How two claims relate: similarity of their canonical terms, and the three ways they can conflict (a figure for the
 * same quantity that does not overlap, an assertion against a denial of the same proposition, a different holder of
 * a single-valued slot).
 */
import { SOURCES } from './lexicon-entities.ts';
import { ACTION_FAMILY, THEME_GROUP } from './lexicon-events.ts';
import { rangesOverlap } from './quantity.ts';
import { slotValuesDiffer } from './slots.ts';
import { COMMON } from './terms.ts';
import { periodsCompatible } from './time.ts';
import type { ClaimFrame, QuantityFact } from './types.ts';

const COUNTRIES = new Set(['russia', 'ukraine', 'dprk_territory']);

function termWeight(t: string): number {
  switch (t.charCodeAt(0)) {
    case 97: // a:
      return 3;
    case 116: // t:
      return 2;
    case 112: // p:
      return COUNTRIES.has(t.slice(2)) ? 0.3 : 1;
    case 120: // x:
      return t === 'x:dprk' ? 0.2 : 0.4;
    case 110: // n:
      return 2;
    default:
      return COMMON.has(t.slice(2)) ? 0.3 : 1;
  }
}

/** Weighted overlap, mostly how much of the new sentence the known claim covers. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const setB = new Set(b);
  let shared = 0;
  let wa = 0;
  for (const t of a) {
    const w = termWeight(t);
    wa += w;
    if (setB.has(t)) shared += w;
  }
  let wb = 0;
  for (const t of b) wb += termWeight(t);
  const cover = shared / wa;
  const dice = (2 * shared) / (wa + wb);
  return 0.7 * cover + 0.3 * dice;
}

const families = (actions: readonly string[]) => new Set(actions.map((a) => ACTION_FAMILY[a] ?? a));
const groups = (themes: readonly string[]) => new Set(themes.map((t) => THEME_GROUP[t] ?? t));
const intersects = <T>(a: Set<T>, b: Set<T>) => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

export function placesCompatible(a: readonly string[], b: readonly string[]): boolean {
  const sa = a.filter((p) => !COUNTRIES.has(p));
  const sb = b.filter((p) => !COUNTRIES.has(p));
  if (sa.length === 0 || sb.length === 0) return true;
  const setB = new Set(sb);
  return sa.some((p) => setB.has(p));
}

function actorsCompatible(a: ClaimFrame, b: ClaimFrame): boolean {
  return !a.actor || !b.actor || a.actor === b.actor;
}

/** Same kind of event about the same kind of thing (actions of one family, themes of one group). */
export function sameProposition(a: ClaimFrame, b: ClaimFrame): boolean {
  const da = a.detail;
  const db = b.detail;
  if (!da || !db || !actorsCompatible(a, b)) return false;
  const fa = families([...da.actions, ...da.purposes]);
  const fb = families([...db.actions, ...db.purposes]);
  if (fa.size > 0 && fb.size > 0 && !intersects(fa, fb)) return false;
  const ga = groups(da.themes);
  const gb = groups(db.themes);
  if (ga.size > 0 && gb.size > 0 && !intersects(ga, gb)) return false;
  return placesCompatible(a.place, b.place);
}

export interface FigureConflict {
  mine: QuantityFact;
  theirs: QuantityFact;
}

function sameQuantity(a: QuantityFact, b: QuantityFact): boolean {
  return a.measure === b.measure && a.unit === b.unit && a.theme === b.theme;
}

/** A figure in `a` and one in `b` for the same quantity that cannot both hold. */
export function figureConflict(a: ClaimFrame, b: ClaimFrame): FigureConflict | null {
  const da = a.detail;
  const db = b.detail;
  if (!da || !db || a.polarity !== 'asserted' || b.polarity !== 'asserted' || !actorsCompatible(a, b)) return null;
  if (!placesCompatible(a.place, b.place)) return null;
  if (da.timeStated && db.timeStated && !periodsCompatible(a.time, b.time)) return null;
  for (const qa of da.quantities) {
    for (const qb of db.quantities) {
      if (sameQuantity(qa, qb) && !rangesOverlap(qa, qb)) return { mine: qa, theirs: qb };
    }
  }
  return null;
}

/** Whether a figure in `a` agrees with one for the same quantity in `b`. */
export function figureAgrees(a: ClaimFrame, b: ClaimFrame): boolean {
  for (const qa of a.detail?.quantities ?? []) {
    for (const qb of b.detail?.quantities ?? []) if (sameQuantity(qa, qb) && rangesOverlap(qa, qb)) return true;
  }
  return false;
}

/** One asserts what the other denies. The asserted side must state it, not just name it as a purpose or a possibility. */
export function polarityConflict(a: ClaimFrame, b: ClaimFrame): boolean {
  if (a.polarity === b.polarity || !a.detail || !b.detail) return false;
  const asserted = a.polarity === 'asserted' ? a : b;
  const denied = a.polarity === 'asserted' ? b : a;
  if (asserted.modality === 'possible' || asserted.modality === 'planned') return false;
  if (!actorsCompatible(a, b)) return false;
  const fa = families(asserted.detail?.actions ?? []);
  const fd = families([...(denied.detail?.actions ?? []), ...(denied.detail?.purposes ?? [])]);
  if (fa.size === 0 || fd.size === 0 || !intersects(fa, fd)) return false;
  const ga = groups(asserted.detail?.themes ?? []);
  const gd = groups(denied.detail?.themes ?? []);
  if (ga.size > 0 && gd.size > 0 && !intersects(ga, gd)) return false;
  return placesCompatible(a.place, b.place);
}

/** A slot both name with different values, e.g. the brigade or the defence minister. */
export function slotConflict(a: ClaimFrame, b: ClaimFrame): { slot: string; mine: string; theirs: string } | null {
  const sa = a.detail?.slots ?? {};
  const sb = b.detail?.slots ?? {};
  for (const [slot, mine] of Object.entries(sa)) {
    const theirs = sb[slot];
    if (theirs !== undefined && mine && theirs && slotValuesDiffer(slot, mine, theirs)) return { slot, mine, theirs };
  }
  return null;
}

export function slotAgrees(a: ClaimFrame, b: ClaimFrame, slot: string): boolean {
  const va = a.detail?.slots[slot];
  const vb = b.detail?.slots[slot];
  return va !== undefined && vb !== undefined && !slotValuesDiffer(slot, va, vb);
}

export function sameSide(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a === b || SOURCES[a]?.side === SOURCES[b]?.side;
}
