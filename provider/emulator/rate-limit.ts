/**
 * Account-wide rate limit (§3.4): a sliding one-minute window per customer; once exceeded every
 * request of that customer (any user, any session, logins included) gets 429 until the lockout ends.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    public perMinute: number,
    public lockoutMs: number,
  ) {}

  configure(perMinute: number, lockoutMs?: number): void {
    this.perMinute = perMinute;
    if (lockoutMs !== undefined) this.lockoutMs = lockoutMs;
    this.windows.clear();
    this.lockedUntil.clear();
  }

  /** Counts one request; returns the ms to wait when it must be refused, else 0. */
  hit(customer: string, now = Date.now()): number {
    const until = this.lockedUntil.get(customer);
    if (until !== undefined) {
      if (now < until) return until - now;
      this.lockedUntil.delete(customer);
      this.windows.delete(customer);
    }
    const window = (this.windows.get(customer) ?? []).filter((t) => now - t < 60_000);
    window.push(now);
    this.windows.set(customer, window);
    if (window.length > this.perMinute) {
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
