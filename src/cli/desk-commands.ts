/**
 * The desk from the command line, for console users: `claimwatch mark REF right|wrong VERDICT|mute` on an alert the
 * console printed (it shows the REF), `claimwatch claims status ID STATUS [note…]`, `claimwatch claims muted|unmute`,
 * and `claimwatch feedback list|export` (export writes the labelled-set format `npm run train -- --feedback FILE`
 * reads). The CLI user is the operator of the database: an admin.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { ClaimsApp } from '../app/claims-app.ts';
import { createDeskService, type MarkAction, parseStatus, parseVerdict } from '../core/desk/desk-service.ts';
import type { DeskMark } from '../core/desk/ports.ts';
import { UserError } from '../core/errors.ts';
import { createSqliteDeskStore } from '../store/desk-store.ts';
import { type DbOptions, withClaimsApp } from './claims-app-session.ts';
import { formatTable, parsePositiveInt, writeJsonLine } from './common.ts';

function cliUser() {
  let name = 'operator';
  try {
    name = userInfo().username || name;
  } catch {
    // no user name on this system: "operator"
  }
  return { id: `cli:${name}`, name, isAdmin: true };
}

const deskOf = (app: ClaimsApp) => createDeskService({ desk: createSqliteDeskStore(app.db), claims: app.claims });

function dbOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'database file (default: CLAIMWATCH_DB, else ./data/claimwatch.db)')
    .option('--seeds <dir>', 'seed folder used if the database must be built first');
}

function actionOf(what: string, verdict: string | undefined): MarkAction {
  if (what === 'right') return { kind: 'right' };
  if (what === 'mute') return { kind: 'mute' };
  if (what === 'wrong') {
    if (!verdict)
      throw new UserError('bad_input', 'wrong needs the right verdict: known, contradicts, new or offtopic');
    return { kind: 'wrong', verdict: parseVerdict(verdict) };
  }
  throw new UserError('bad_input', `mark takes right, wrong VERDICT or mute (got "${what}")`);
}

export function registerDeskCommands(program: Command, claims: Command): void {
  dbOptions(
    program
      .command('mark')
      .description("mark an alert's sentence right or wrong (with the right verdict), or mute its claim in its channel")
      .argument('<ref>', 'the alert reference the console printed (mark: …)')
      .argument('<what>', 'right | wrong | mute')
      .argument('[verdict]', 'for wrong: known | contradicts | new | offtopic'),
  )
    .option('--json', 'print the mark as one JSON object')
    .action(async (ref: string, what: string, verdict: string | undefined, opts: DbOptions & { json?: boolean }) => {
      const action = actionOf(what.toLowerCase(), verdict);
      await withClaimsApp(opts, (app) => {
        const out = deskOf(app).mark(ref, action, cliUser());
        if (opts.json) {
          writeJsonLine({ ref, channel: out.subject.channel, changed: out.changed, marks: out.marks, mute: out.mute });
          return;
        }
        const done =
          action.kind === 'mute'
            ? `Muted in ${out.subject.channel}: "${out.subject.sentence}"`
            : `Marked ${action.kind === 'right' ? 'right' : `wrong → ${action.verdict}`}: "${out.subject.sentence}"`;
        const lines = [out.changed ? done : `Already recorded; nothing changed. ${done}`];
        if (out.note) lines.push(out.note);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  dbOptions(
    claims
      .command('status')
      .description("set the desk's status of a known claim (shown on the claim and in alerts that cite it)")
      .argument('<id>', 'claim id')
      .argument('<status>', 'confirmed | disputed | false | retracted')
      .argument('[note...]', 'why, or a link to the check'),
  ).action(async (idText: string, statusText: string, note: string[], opts: DbOptions) => {
    const id = parsePositiveInt(idText, 'the claim id');
    const status = parseStatus(statusText);
    await withClaimsApp(opts, (app) => {
      const s = deskOf(app).setStatus(id, status, note.join(' '), cliUser());
      process.stdout.write(`Claim #${id} marked ${s.status}${s.note ? ` (${s.note})` : ''}: ${s.claimText}\n`);
    });
  });
  dbOptions(
    claims
      .command('muted')
      .description('list muted claims, per channel')
      .option('--channel <target>', 'only this channel (discord:ID, slack:ID, console:NAME)'),
  ).action(async (opts: DbOptions & { channel?: string }) => {
    await withClaimsApp(opts, (app) => {
      const mutes = deskOf(app).muted(opts.channel);
      if (mutes.length === 0) {
        process.stdout.write('No muted claims.\n');
        return;
      }
      const rows = mutes.map((m) => [`#${m.id}`, m.channel, m.claimText, m.mutedBy, day(m.mutedAt)]);
      const cols = [
        { header: 'id' },
        { header: 'channel' },
        { header: 'claim', max: 80 },
        { header: 'by' },
        { header: 'on' },
      ];
      process.stdout.write(`${formatTable(cols, rows)}\n`);
    });
  });
  dbOptions(
    claims
      .command('unmute')
      .description('let a muted claim alert in its channel again')
      .argument('<id>', 'the number `claims muted` shows')
      .requiredOption('--channel <target>', 'the channel it is muted in'),
  ).action(async (idText: string, opts: DbOptions & { channel: string }) => {
    const id = parsePositiveInt(idText, 'the mute number');
    await withClaimsApp(opts, (app) => {
      const gone = deskOf(app).unmute(opts.channel, id, cliUser());
      process.stdout.write(`Unmuted in ${gone.channel}: ${gone.claimText}\n`);
    });
  });

  const feedback = program.command('feedback').description("the desk's marks: list them, export them for training");
  dbOptions(feedback.command('list').description('every mark, oldest first'))
    .option('--json', 'one JSON object a line')
    .action(async (opts: DbOptions & { json?: boolean }) => {
      await withClaimsApp(opts, (app) => printMarks(deskOf(app).marks(), opts.json));
    });
  dbOptions(
    feedback
      .command('export')
      .description('the newest mark of each sentence in the labelled-set format (npm run train -- --feedback FILE)'),
  )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: DbOptions & { out?: string }) => {
      await withClaimsApp(opts, (app) => {
        const { rows, skipped } = deskOf(app).exportFeedback();
        const text = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
        for (const s of skipped) {
          process.stderr.write(
            `claimwatch: skipped mark ${s.mark.id} ("${s.mark.sentence.slice(0, 60)}…"): ${s.why}\n`,
          );
        }
        if (opts.out) process.stderr.write(`claimwatch: wrote ${rows.length} labelled sentences to ${opts.out}\n`);
      });
    });
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** "Desk: marked false by editor on 2026-12-01: note", or '' when the desk has not marked the claim. */
export function deskStatusLine(app: ClaimsApp, claimText: string): string {
  const s = deskOf(app).statusOf(claimText);
  return s ? `Desk: marked ${s.status} by ${s.setBy} on ${day(s.setAt)}${s.note ? `: ${s.note}` : ''}\n` : '';
}

function printMarks(marks: DeskMark[], json?: boolean): void {
  if (json) {
    for (const m of marks) writeJsonLine(m);
    return;
  }
  if (marks.length === 0) {
    process.stdout.write('No marks yet.\n');
    return;
  }
  const rows = marks.map((m) => [
    `#${m.id}`,
    new Date(m.markedAt).toISOString().slice(0, 16).replace('T', ' '),
    m.userName,
    m.deskVerdict === m.botVerdict ? `right (${m.botVerdict})` : `${m.botVerdict} → ${m.deskVerdict}`,
    m.claim ? `#${m.claim.id}` : '',
    m.sentence,
  ]);
  const cols = [
    { header: 'id' },
    { header: 'when (UTC)' },
    { header: 'by' },
    { header: 'mark' },
    { header: 'claim' },
    { header: 'sentence', max: 90 },
  ];
  process.stdout.write(`${formatTable(cols, rows)}\n`);
}
