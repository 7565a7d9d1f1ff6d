/**
 * Client-side rate budget (§3.4): DynECT counts requests per customer account across all users
 * and locks the account out for up to 60 s when it exceeds 300/min. All sessions of one
 * customer in this process share one budget — a sliding 60 s window — so we normally never
 * trigger the lock-out; after a 429 every session of that customer pauses together.
 */
import { sleep } from "./timers";

const WINDOW_MS = 60_000;

/** A wait for the budget: the account is paused after a 429, or this minute's requests are used up. */
export interface BudgetWait {
  ms: number;
  reason: "paused" | "budget";
}

export class RateBudget {
  #sent: number[] = [];
  #pausedUntil = 0;

  constructor(public perMinute: number) {}

  /** Resolves when one more request may be sent; `onWait` hears of every wait before it starts. */
  async acquire(onWait?: (wait: BudgetWait) => void): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.#pausedUntil) {
        onWait?.({ ms: this.#pausedUntil - now, reason: "paused" });
        await sleep(this.#pausedUntil - now);
        continue;
      }
      if (this.perMinute <= 0) return;
      while (this.#sent.length > 0 && this.#sent[0] <= now - WINDOW_MS) this.#sent.shift();
      if (this.#sent.length < this.perMinute) {
        this.#sent.push(now);
        return;
      }
      const ms = this.#sent[0] + WINDOW_MS - now + 1;
      onWait?.({ ms, reason: "budget" });
      await sleep(ms);
    }
  }

  /** Holds every request of this customer for `ms` (after a 429). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }
}

const budgets = new Map<string, RateBudget>();

/** The budget of one customer at one API URL (per thread). */
export function rateBudgetFor(apiUrl: string, customer: string, perMinute: number): RateBudget {
  const key = `${apiUrl}\u0000${customer.toLowerCase()}`;
  let b = budgets.get(key);
  if (!b) {
    b = new RateBudget(perMinute);
    budgets.set(key, b);
  } else {
    b.perMinute = perMinute; // the newest session's configuration applies to the whole account
  }
  return b;
}
