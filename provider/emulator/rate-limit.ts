/**
 * Account-wide rate limit (§3.4): a sliding one-minute window per customer; once exceeded every
 * request of that customer (any user, any session, logins included) gets 429 until the lockout ends.
 */
/** Request times of one customer, oldest first; entries before `head` have left the window. */
interface Window {
  times: number[];
  head: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    public perMinute: number,
    public lockoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  configure(perMinute: number, lockoutMs?: number): void {
    this.perMinute = perMinute;
    if (lockoutMs !== undefined) this.lockoutMs = lockoutMs;
    this.windows.clear();
    this.lockedUntil.clear();
  }

  /** Counts one request; returns the ms to wait when it must be refused, else 0. */
  hit(customer: string, now = this.now()): number {
    const until = this.lockedUntil.get(customer);
    if (until !== undefined) {
      if (now < until) return until - now;
      this.lockedUntil.delete(customer);
      this.windows.delete(customer);
    }
    let w = this.windows.get(customer);
    if (!w) this.windows.set(customer, (w = { times: [], head: 0 }));
    // times only grow, so the expired ones are at the front
    while (w.head < w.times.length && now - w.times[w.head] >= WINDOW_MS) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    w.times.push(now);
    if (w.times.length - w.head > this.perMinute) {
      this.lockedUntil.set(customer, now + this.lockoutMs);
      return this.lockoutMs;
    }
    return 0;
  }

  reset(): void {
    this.windows.clear();
    this.lockedUntil.clear();
  }
}
