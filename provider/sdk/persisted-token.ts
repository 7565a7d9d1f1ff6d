/**
 * A session's persisted token (state-store.ts): restored exclusively (reap abandoned leases,
 * claim the saved token, verify it), leased while in use — renewed in the background, so a killed
 * process leaves it to be reaped — and at the end either left for the next process (only a token
 * without unpublished changes) or logged out.
 */
import { newLeaseOwner, retireLeaseOwner, type LeaseOwner, type SessionStateStore } from "./state-store";

export interface TokenHooks {
  /** GET /REST/Session/ with `token`: alive? */
  alive(token: string): Promise<boolean>;
  /** Best-effort DELETE /REST/Session/ with `token`. */
  logout(token: string): Promise<void>;
}

export class PersistedToken {
  readonly owner: LeaseOwner = newLeaseOwner();
  #held: { token: string; createdAt: string } | undefined;
  #renewal: NodeJS.Timeout | undefined;

  constructor(
    readonly store: SessionStateStore,
    private readonly hooks: TokenHooks,
  ) {}

  /** The saved token, now leased to this session, if one exists and is alive; abandoned leases are reaped first. */
  async restore(): Promise<string | undefined> {
    try {
      await this.store.reap(this.owner, (token) => this.hooks.logout(token));
      const saved = await this.store.claim(this.owner);
      if (!saved) return undefined;
      this.#lease(saved.token, saved.createdAt);
      if (await this.hooks.alive(saved.token)) return saved.token;
      return undefined; // dead: the login that follows replaces it in the lease
    } catch {
      return undefined; // an unusable state dir must not fail the login
    }
  }

  /** Leases a freshly logged-in token (a process killed from now on leaves it to be reaped). */
  async hold(token: string): Promise<void> {
    const createdAt = new Date().toISOString();
    this.#lease(token, createdAt);
    await this.store.hold(this.owner, token, createdAt).catch(() => undefined);
  }

  /**
   * Ends the lease: `token` is left for the next process when `keep` (no unpublished changes) and
   * no token is saved already; otherwise it is logged out. Never throws.
   */
  async release(token: string | undefined, keep: boolean): Promise<"kept" | "logged out" | "none"> {
    this.#stop();
    try {
      if (token !== undefined && keep) {
        const createdAt = this.#held?.token === token ? this.#held.createdAt : new Date().toISOString();
        if (await this.store.release(this.owner, token, createdAt).catch(() => false)) return "kept";
      }
      if (token !== undefined) await this.hooks.logout(token).catch(() => undefined);
      await this.store.drop(this.owner).catch(() => undefined);
      return token === undefined ? "none" : "logged out";
    } finally {
      retireLeaseOwner(this.owner);
    }
  }

  /** Ends the lease without keeping anything (the token was logged out by the caller). */
  async drop(): Promise<void> {
    this.#stop();
    await this.store.drop(this.owner).catch(() => undefined);
    retireLeaseOwner(this.owner);
  }

  #lease(token: string, createdAt: string): void {
    this.#held = { token, createdAt };
    if (this.#renewal) return;
    this.#renewal = setInterval(() => {
      const h = this.#held;
      if (h) this.store.hold(this.owner, h.token, h.createdAt).catch(() => undefined);
    }, Math.max(1_000, Math.floor(this.store.leaseMs / 3)));
    this.#renewal.unref();
  }

  #stop(): void {
    if (this.#renewal) clearInterval(this.#renewal);
    this.#renewal = undefined;
  }
}
