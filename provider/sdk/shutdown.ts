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

function onSignal(signal: NodeJS.Signals): void {
  if (running) return;
  running = true;
  for (const s of SIGNALS) process.off(s, onSignal);
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
  if (installed || !isMainThread) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}
