/**
 * Client-side rate budget (§3.4): DynECT counts requests per customer account across all users
 * and locks the account out for up to 60 s when it exceeds 300/min. All sessions of one customer
 * in this process share one budget — a sliding 60 s window — and, through a small file in the state
 * dir (shared-rate-window.ts), so do all processes of this machine: two stacks deploying on one
 * account at once stay under the limit together. After a 429 every session of that customer, in
 * every process, pauses together. Should the state dir be unusable, the window is this process's.
 */
import { SharedRateWindow } from "./shared-rate-window";
import { systemClock, type Clock } from "./timers";
import { BUDGET_WINDOW_MS as WINDOW_MS } from "./budget-window";

/** A wait for the budget: the account is paused after a 429, or this minute's requests are used up. */
export interface BudgetWait {
  ms: number;
  reason: "paused" | "budget";
}

export class RateBudget {
  #sent: number[] = [];
  #pausedUntil = 0;
  #shared: SharedRateWindow | undefined;

  constructor(
    public perMinute: number,
    shared?: SharedRateWindow,
    private readonly clock: Clock = systemClock,
  ) {
    this.#shared = shared;
  }

  /** Resolves when one more request may be sent; `onWait` hears of every wait before it starts. */
  async acquire(onWait?: (wait: BudgetWait) => void): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      if (now < this.#pausedUntil) {
        onWait?.({ ms: this.#pausedUntil - now, reason: "paused" });
        await this.clock.sleep(this.#pausedUntil - now);
        continue;
      }
      if (this.perMinute <= 0) return;
      const wait = await this.#take(now);
      if (wait <= 0) return;
      onWait?.({ ms: wait, reason: "budget" });
      await this.clock.sleep(wait);
    }
  }

  /** Holds every request of this customer for `ms` (after a 429) — in other processes too. */
  pause(ms: number): void {
    const until = this.clock.now() + ms;
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    if (this.perMinute > 0) this.#shared?.pauseUntil(until).catch(() => undefined);
  }

  /** 0 = a slot was taken; otherwise how long to wait. */
  async #take(now: number): Promise<number> {
    if (this.#shared) {
      try {
        return await this.#shared.take(this.perMinute, now);
      } catch {
        this.#shared = undefined; // unusable state dir: this process's window from now on
      }
    }
    while (this.#sent.length > 0 && this.#sent[0] <= now - WINDOW_MS) this.#sent.shift();
    if (this.#sent.length < this.perMinute) {
      this.#sent.push(now);
      return 0;
    }
    return this.#sent[0] + WINDOW_MS - now + 1;
  }
}

const budgets = new Map<string, RateBudget>();

/**
 * The budget of one customer at one API URL (per thread), its window shared through `stateDir`
 * with the other processes of this machine (undefined: this process only); `clock` is the first
 * session's (EngineOptions.clock).
 */
export function rateBudgetFor(apiUrl: string, customer: string, perMinute: number, stateDir?: string, clock?: Clock): RateBudget {
  const key = `${apiUrl}\u0000${customer.toLowerCase()}`;
  let b = budgets.get(key);
  if (!b) {
    b = new RateBudget(perMinute, stateDir === undefined ? undefined : new SharedRateWindow(stateDir, apiUrl, customer), clock);
    budgets.set(key, b);
  } else {
    b.perMinute = perMinute; // the newest session's configuration applies to the whole account
  }
  return b;
}
