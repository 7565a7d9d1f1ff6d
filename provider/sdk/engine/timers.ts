/** Timer helpers shared by the SDK (and the zone batcher), and the clock the engine waits with. */

/**
 * What the engine reads time and waits with: the system clock, or in tests a controllable one
 * (EngineOptions.clock), so a deadline or a back-off is decided by the clock, not by how busy the
 * machine is.
 */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Resolves after `ms` of this clock (at once for ms <= 0), or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Resolves after `ms` (at once for ms <= 0), or early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

/** `p`, or undefined after `ms` — the timer is cleared when `p` settles and never keeps the process alive. */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    t = setTimeout(() => resolve(undefined), ms);
    t.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(t));
}
