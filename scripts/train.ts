/**
 * `npm run train`: fits the learned judgement (src/core/claims/learned/model.json) on the tuning sets of real
 * reporting, against the known claims built from seeds/ exactly as `claimwatch build` builds them (with
 * --with-stories, also on the other stories of test/fixtures/eval/stories against their own seeds: training-parts.ts).
 * Deterministic: the same sets and seeds write the same file. The frozen test splits (test/fixtures/eval/real/test-frozen*) are never
 * read.
 *
 * `npm run train -- [--check]`: with --check, fails when the committed weights differ from what training gives.
 * `npm run train -- --check-weights`: the same check for the final fit alone, with the settings the committed model
 *   records (penalty, vocabulary, threshold): it skips the out-of-fold search, so it runs several times faster.
 * `npm run train -- --with-stories`: also trains on the other stories (each against its own seeds).
 * `npm run train -- --transfer`: each other story left out in turn of a --with-stories fit (with the recorded
 *   settings) and scored: what such a model does on a story it never saw.
 * `npm run train -- --settings`: also prints the out-of-fold score of every setting tried (to stderr).
 * `npm run train -- --ablate GROUP[,GROUP…]`: trains without those features and prints the out-of-fold figures only
 * (writes nothing, unless --out FILE names where the model without them goes): what each part contributes. Groups
 * are listed in ABLATIONS.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readLabelledSet } from '../src/app/labelled-files.ts';
import { DESK_WEIGHT } from '../src/app/training-rows.ts';
import { judgeLearned } from '../src/core/claims/learned/judge-learned.ts';
import { type ChosenSettings, fitWithSettings, type TrainResult, train } from '../src/core/claims/learned/train.ts';
import { engineJudge, runEval } from '../src/core/eval/run.ts';
import { useStory } from '../src/core/story/active-story.ts';
import { ABLATIONS, checkAblations } from './ablations.ts';
import { type LabelledFile, otherStories, otherStoryPart, type StoryPart, storyPart } from './training-parts.ts';

/** The sets training reads: real reporting only, never sentences we wrote, never the frozen test split. */
const TRAINING_SETS = ['test/fixtures/eval/real/dev-shared', 'test/fixtures/eval/real/dev-more'];
const MODEL_FILE = 'src/core/claims/learned/model.json';
/**
 * The same sentences as the story's labelled examples (seeds/story.yml names the file): sentence, label and seed
 * pointer only, written beside the seeds so a seeds folder carries its examples wherever it is copied.
 */
const EXAMPLES_FILE = 'seeds/examples.jsonl';

const root = new URL('../', import.meta.url).pathname;

/** Every value given to a repeatable option. */
const optionValues = (name: string): string[] =>
  process.argv.flatMap((a, i) => (a === name && process.argv[i + 1] ? [process.argv[i + 1] as string] : []));
const feedbackFiles = optionValues('--feedback');
const outAt = process.argv.indexOf('--out');
const outFile = outAt >= 0 ? process.argv[outAt + 1] : undefined;
const refuse = (why: string): never => {
  process.stderr.write(`npm run train: ${why}\n`);
  process.exit(2);
};
if (outAt >= 0 && !outFile) refuse('--out needs a file name');
if (feedbackFiles.length > 0 && (process.argv.includes('--check-weights') || process.argv.includes('--check'))) {
  refuse('--check and --check-weights check the committed model, which no desk marks went into: drop --feedback');
}

// the other stories train only when asked: they lift a story left out a little and cost this story much out of fold
// (README, "Other stories in training")
const withStories = process.argv.includes('--with-stories') || process.argv.includes('--transfer');
const tuningFiles: LabelledFile[] = TRAINING_SETS.map((set) => ({ file: `${root}${set}/claims.jsonl`, name: set }));
/** EXAMPLES_FILE as the tuning sets give it (each article named by its set's folder and its id). */
const examplesText = `${tuningFiles
  .flatMap((f) =>
    readLabelledSet(f.file).map((r) =>
      JSON.stringify({
        item_id: `${f.name.split('/').pop()}:${r.item ?? r.line}`,
        sentence: r.sentence,
        label: r.label,
        seed_file: r.seed?.file ?? '',
        seed_quote: r.seed?.quote ?? '',
      }),
    ),
  )
  .join('\n')}\n`;
/** Fails when EXAMPLES_FILE is not what the tuning sets give. */
function checkExamples(): void {
  const file = `${root}${EXAMPLES_FILE}`;
  if (existsSync(file) && readFileSync(file, 'utf8') === examplesText) return;
  process.stderr.write(`${EXAMPLES_FILE} differs from the training sets: run npm run train\n`);
  process.exit(1);
}
/** Writes EXAMPLES_FILE beside the committed model (not when the model goes elsewhere with --out). */
function writeExamples(): void {
  if (!outFile) writeFileSync(`${root}${EXAMPLES_FILE}`, examplesText);
}
const deskFiles: LabelledFile[] = feedbackFiles.map((file) => ({
  file,
  name: `desk marks ${file}`,
  weight: DESK_WEIGHT,
}));
const parts: StoryPart[] = [
  storyPart('this story', `${root}seeds`, [...tuningFiles, ...deskFiles]),
  ...(withStories ? otherStories(root).map((name) => otherStoryPart(root, name)) : []),
];
const rows = parts.flatMap((p) => p.rows);
const counts: Record<string, number> = Object.assign({}, ...parts.map((p) => p.counts));

checkAblations();
const ablateAt = process.argv.indexOf('--ablate');
const groups = ablateAt >= 0 ? (process.argv[ablateAt + 1] ?? '').split(',').filter(Boolean) : [];
for (const g of groups)
  if (!(g in ABLATIONS)) throw new Error(`no ablation group ${g}: one of ${Object.keys(ABLATIONS).join(', ')}`);
const drop = new Set(groups.flatMap((g) => ABLATIONS[g] as string[]));

/** The committed model.json, and the settings its training chose. */
function committedModel(): {
  committed: { trainedOn: { outOfFold: ChosenSettings & Record<string, unknown> } } & Record<string, unknown>;
  settings: ChosenSettings;
} {
  const committed = JSON.parse(readFileSync(`${root}${MODEL_FILE}`, 'utf8'));
  const { l2, minWordRows, contradictsAt, sentenceContradictsAt } = committed.trainedOn.outOfFold;
  return { committed, settings: { l2, minWordRows, contradictsAt, sentenceContradictsAt } };
}

const started = Date.now();
if (process.argv.includes('--check-weights')) {
  const { committed, settings } = committedModel();
  const { l2, minWordRows, contradictsAt } = settings;
  const model = fitWithSettings(parts, settings);
  const { trainedOn: _, ...weights } = committed;
  if (JSON.stringify(model) !== JSON.stringify(weights)) {
    process.stderr.write(
      `${MODEL_FILE}: its weights differ from what its settings give on the labelled sets: run npm run train\n`,
    );
    process.exit(1);
  }
  checkExamples();
  process.stdout.write(
    `Checked the weights of ${MODEL_FILE} and ${EXAMPLES_FILE} from ${rows.length} labelled sentences (l2 ${l2}, words in ≥ ${minWordRows}, contradicts at ${contradictsAt}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.exit(0);
}
if (process.argv.includes('--transfer')) {
  // each other story left out in turn: fitted on every other part with the settings model.json records, then scored
  // on the story it never saw, beside the keyword baseline (what a story no one labelled can expect)
  const { settings } = committedModel();
  for (const held of parts.slice(1)) {
    const model = fitWithSettings(
      parts.filter((p) => p !== held),
      settings,
    );
    useStory(held.story);
    const judge = engineJudge(held.index, (s, index) => judgeLearned(s, index, model));
    const r = runEval({ rows: held.labelled, judge, claims: held.claims });
    const c = r.engine.perClass.contradicts;
    process.stdout.write(
      `${held.name} left out (${r.n} sentences): macro-F1 ${r.engine.macroF1.toFixed(3)} (keyword baseline ${r.baseline.macroF1.toFixed(3)}), contradicts P ${c.precision.toFixed(3)} F1 ${c.f1.toFixed(3)}\n`,
    );
  }
  process.exit(0);
}
if (process.argv.includes('--keep-settings')) {
  const { committed, settings } = committedModel();
  const model = fitWithSettings(parts, settings);
  const target = outFile ?? `${root}${MODEL_FILE}`;
  // the settings (and their out-of-fold scores) are the earlier full training's, kept so later runs can read them
  const kept = { sets: counts, outOfFold: committed.trainedOn.outOfFold, settingsKeptFromEarlierTraining: true };
  writeFileSync(target, `${JSON.stringify({ ...model, trainedOn: kept }, null, 1)}\n`);
  writeExamples();
  process.stdout.write(
    `Wrote ${outFile ?? MODEL_FILE} from ${rows.length} labelled sentences (${Object.entries(counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}) with the settings model.json records, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.exit(0);
}
const settings = process.argv.includes('--settings')
  ? (c: TrainResult['outOfFold']) =>
      process.stderr.write(
        `l2 ${c.l2}, words in ≥ ${c.minWordRows}, contradicts at ${c.contradictsAt}: macro-F1 ${c.macroF1.toFixed(3)}, ` +
          `contradicts P ${c.contradictsPrecision.toFixed(3)} F1 ${c.contradictsF1.toFixed(3)} F0.5 ${c.contradictsF05.toFixed(3)}\n`,
      )
  : undefined;
const { model, outOfFold } = train(parts, groups.length > 0 ? { drop } : undefined, settings);
if (groups.length > 0) {
  const c = outOfFold;
  process.stdout.write(
    `without ${groups.join(', ')} (${drop.size} features): out-of-fold macro-F1 ${c.macroF1.toFixed(3)}, ` +
      `contradicts precision ${c.contradictsPrecision.toFixed(3)}, contradicts F1 ${c.contradictsF1.toFixed(3)}\n`,
  );
  // the model without those features, to be measured elsewhere (on a story left out, say): only where --out says
  if (outFile)
    writeFileSync(outFile, `${JSON.stringify({ ...model, trainedOn: { sets: counts, outOfFold } }, null, 1)}\n`);
  process.exit(0);
}
const out = `${JSON.stringify({ ...model, trainedOn: { sets: counts, outOfFold } }, null, 1)}\n`;
const check = process.argv.includes('--check');
if (check) {
  const committed = readFileSync(`${root}${MODEL_FILE}`, 'utf8');
  if (committed !== out) {
    process.stderr.write(`${MODEL_FILE} differs from what training gives: run npm run train\n`);
    process.exit(1);
  }
  checkExamples();
} else {
  writeFileSync(outFile ?? `${root}${MODEL_FILE}`, out);
  writeExamples();
}
const pct = (v: number) => v.toFixed(3);
process.stdout.write(
  `${check ? 'Checked' : 'Wrote'} ${outFile ?? MODEL_FILE} from ${rows.length} labelled sentences (${Object.entries(
    counts,
  )
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
    `out-of-fold (5 folds by article; settings chosen on this story): macro-F1 ${pct(outOfFold.macroF1)}, contradicts precision ${pct(
      outOfFold.contradictsPrecision,
    )}, contradicts F1 ${pct(outOfFold.contradictsF1)}; chosen l2 ${outOfFold.l2}, words in ≥ ${outOfFold.minWordRows} sentences, contradicts at ${outOfFold.contradictsAt}\n`,
);
process.stdout.write(`out-of-fold confusion (label: verdicts): ${JSON.stringify(outOfFold.confusion)}\n`);
for (const [name, c] of Object.entries(outOfFold.byPart ?? {}))
  process.stdout.write(
    `out-of-fold, ${name}: macro-F1 ${pct(c.macroF1)}, contradicts precision ${pct(c.contradictsPrecision)}, contradicts F1 ${pct(c.contradictsF1)}\n`,
  );
const none = outOfFold.withoutExamples;
if (none)
  process.stdout.write(
    `out-of-fold, this story read without its labelled examples (as a story no one labelled is): macro-F1 ${pct(none.macroF1)}, contradicts precision ${pct(none.contradictsPrecision)}, contradicts F1 ${pct(none.contradictsF1)}\n`,
  );
const alone = outOfFold.sentenceModelAlone;
if (alone)
  process.stdout.write(
    `out-of-fold, this story by the sentence model alone (no verdict trees; contradicts at ${alone.contradictsAt}): macro-F1 ${pct(alone.macroF1)}, contradicts precision ${pct(alone.contradictsPrecision)}, contradicts F1 ${pct(alone.contradictsF1)}\n`,
  );
