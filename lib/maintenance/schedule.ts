// The one loop of the periodic sweeps: run now, then every `everyMs`, never two at once, once
// per process; a database outage is expected and quiet, any other failure is logged.
import { isDatabaseUnavailable } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { processSingleton } from '@/lib/singletons';

/** `what` names it in the log: "swept files", "files sweep failed". */
export function startSweep<T>(what: string, everyMs: number, sweep: () => Promise<T>, report: (swept: T) => Record<string, unknown> | null): void {
  processSingleton(`sweep:${what}`, () => {
    let running = false;
    const run = () => {
      if (running) return;
      running = true;
      sweep()
        .then(
          (swept) => {
            const said = report(swept);
            if (said) log.info(`swept ${what}`, said);
          },
          (error) => isDatabaseUnavailable(error) || log.warn(`${what} sweep failed`, { error: describeError(error) }),
        )
        .finally(() => (running = false));
    };
    const timer = setInterval(run, everyMs);
    timer.unref();
    run();
    return timer;
  });
}
