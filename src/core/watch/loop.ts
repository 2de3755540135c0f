/**
 * A background loop: runs `task`, sleeps until the time it returns (bounded), repeats. `wake()` runs it again soon,
 * `stop()` waits for the run in flight. Only the service uses it; tests call the task directly with a fake clock.
 */
import type { Clock, Log } from './ports.ts';

export interface Loop {
  start(): void;
  wake(): void;
  /** Stops scheduling runs and waits for the run in flight, at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function createLoop(
  name: string,
  task: () => Promise<number | null>,
  deps: { clock: Clock; log: Log; minSleepMs?: number; maxSleepMs?: number },
): Loop {
  const minSleep = deps.minSleepMs ?? 10;
  const maxSleep = deps.maxSleepMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, delayMs));
  };

  function run(): void {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let nextAt: number | null = null;
      try {
        nextAt = await task();
      } catch (err) {
        // A bug in one run must not end the loop: log it and try again later.
        deps.log.error({ err, loop: name }, 'background loop run failed');
      }
      running = undefined;
      if (again) {
        again = false;
        schedule(0);
        return;
      }
      const wait = nextAt === null ? maxSleep : nextAt - deps.clock.now();
      schedule(Math.min(maxSleep, Math.max(minSleep, wait)));
    })();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    wake() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop(graceMs = 5_000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await withinGrace(running, graceMs);
    },
  };
}

/** Waits for `work` but no longer than `ms`. */
export async function withinGrace(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    grace,
  ]);
  clearTimeout(timer);
}
