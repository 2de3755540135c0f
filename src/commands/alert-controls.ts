/**
 * The desk controls under every alert, defined once: a Right button, a Wrong select whose options are the verdict
 * the sentence should have had, and a Mute this claim button. Discord renders them as message components, Slack as
 * Block Kit actions; both hand a click back here.
 *
 * A control's id is `cw1:<r|w|m>:<ref>` (under Discord's 100 and Slack's 255 characters): `ref` names the alert's
 * subject as recorded in the database when the alert was enqueued, so a click resolves after a restart, and after a
 * rebuild of the known claims (the subject keeps the claim's text, not only its number).
 */
import type { Logger } from 'pino';
import type { Alert } from '../core/alerts.ts';
import type { Verdict } from '../core/claims/types.ts';
import type { Reply } from '../core/commands.ts';
import type { MarkAction, MarkOutcome } from '../core/desk/desk-service.ts';
import type { DeskMark } from '../core/desk/ports.ts';
import { isUserError } from '../core/errors.ts';
import type { Services } from '../core/services.ts';
import { errorReply, safeText, truncate, VERDICT_LABEL } from './format.ts';

export const CONTROL_PREFIX = 'cw1';
const ACTION_CODE = { right: 'r', wrong: 'w', mute: 'm' } as const;
type ControlAction = keyof typeof ACTION_CODE;

export interface AlertControls {
  /** "Desk: Contradicts a known claim — “…sentence…”": what the controls act on. */
  prompt: string;
  right: { id: string; label: string };
  wrong: { id: string; placeholder: string; options: Array<{ value: Verdict; label: string }> };
  mute: { id: string; label: string };
}

const WRONG_LABEL: Record<Verdict, string> = {
  known: 'Wrong: it is known',
  contradicts: 'Wrong: it contradicts a known claim',
  new: 'Wrong: it is a new claim',
  offtopic: 'Wrong: it is off topic',
};

export function controlId(action: ControlAction, ref: string): string {
  return `${CONTROL_PREFIX}:${ACTION_CODE[action]}:${ref}`;
}

/** `cw1:w:REF` → the action and ref; null for an id that is not ours. */
export function parseControlId(id: string): { action: ControlAction; ref: string } | null {
  const m = /^cw1:([rwm]):([0-9a-z]{1,64})$/.exec(id);
  if (!m) return null;
  const action = (Object.keys(ACTION_CODE) as ControlAction[]).find((a) => ACTION_CODE[a] === m[1]);
  return action ? { action, ref: m[2] as string } : null;
}

/** The controls for an alert, or null for one without a subject (an alert from before desk marks). */
export function alertControls(alert: Alert): AlertControls | null {
  const s = alert.subject;
  if (!s) return null;
  return {
    prompt: `**Desk:** ${VERDICT_LABEL[s.verdict]} — “${truncate(safeText(s.sentence), 180)}”`,
    right: { id: controlId('right', s.ref), label: 'Right' },
    wrong: {
      id: controlId('wrong', s.ref),
      placeholder: 'Wrong… the right verdict is',
      options: (['known', 'contradicts', 'new', 'offtopic'] as const)
        .filter((v) => v !== s.verdict)
        .map((v) => ({ value: v, label: WRONG_LABEL[v] })),
    },
    mute: { id: controlId('mute', s.ref), label: 'Mute this claim' },
  };
}

/** "Marked right by reader · Wrong → known by editor": what the message shows once marked. */
export function marksLine(marks: readonly DeskMark[], mutedBy?: string): string {
  const parts = marks.map((m) =>
    m.deskVerdict === m.botVerdict
      ? `marked **right** by ${safeText(m.userName)}`
      : `marked **wrong → ${m.deskVerdict}** by ${safeText(m.userName)}`,
  );
  if (mutedBy) parts.push(`claim **muted** in this channel by ${safeText(mutedBy)}`);
  if (parts.length === 0) return '';
  const line = parts.join(' · ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}`;
}

export interface ControlClick {
  platform: 'discord' | 'slack';
  customId: string;
  /** The option picked in the Wrong select. */
  value?: string;
  user: { id: string; name: string; isAdmin: boolean };
}

export interface ControlAnswer {
  /** Shown to the clicker only: errors and remarks. */
  ephemeral?: Reply;
  /** The message redrawn with who marked it and how. */
  redraw?: { alert: Alert; marks: string };
}

export interface ControlDeps {
  services: Services;
  logger: Logger;
  /** "the Manage Server permission" / "a workspace admin or owner, …". */
  adminRequirement: string;
}

/** Handles one click: never throws; a refusal or a failure answers the clicker alone. */
export function handleControlClick(deps: ControlDeps, click: ControlClick): ControlAnswer {
  const parsed = parseControlId(click.customId);
  if (!parsed) return { ephemeral: errorReply('That control is not one of mine.') };
  let action: MarkAction;
  if (parsed.action === 'right') action = { kind: 'right' };
  else if (parsed.action === 'mute') action = { kind: 'mute' };
  else {
    const v = click.value;
    if (v !== 'known' && v !== 'contradicts' && v !== 'new' && v !== 'offtopic') {
      return { ephemeral: errorReply('Pick the verdict the sentence should have had.') };
    }
    action = { kind: 'wrong', verdict: v };
  }
  if (action.kind === 'mute' && !click.user.isAdmin) {
    return { ephemeral: errorReply(`Muting a claim needs ${deps.adminRequirement}. Ask an admin to mute it.`) };
  }
  let outcome: MarkOutcome;
  try {
    outcome = deps.services.desk.mark(parsed.ref, action, {
      id: `${click.platform}:${click.user.id}`,
      name: click.user.name,
      isAdmin: click.user.isAdmin,
    });
  } catch (err) {
    if (isUserError(err)) return { ephemeral: errorReply(err.message) };
    deps.logger.error({ err, customId: click.customId, user: click.user.id }, 'desk control failed');
    return { ephemeral: errorReply('Something went wrong while recording that; it has been logged.') };
  }
  const muted = outcome.mute ? outcome.mute.mutedBy : undefined;
  const answer: ControlAnswer = {};
  if (outcome.alert) answer.redraw = { alert: outcome.alert, marks: marksLine(outcome.marks, muted) };
  const notes: string[] = [];
  if (!outcome.changed) notes.push('Already recorded; nothing changed.');
  if (outcome.note) notes.push(outcome.note);
  if (!outcome.alert) notes.push(recordedText(action));
  if (notes.length > 0) answer.ephemeral = { ephemeral: true, text: notes.join('\n'), tone: 'ok' };
  return answer;
}

function recordedText(action: MarkAction): string {
  if (action.kind === 'mute') return 'Muted in this channel.';
  return action.kind === 'right' ? 'Recorded: right.' : `Recorded: wrong, it is ${action.verdict}.`;
}
