/**
 * What the engine knows of one story that general English cannot tell it: who acts (with their aliases), where
 * (with what contains each place), who speaks for which side, and which actor the story follows. It is data, read
 * from the seeds folder's story file (`story.yml`) and stored with the claims it was built with; generic cues
 * (reporting verbs, denial, hedges, figures, dates) stay in code.
 */
import { z } from 'zod';
import { ACTION_PHRASES, THEME_PHRASES } from '../claims/lexicon-events.ts';
import { wordInfo } from '../claims/words.ts';

const phrases = z.array(z.string().trim().min(1)).default([]);

const actorSchema = z.strictObject({
  /** How a reason names the actor ("North Korea" for `dprk`). */
  name: z.string().trim().min(1).optional(),
  phrases,
  /** Words before an office that say whose office it is ("South Korean" in "South Korean defence minister"). */
  office_prefixes: phrases,
});

const placeSchema = z.strictObject({
  /** The place that contains it; none for a country. */
  parent: z.string().trim().min(1).nullable().default(null),
  phrases,
});

const sourceSchema = z.strictObject({
  label: z.string().trim().min(1),
  /** An actor's id, or a side of its own (media, analysts). */
  side: z.string().trim().min(1),
  /** Officials (3) outrank those who quote them (1) when both are named. */
  rank: z.number().int().min(0).max(9),
  /** Its name alone puts a sentence in the story's theatre (a war-tracking think tank). */
  theatre: z.boolean().default(false),
  phrases,
});

export const storySchema = z
  .strictObject({
    /** What the story is about, said when a sentence is off topic ("not about …"). */
    topic: z.string().trim().min(1),
    /** The actor whose actions the story follows. */
    subject: z.string().trim().min(1),
    /** The parties to the conflict the story sits in: naming one puts a sentence in its theatre. */
    theatre: z.array(z.string().trim().min(1)).default([]),
    /** Words found in nearly every sentence of the story: shared, but weak evidence that two claims are one. */
    common_words: z.array(z.string().trim().min(1)).default([]),
    /** The story's own words (its themes: "wildfire", "drone"), with a place or an actor putting a sentence in the
     * story; read from the seeds when the file leaves them out (see topic-words.ts). */
    topic_words: z.array(z.string().trim().min(1)).optional(),
    /** The seeds' words (the engine's word keys), and the share of a seed sentence's words the other seeds use:
     * read from the seeds at build (topic-words.ts); a sentence worded mostly in the seeds' words is likely on topic. */
    seed_vocabulary: z.object({ words: z.array(z.string().min(1)), share: z.number().min(0).max(1) }).optional(),
    /** Labelled sets (claims.md format) of the story's real reporting, as paths from the story file's folder: the
     * learned judgement weighs what the nearest of them say (learned/examples.ts). */
    examples: z.array(z.string().trim().min(1)).default([]),
    actors: z.record(z.string(), actorSchema),
    places: z.record(z.string(), placeSchema).default({}),
    sources: z.record(z.string(), sourceSchema).default({}),
    /** More phrases for the engine's themes ("missiles": a missile's name) and actions, and denials in the story's words. */
    themes: z.record(z.string(), phrases).default({}),
    actions: z.record(z.string(), phrases).default({}),
    denials: phrases,
  })
  .superRefine((s, ctx) => {
    const actor = (id: string, path: (string | number)[]) => {
      if (!(id in s.actors)) ctx.addIssue({ code: 'custom', path, message: `"${id}" is not one of the actors` });
    };
    actor(s.subject, ['subject']);
    for (const [k, id] of s.theatre.entries()) actor(id, ['theatre', k]);
    // themes and actions extend the engine's own: a story file cannot invent what the rules do not know
    for (const [field, known] of [
      ['themes', THEME_PHRASES],
      ['actions', ACTION_PHRASES],
    ] as const) {
      for (const id of Object.keys(s[field])) {
        if (!(id in known)) {
          const list = Object.keys(known).join(', ');
          ctx.addIssue({ code: 'custom', path: [field, id], message: `not one of the engine's ${field} (${list})` });
        }
      }
    }
    for (const [id, p] of Object.entries(s.places)) {
      if (p.parent !== null && !(p.parent in s.places)) {
        ctx.addIssue({
          code: 'custom',
          path: ['places', id, 'parent'],
          message: `"${p.parent}" is not one of the places`,
        });
      }
      // a parent chain must end at a country, or the engine would walk it forever
      const seen = new Set([id]);
      for (let cur = p.parent; cur !== null && cur in s.places; cur = s.places[cur]?.parent ?? null) {
        if (seen.has(cur)) {
          ctx.addIssue({
            code: 'custom',
            path: ['places', id, 'parent'],
            message: 'places contain each other in a loop',
          });
          break;
        }
        seen.add(cur);
      }
    }
  });

export type StoryData = z.output<typeof storySchema>;

export interface SourceInfo {
  label: string;
  side: string;
  rank: number;
  theatre: boolean;
}

/** A story ready for the engine: the file's data and the sets the engine asks of it on every sentence. */
export interface Story {
  data: StoryData;
  subject: string;
  theatre: ReadonlySet<string>;
  commonWords: ReadonlySet<string>;
  /** The story's own words as the engine's terms ("w:" + stem), looked up by a word's term. */
  topicWords: ReadonlySet<string>;
  /** The seeds' word keys (bagOfWords), and how much of a seed sentence the other seeds' words cover (0: unknown). */
  seedWords: ReadonlySet<string>;
  seedShare: number;
  /** One-word names of the theatre's parties ("Russian"): a unit's description drops them. */
  theatreWords: ReadonlySet<string>;
  /** Actors other than the subject: a figure they own counts someone else's people. */
  others: ReadonlySet<string>;
  actorPhrases: Readonly<Record<string, readonly string[]>>;
  placePhrases: Readonly<Record<string, readonly string[]>>;
  sourcePhrases: Readonly<Record<string, readonly string[]>>;
  placeParent: Readonly<Record<string, string | null>>;
  /** Places with no parent: too broad to tell two events apart. */
  countries: ReadonlySet<string>;
  sources: Readonly<Record<string, SourceInfo>>;
  themePhrases: Readonly<Record<string, readonly string[]>>;
  actionPhrases: Readonly<Record<string, readonly string[]>>;
  denialPhrases: readonly string[];
  /** Words after which a number is a name, not a count: a country ("Russia 24") or a designation's first word ("KN-23"). */
  beforeNameNumbers: ReadonlySet<string>;
  /** Office prefixes as tokens, with the actor they name. */
  officePrefixes: ReadonlyArray<readonly [readonly string[], string]>;
  actorName(id: string): string;
}

/** Lower case, hyphens split, possessive 's dropped: phrases written as the engine's tokens. */
export function phraseTokens(p: string): string {
  return p
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word as the engine's term, so "troops" in a file matches "troop" in a sentence; '' for a stop word. */
const topicTerm = (w: string) => wordInfo(w).term;

const tokenized = (list: readonly string[]) => list.map(phraseTokens).filter((p) => p.length > 0);
const mapValues = <T, U>(o: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

export function compileStory(data: StoryData): Story {
  const placeParent = mapValues(data.places, (p) => p.parent);
  const countries = new Set(Object.keys(placeParent).filter((p) => placeParent[p] === null));
  const designations = Object.values(data.themes).flatMap((list) =>
    tokenized(list).flatMap((p) => {
      const toks = p.split(' ');
      return toks.length > 1 && /^\d/.test(toks[toks.length - 1] ?? '') ? [toks[0] as string] : [];
    }),
  );
  return {
    data,
    subject: data.subject,
    theatre: new Set(data.theatre),
    commonWords: new Set(tokenized(data.common_words)),
    seedWords: new Set(data.seed_vocabulary?.words ?? []),
    seedShare: data.seed_vocabulary?.share ?? 0,
    topicWords: new Set(
      (data.topic_words ?? [])
        .flatMap((w) => tokenized([w]).flatMap((p) => p.split(' ').map(topicTerm)))
        .filter((t) => t !== ''),
    ),
    theatreWords: new Set(
      data.theatre.flatMap((id) => tokenized(data.actors[id]?.office_prefixes ?? [])).filter((p) => !p.includes(' ')),
    ),
    others: new Set(Object.keys(data.actors).filter((a) => a !== data.subject)),
    actorPhrases: mapValues(data.actors, (a) => tokenized(a.phrases)),
    placePhrases: Object.fromEntries(
      Object.entries(data.places)
        .filter(([, p]) => p.phrases.length > 0)
        .map(([id, p]) => [id, tokenized(p.phrases)]),
    ),
    sourcePhrases: mapValues(data.sources, (s) => tokenized(s.phrases)),
    placeParent,
    themePhrases: mapValues(data.themes, tokenized),
    actionPhrases: mapValues(data.actions, tokenized),
    denialPhrases: tokenized(data.denials),
    countries,
    beforeNameNumbers: new Set([...countries, ...designations]),
    sources: mapValues(data.sources, ({ label, side, rank, theatre }) => ({ label, side, rank, theatre })),
    officePrefixes: Object.entries(data.actors).flatMap(([id, a]) =>
      tokenized(a.office_prefixes).map((p) => [p.split(' '), id] as const),
    ),
    actorName: (id) => data.actors[id]?.name ?? id,
  };
}

/** A story file's text parsed into data, or the reasons it cannot be, one per line with the field's path. */
export function parseStory(value: unknown): { ok: true; story: Story } | { ok: false; errors: string[] } {
  const r = storySchema.safeParse(value);
  if (r.success) return { ok: true, story: compileStory(r.data) };
  return {
    ok: false,
    errors: r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top)'}: ${i.message}`),
  };
}

/** The story of a seeds folder with no story file: no actors, so nothing is on topic by name. */
export const EMPTY_STORY: Story = compileStory(
  storySchema.parse({ topic: 'the story of the seeds', subject: 'subject', actors: { subject: {} } }),
);
