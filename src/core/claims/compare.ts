/**
 * How two claims relate: similarity of their canonical terms, and the ways they can conflict: a figure for the same
 * quantity that does not overlap; an assertion against a denial of the same proposition; a different holder of a
 * single-valued slot (unit, office, judgement); a different date or place for the same one-off event; "verified"
 * against "could not be verified".
 */
import { activeStory } from '../story/active-story.ts';
import { ACTION_FAMILY, THEME_GROUP } from './lexicon-events.ts';
import { rangesOverlap } from './quantity.ts';
import { slotValuesDiffer } from './slots.ts';
import { periodsCompatible, yearsApart } from './time.ts';
import type { ClaimFrame, QuantityFact } from './types.ts';

const families = (actions: readonly string[]) => new Set(actions.map((a) => ACTION_FAMILY[a] ?? a));
const groups = (themes: readonly string[]) => new Set(themes.map((t) => THEME_GROUP[t] ?? t));

/** Sets derived from a frame, built once per frame object: every candidate is checked several ways. */
interface FrameSets {
  all: Set<string>;
  themes: Set<string>;
  asserted: Set<string>;
  denied: Set<string>;
  /** The most specific places named ('sudzha' rather than 'kursk'), countries aside. */
  leaves: string[];
  /** Families of the actions the frame states (affirmed, else all). */
  stated: Set<string>;
}
const frameSets = new WeakMap<ClaimFrame, FrameSets>();
/**
 * The frame of the sentence being judged: its sets are kept here rather than in the WeakMap, where a short-lived
 * key costs the garbage collector more than the sets save (known claims' frames live long and are keyed there).
 */
let pinned: { frame: ClaimFrame; sets: FrameSets | null } | null = null;

/** Runs `fn` with `frame` (a sentence's) as the pinned frame. */
export function withPinnedFrame<T>(frame: ClaimFrame, fn: () => T): T {
  const outer = pinned;
  pinned = { frame, sets: null };
  try {
    return fn();
  } finally {
    pinned = outer;
  }
}

function computeSets(f: ClaimFrame): FrameSets {
  const d = f.detail;
  return {
    // what the claim is about: its own events, not those it names in passing ("since the troops entered the fighting")
    all: families([...(d?.actions ?? []), ...(d?.purposes ?? [])]),
    themes: groups(d?.themes ?? []),
    asserted: computeAsserted(f),
    denied: computeDenied(f),
    leaves: leaves(f.place),
    stated: families(d?.affirmed ?? d?.actions ?? []),
  };
}

function setsOf(f: ClaimFrame): FrameSets {
  if (pinned && pinned.frame === f) {
    pinned.sets ??= computeSets(f);
    return pinned.sets;
  }
  // the candidate being compared is asked for many times in a row
  if (f === lastFrame && lastSets) return lastSets;
  let v = frameSets.get(f);
  if (!v) {
    v = computeSets(f);
    frameSets.set(f, v);
  }
  lastFrame = f;
  lastSets = v;
  return v;
}
let lastFrame: ClaimFrame | null = null;
let lastSets: FrameSets | null = null;
function intersects<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
const softIntersects = <T>(a: Set<T>, b: Set<T>) => a.size === 0 || b.size === 0 || intersects(a, b);

/** Places named most specifically: those that are no other listed place's parent. */
function leaves(places: readonly string[]): string[] {
  const { countries, placeParent } = activeStory();
  const specific = places.filter((p) => !countries.has(p));
  return specific.filter((p) => !specific.some((q) => q !== p && placeParent[q] === p));
}

/** One claim's place contains or equals the other's ("Sudzha" and "Kursk" agree; "Donetsk" and "Zaporizhzhia" do not). */
export function placesCompatible(a: readonly string[], b: readonly string[]): boolean {
  const la = leaves(a);
  const lb = leaves(b);
  if (la.length === 0 || lb.length === 0) return true;
  return la.some((p) => b.includes(p)) || lb.some((p) => a.includes(p));
}

/** Same actor, or each names the other's actor too ("Putin and Kim signed" / "Kim and Putin signed"). */
function actorsCompatible(a: ClaimFrame, b: ClaimFrame): boolean {
  if (!a.actor || !b.actor || a.actor === b.actor) return true;
  // reading who acts is unsure ("Putin and Kim signed", "a Ukrainian strike killed North Korean officers"), so
  // two frames that each name the other's actor are taken to speak of the same event
  return Boolean(a.detail?.actors?.includes(b.actor) && b.detail?.actors?.includes(a.actor));
}

/** `placesCompatible` for two frames, with each frame's most specific places worked out once. */
function framePlacesCompatible(a: ClaimFrame, b: ClaimFrame): boolean {
  const la = setsOf(a).leaves;
  const lb = setsOf(b).leaves;
  if (la.length === 0 || lb.length === 0) return true;
  for (const p of la) if (b.place.includes(p)) return true;
  for (const p of lb) if (a.place.includes(p)) return true;
  return false;
}

/** Same kind of event about the same kind of thing, leaving place aside. */
function sameEventKind(a: ClaimFrame, b: ClaimFrame): boolean {
  const da = a.detail;
  const db = b.detail;
  if (!da || !db || !actorsCompatible(a, b)) return false;
  if (!softIntersects(setsOf(a).all, setsOf(b).all)) return false;
  return softIntersects(setsOf(a).themes, setsOf(b).themes);
}

/** Same kind of event about the same kind of thing in a compatible place. */
export function sameProposition(a: ClaimFrame, b: ClaimFrame): boolean {
  return sameEventKind(a, b) && framePlacesCompatible(a, b);
}

function sameQuantity(a: QuantityFact, b: QuantityFact): boolean {
  return a.measure === b.measure && a.unit === b.unit && a.theme === b.theme;
}

/** A figure in `a` and one in `b` for the same quantity that cannot both hold. */
export function figureConflict(a: ClaimFrame, b: ClaimFrame): { mine: QuantityFact; theirs: QuantityFact } | null {
  const da = a.detail;
  const db = b.detail;
  if (!da || !db || a.polarity !== 'asserted' || b.polarity !== 'asserted' || !actorsCompatible(a, b)) return null;
  if (!framePlacesCompatible(a, b)) return null;
  if (da.timeStated && db.timeStated && !periodsCompatible(a.time, b.time)) return null;
  // one figure dated years before the other's report ("a tsunami killed 61 people in 1960" beside a fire's toll of
  // 67) counts another event; a report's date alone is when it was written, so only a year apart or more tells
  if (da.timeStated !== db.timeStated && yearsApart(a.time, b.time)) return null;
  // a figure tied to no event (an army's size, "under arms") counts something other than people sent or deployed
  if ((da.actions.length === 0) !== (db.actions.length === 0)) return null;
  for (const qa of da.quantities) {
    for (const qb of db.quantities) if (sameQuantity(qa, qb) && !rangesOverlap(qa, qb)) return { mine: qa, theirs: qb };
  }
  return null;
}

/** Two figures that say the same thing: they overlap and their lower bounds are within a third of each other. */
export function figuresClose(a: QuantityFact, b: QuantityFact): boolean {
  if (!rangesOverlap(a, b)) return false;
  const lo = Math.max(a.min, 1e-9);
  const hi = Math.max(b.min, 1e-9);
  return (
    Math.max(lo, hi) / Math.min(lo, hi) <= 1.5 ||
    (Number.isFinite(a.max) && Number.isFinite(b.max) && a.max - a.min > a.min && b.max - b.min > b.min)
  );
}

/** Whether every figure `a` gives has a close figure for the same quantity in `b`. */
export function figuresRestated(a: ClaimFrame, b: ClaimFrame): boolean {
  const theirs = b.detail?.quantities ?? [];
  for (const qa of a.detail?.quantities ?? []) {
    if (!qa.theme || qa.theme.includes('@')) continue;
    let close = false;
    for (const qb of theirs) {
      if (sameQuantity(qa, qb) && figuresClose(qa, qb)) {
        close = true;
        break;
      }
    }
    if (!close) return false;
  }
  return true;
}

/** Whether a figure in `a` agrees with one for the same quantity in `b`. */
export function figureAgrees(a: ClaimFrame, b: ClaimFrame): boolean {
  for (const qa of a.detail?.quantities ?? []) {
    for (const qb of b.detail?.quantities ?? []) if (sameQuantity(qa, qb) && rangesOverlap(qa, qb)) return true;
  }
  return false;
}

function assertedFamilies(f: ClaimFrame): Set<string> {
  return setsOf(f).asserted;
}

function deniedFamilies(f: ClaimFrame): Set<string> {
  return setsOf(f).denied;
}

function computeAsserted(f: ClaimFrame): Set<string> {
  const d = f.detail;
  if (!d || f.modality === 'possible') return new Set();
  if (d.affirmed) return families(d.affirmed);
  const denied = new Set(d.denied ?? []);
  if (f.polarity === 'denied' && denied.size === 0) return new Set();
  return families(d.actions.filter((a) => !denied.has(a)));
}

function computeDenied(f: ClaimFrame): Set<string> {
  const d = f.detail;
  if (!d) return new Set();
  if ((d.denied ?? []).length > 0) return families(d.denied ?? []);
  return f.polarity === 'denied' ? families([...d.actions, ...d.purposes]) : new Set();
}

const GENERIC_THEMES = new Set(['troops', 'formations', 'weapons']);

function allGeneric(x: readonly string[]): boolean {
  return x.every((t) => GENERIC_THEMES.has(t));
}

/** The same things: a shared theme, or one side speaks only generically ("troops", "weapons") of the other's group. */
function themesMatch(fa: ClaimFrame, fb: ClaimFrame): boolean {
  const a = fa.detail?.themes ?? [];
  const b = fb.detail?.themes ?? [];
  if (a.length === 0 || b.length === 0) return true;
  for (const t of a) if (b.includes(t)) return true;
  return (allGeneric(a) || allGeneric(b)) && intersects(setsOf(fa).themes, setsOf(fb).themes);
}

/** One asserts what the other denies; the asserted side must state it, not only name it as a purpose or possibility. */
export function polarityConflict(a: ClaimFrame, b: ClaimFrame): boolean {
  return polaritySide(a, b) !== null;
}

/** Which side of a polarity conflict `a` takes: it asserts what `b` denies, or denies what `b` asserts. */
export function polaritySide(a: ClaimFrame, b: ClaimFrame): 'asserts' | 'denies' | null {
  if (!a.detail || !b.detail || !actorsCompatible(a, b) || !framePlacesCompatible(a, b)) return null;
  if (!themesMatch(a, b)) return null;
  if (intersects(assertedFamilies(a), deniedFamilies(b))) return 'asserts';
  if (intersects(deniedFamilies(a), assertedFamilies(b))) return 'denies';
  return themeOnlyConflict(a, b);
}

/** A denial that names only a thing ("nothing like a military alliance") against its assertion. */
function themeOnlyConflict(a: ClaimFrame, b: ClaimFrame): 'asserts' | 'denies' | null {
  if (a.polarity === 'denied' && deniesThingOf(a, b)) return 'denies';
  if (b.polarity === 'denied' && deniesThingOf(b, a)) return 'asserts';
  return null;
}

function deniesThingOf(x: ClaimFrame, y: ClaimFrame): boolean {
  if (deniedFamilies(x).size > 0 || y.polarity !== 'asserted' || y.modality === 'possible') return false;
  const theirs = y.detail?.themes ?? [];
  const unsaid = y.detail?.deniedThemes ?? [];
  return (x.detail?.deniedThemes ?? []).some(
    (t) => !GENERIC_THEMES.has(t) && theirs.includes(t) && !unsaid.includes(t),
  );
}

/** A slot both name with different values: the host brigade, an office holder, a judgement. */
export function slotConflict(a: ClaimFrame, b: ClaimFrame): { slot: string; mine: string; theirs: string } | null {
  const sa = a.detail?.slots;
  const sb = b.detail?.slots;
  if (!sa || !sb) return null;
  for (const slot in sa) {
    const mine = sa[slot] as string;
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

/** Both state the same kind of event as a fact (not a possibility), whatever else they deny. */
function isForecast(f: ClaimFrame): boolean {
  return f.modality === 'possible' || f.modality === 'planned' || f.modality === 'likely';
}

function stated(f: ClaimFrame): Set<string> {
  return setsOf(f).stated;
}

function sameStatedEvent(a: ClaimFrame, b: ClaimFrame): boolean {
  // a forecast can only be compared with another forecast
  if ((a.modality === 'possible' || b.modality === 'possible') && !(isForecast(a) && isForecast(b))) return false;
  if (!actorsCompatible(a, b)) return false;
  const fa = stated(a);
  const fb = stated(b);
  if (fa.size === 0 || fb.size === 0 || !intersects(fa, fb)) return false;
  return softIntersects(setsOf(a).themes, setsOf(b).themes);
}

/** The same event dated differently ("signed on June 29" vs "June 19"). */
export function timeConflict(a: ClaimFrame, b: ClaimFrame): boolean {
  if (!a.detail?.timeStated || !b.detail?.timeStated) return false;
  return !periodsCompatible(a.time, b.time) && sameStatedEvent(a, b) && framePlacesCompatible(a, b);
}

/** The same event placed elsewhere ("near Zaporizhzhia" vs "near Donetsk"). */
export function placeConflict(a: ClaimFrame, b: ClaimFrame): boolean {
  if (framePlacesCompatible(a, b)) return false;
  // the same figure placed elsewhere is the same event even when either side hedges it
  return (
    sameStatedEvent(a, b) || (figuresRestated(a, b) && (a.detail?.quantities.length ?? 0) > 0 && sameEventKind(a, b))
  );
}

/** "verified as authentic" against "could not be verified". */
export function certaintyConflict(a: ClaimFrame, b: ClaimFrame): boolean {
  const ha = a.detail?.hedged === true;
  const hb = b.detail?.hedged === true;
  const ca = a.detail?.confirmed === true;
  const cb = b.detail?.confirmed === true;
  return ((ha && cb) || (ca && hb)) && sameProposition(a, b);
}

export function sameSide(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  const { sources } = activeStory();
  return a === b || sources[a]?.side === sources[b]?.side;
}

/** What two frames share and where their polarities cross, as plain flags for the learned judgement. */
export interface FrameOverlap {
  /** `a` asserts an action that `b` denies. */
  assertsDenied: boolean;
  /** `a` denies an action that `b` asserts. */
  deniesAsserted: boolean;
  sharedAction: boolean;
  sharedTheme: boolean;
  sharedActor: boolean;
  sharedPlace: boolean;
  figuresAgree: boolean;
}

export function frameOverlap(a: ClaimFrame, b: ClaimFrame): FrameOverlap {
  const sa = setsOf(a);
  const sb = setsOf(b);
  const actorsA = a.detail?.actors ?? (a.actor ? [a.actor] : []);
  const actorsB = new Set(b.detail?.actors ?? (b.actor ? [b.actor] : []));
  return {
    assertsDenied: intersects(sa.asserted, sb.denied),
    deniesAsserted: intersects(sa.denied, sb.asserted),
    sharedAction: intersects(sa.all, sb.all),
    sharedTheme: intersects(sa.themes, sb.themes),
    sharedActor: actorsA.some((x) => actorsB.has(x)),
    sharedPlace: sa.leaves.some((p) => sb.leaves.includes(p)),
    figuresAgree: figureAgrees(a, b),
  };
}
