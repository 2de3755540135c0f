/**
 * One line on stderr that says how far long work has got (`Building the known-claims database: seed 3 of 40, 212
 * claims so far`), rewritten in place at a terminal. When stderr is not a terminal (a supervisor, a log file, a pipe)
 * it writes nothing: the result is logged or printed when the work is done, and a log does not fill with progress.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressLine {
  /** Shows `text` in place of the last update (at most one redraw per interval). */
  update(text: string): void;
  /** Ends the line: leaves `text` on screen with a newline, or (no text) clears what was shown, for the result the
   * caller logs or prints next. */
  done(text?: string): void;
}

export interface ProgressLineOptions {
  /** Redraws at most this often (default 100 ms). */
  intervalMs?: number;
  now?: () => number;
}

const NOTHING: ProgressLine = { update() {}, done() {} };

export function createProgressLine(
  stream: ProgressStream = process.stderr,
  { intervalMs = 100, now = Date.now }: ProgressLineOptions = {},
): ProgressLine {
  if (!stream.isTTY) return NOTHING;
  let shown: string | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  // \r back to the start, ESC[2K clears the line; cut to the width so the line never wraps (a wrapped line would not
  // be rewritten in place)
  const draw = (text: string) => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = text;
    drawnAt = now();
  };
  return {
    update(text) {
      // updates between redraws are dropped: the next one says more
      if (now() - drawnAt >= intervalMs) draw(text);
    },
    done(text) {
      if (text !== undefined) {
        draw(text);
        stream.write('\n');
      } else if (shown !== undefined) {
        stream.write('\r\x1b[2K');
      }
      shown = undefined;
      drawnAt = Number.NEGATIVE_INFINITY;
    },
  };
}

/** Reports seed by seed on `line` while the known claims are built (see buildKnownClaims). */
export function seedBuildProgress(line: ProgressLine = createProgressLine()) {
  return ({ done, total, claims }: { done: number; total: number; claims: number }) => {
    // the result is logged (or printed by `build`) next: the line goes when the work is done
    if (done < total)
      line.update(`Building the known-claims database: seed ${done + 1} of ${total}, ${claims} claims so far`);
    else line.done();
  };
}

/** Reports item by item on `line` while `watch add --backfill N` judges the newest items. */
export function backfillProgress(line: ProgressLine = createProgressLine()) {
  return ({ done, total, alerts }: { done: number; total: number; alerts: number }) => {
    if (done < total) line.update(`Backfill: judging item ${done + 1} of ${total}, ${alerts} alerted so far`);
    else line.done();
  };
}
