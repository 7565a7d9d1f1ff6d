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
  /** False once the task settled: a timer or listener that inherited the context queues normally. */
  active: boolean;
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
    if (slot && slot.queue === this && slot.active) {
      slot.nested ??= new SingleFlightQueue();
      return slot.nested.run(task);
    }
    this.#pending++;
    const start = () => {
      const mine: Slot = { queue: this, nested: undefined, active: true };
      return current.run(mine, task).finally(() => {
        mine.active = false;
      });
    };
    const result = this.#tail.then(start, start);
    this.#tail = result.then(
      () => this.#done(),
      () => this.#done(),
    );
    return result;
  }

  /** True when called from inside a running task of this queue. */
  isInside(): boolean {
    const slot = current.getStore();
    return slot?.queue === this && slot.active;
  }

  #done(): void {
    this.#pending--;
  }
}

/**
 * Runs `fn` outside any queue context: what it schedules (timers, listeners reacting to an
 * event) queues behind the running task instead of being treated as part of it.
 */
export function outsideQueue<T>(fn: () => T): T {
  return current.exit(fn);
}
