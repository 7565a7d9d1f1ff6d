/**
 * A controllable clock for the SDK engine (EngineOptions.clock): time moves only when the engine
 * waits — every `sleep(ms)` advances it by `ms` and resolves on the next turn of the event loop —
 * so deadlines and back-offs are decided by this clock, never by how loaded the machine is.
 * `at(t, fn)` runs `fn` once the clock reaches `t` (e.g. to release an emulator job "later").
 */
import type { Clock } from "../../provider/sdk/engine/timers";

export class TestClock implements Clock {
  #now: number;
  #alarms: { at: number; fn: () => void }[] = [];
  /** Every sleep asked for, in ms (what the engine waited, without waiting it). */
  readonly sleeps: number[] = [];

  constructor(start = 1_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Milliseconds since the clock was created at `start`. */
  elapsed(start = 1_000_000): number {
    return this.#now - start;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms > 0 && !signal?.aborted) {
      this.sleeps.push(ms);
      this.advance(ms);
    }
    return new Promise((resolve) => setImmediate(resolve));
  }

  advance(ms: number): void {
    this.#now += ms;
    const due = this.#alarms.filter((a) => a.at <= this.#now);
    this.#alarms = this.#alarms.filter((a) => a.at > this.#now);
    for (const a of due) a.fn();
  }

  /** Runs `fn` when the clock reaches `at` (at once if it already has). */
  at(at: number, fn: () => void): void {
    if (at <= this.#now) fn();
    else this.#alarms.push({ at, fn });
  }

  /** Runs `fn` when `ms` more have passed on this clock. */
  after(ms: number, fn: () => void): void {
    this.at(this.#now + ms, fn);
  }
}
