/**
 * Single-flight FIFO: at most one task of a queue runs at a time, in arrival order (§3.3 — one
 * job per session). A plain queue: a task must not `run` on its own queue (it would wait for
 * itself). The one place that needs more calls while holding the slot — the verifier of an
 * ambiguous create — gets the engine's unqueued caller instead (SessionEngine).
 */
export class SingleFlightQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running. */
  get size(): number {
    return this.#pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const start = () => task();
    const result = this.#tail.then(start, start);
    this.#tail = result.then(
      () => this.#done(),
      () => this.#done(),
    );
    return result;
  }

  #done(): void {
    this.#pending--;
  }
}
