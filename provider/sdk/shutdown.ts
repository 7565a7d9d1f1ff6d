/**
 * Logout on SIGINT/SIGTERM. Handlers are installed lazily — once, in the main thread, when a
 * session first obtains a token — so importing the SDK never changes signal behaviour. On a
 * signal every registered closer runs with a hard cap of a few seconds; then, unless some other
 * listener has taken charge of the signal, it is re-raised so the process ends the conventional
 * way (exit by signal, 130/143 from a shell). Nothing here keeps the process alive.
 */
import { isMainThread } from "node:worker_threads";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
export const SHUTDOWN_CAP_MS = 3_000;

let installed = false;
let running = false;
let closer: (() => Promise<void>) | undefined;
const tasks: (() => void)[] = [];
let exitHooked = false;

function onSignal(signal: NodeJS.Signals): void {
  if (running) return;
  running = true;
  for (const s of SIGNALS) process.off(s, onSignal);
  runTasks();
  let cap: NodeJS.Timeout | undefined;
  const capped = new Promise<void>((resolve) => {
    cap = setTimeout(resolve, SHUTDOWN_CAP_MS);
  });
  const work = (closer ? closer() : Promise.resolve()).catch(() => undefined);
  void Promise.race([work, capped]).then(() => {
    clearTimeout(cap);
    installed = false;
    running = false;
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

/** Installs the handlers once (main thread only); `closeAll` is what runs on a signal. */
export function installShutdownHandlers(closeAll: () => Promise<void>): void {
  closer = closeAll;
  listen();
}

/** The signal handlers, once (main thread only). */
function listen(): void {
  if (installed || !isMainThread) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

function runTasks(): void {
  for (const task of tasks.splice(0)) {
    try {
      task();
    } catch {
      // a clean-up that cannot run must not keep the others (or the logout) from running
    }
  }
}

/**
 * A quick synchronous clean-up for the end of the process: on SIGINT/SIGTERM (before the logouts)
 * and on a normal exit. Installs the signal handlers (main thread only).
 */
export function addShutdownTask(task: () => void): void {
  tasks.push(task);
  if (!exitHooked) {
    exitHooked = true;
    process.on("exit", runTasks);
  }
  listen();
}
