/**
 * Single-flight FIFO: at most one task of a queue runs at a time, in arrival order (§3.3 — one
 * job per session). A task may call back into the same queue (e.g. a verifier listing records
 * from inside a create): such nested runs execute within the running task, serialised among
 * themselves, instead of dead-locking behind it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Slot {
  queue: SingleFlightQueue;
  nested: SingleFlightQueue | undefined;
}

const current = new AsyncLocalStorage<Slot>();

export class SingleFlightQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running. */
  get size(): number {
    return this.#pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const slot = current.getStore();
    if (slot && slot.queue === this) {
      slot.nested ??= new SingleFlightQueue();
      return slot.nested.run(task);
    }
    this.#pending++;
    const start = () => current.run({ queue: this, nested: undefined }, task);
    const result = this.#tail.then(start, start);
    this.#tail = result.then(
      () => this.#done(),
      () => this.#done(),
    );
    return result;
  }

  /** True when called from inside a task of this queue. */
  isInside(): boolean {
    return current.getStore()?.queue === this;
  }

  #done(): void {
    this.#pending--;
  }
}
