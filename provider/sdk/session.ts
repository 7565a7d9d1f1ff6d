/**
 * DynectSession — the heir of dyn-python's `dyn.tm.session.DynectSession` (§9) on top of the
 * SessionEngine: login, verify, keep-alive, logout; lazy login shared by concurrent first
 * callers (they all queue behind the one login); transparent re-login when the token dies, with
 * an observable epoch so owners of unpublished changes know those changes are gone (§3.2).
 *
 * Registry (dyn-python's Singleton metaclass): one instance per
 *   class × worker thread × stack × customer × user × API URL × slot.
 * The password lives in a private field of the instance only (not enumerable, not in toJSON or
 * util.inspect, never logged or persisted). It is not encrypted in memory: a key kept in the same
 * process next to the ciphertext would protect nothing, so the SDK does not pretend it does.
 */
import { randomUUID } from "node:crypto";
import { threadId } from "node:worker_threads";
import { z } from "zod";
import { DynError, InvalidDataError, isDynError } from "./errors";
import { resolveEngineOptions, type EngineOptions } from "./engine/options";
import { withTimeout } from "./engine/timers";
import { SessionEngine, type ApiResult, type CallOptions, type HttpMethod } from "./engine/session-engine";
import { insecureApiUrl } from "./engine/api-url";
import { normalizeApiUrl } from "./engine/transport";
import { PersistedToken } from "./persisted-token";
import { installShutdownHandlers } from "./shutdown";
import { SessionStateStore, defaultStateDir } from "./state-store";

export type { ApiResult, CallOptions, HttpMethod };

export interface SessionOptions {
  apiUrl: string;
  customerName: string;
  userName: string;
  password: string;
  /** Pulumi stack (or any owner name): two stacks in one process get two sessions. */
  stack?: string;
  /** Extra sessions of one account; 0 = the singleton. */
  slot?: number;
  /**
   * @deprecated Ignored. It used to key an in-memory encryption of the password that protected
   * nothing (the key sat next to the ciphertext); the password is now simply kept private.
   */
  key?: string;
  /** API-Version header (shortcut for engine.apiVersion). */
  apiVersion?: string;
  /** Enables encrypted persisted session state (falls back to $DYN_SESSION_KEY; "" disables). */
  sessionKey?: string;
  /** Where persisted state lives (default: $DYN_STATE_DIR or the per-user cache dir). */
  stateDir?: string;
  /**
   * What else tells persisted sessions apart besides the account, the slot and the session key
   * (default: `stack`). The provider uses the Pulumi project and its directory.
   */
  stateScope?: string;
  engine?: Partial<EngineOptions>;
}

const loginDataSchema = z.looseObject({ token: z.string().min(1) });

type SessionClass = typeof DynectSession;
const registry = new Map<SessionClass, Map<string, DynectSession>>();

function registryKey(o: SessionOptions): string {
  return JSON.stringify([threadId, o.stack ?? "", o.customerName, o.userName, normalizeApiUrl(o.apiUrl), o.slot ?? 0]);
}

/**
 * Everything but the registry key and the password that shapes an instance: `getOrCreate` with a
 * registered key and other settings is refused rather than silently given the old instance.
 */
function settingsOf(o: SessionOptions): { text: string; clock: unknown } {
  const { clock, ...engine } = resolveEngineOptions({ ...o.engine, ...(o.apiVersion !== undefined ? { apiVersion: o.apiVersion } : {}) });
  const sessionKey = o.sessionKey ?? process.env.DYN_SESSION_KEY ?? "";
  const text = JSON.stringify({ engine, persistent: sessionKey !== "", sessionKey, stateDir: o.stateDir ?? null, stateScope: o.stateScope ?? null });
  return { text, clock };
}

export class DynectSession extends SessionEngine {
  readonly customerName: string;
  readonly userName: string;
  readonly stack: string | undefined;
  readonly slot: number;
  /** Unique per instance (and so per thread): tells registry entries apart in logs and tests. */
  readonly instanceId = randomUUID();
  #password: string;
  #settings: { text: string; clock: unknown };
  #persisted: PersistedToken | undefined;
  #restoreTried = false;
  #restored = false;
  #keepAlive: NodeJS.Timeout | undefined;
  #registryKey: string | undefined;

  /** Prefer `DynectSession.getOrCreate`; direct construction bypasses the registry. */
  constructor(o: SessionOptions) {
    const insecure = typeof o.apiUrl === "string" ? insecureApiUrl(o.apiUrl) : undefined;
    if (insecure) throw new InvalidDataError(`DynECT apiUrl ${insecure}`, { field: "apiUrl" });
    super({
      apiUrl: o.apiUrl,
      customer: o.customerName,
      stateDir: o.stateDir ?? defaultStateDir(),
      engine: { ...o.engine, ...(o.apiVersion !== undefined ? { apiVersion: o.apiVersion } : {}) },
    });
    if (!o.customerName || !o.userName) throw new DynError("INVALID_DATA", "DynECT customer name and user name are required", { field: !o.customerName ? "customerName" : "userName" });
    if (typeof o.password !== "string" || o.password.length === 0) throw new DynError("INVALID_DATA", "DynECT password is required", { field: "password" });
    this.customerName = o.customerName;
    this.userName = o.userName;
    this.stack = o.stack;
    this.slot = o.slot ?? 0;
    this.#password = o.password;
    this.#settings = settingsOf(o);
    const sessionKey = o.sessionKey ?? process.env.DYN_SESSION_KEY;
    if (sessionKey) {
      const store = new SessionStateStore(
        { apiUrl: this.apiUrl, customer: this.customerName, user: this.userName, scope: o.stateScope ?? this.stack, slot: this.slot },
        sessionKey,
        o.stateDir,
      );
      this.#persisted = new PersistedToken(store, { alive: (token) => this.#alive("GET", token), logout: (token) => this.#logoutToken(token) });
    }
  }

  // ----- registry (class × thread × stack × account × API URL × slot) -----

  /** The registered instance for these options in this thread, created (not yet logged in) if absent. */
  /**
   * The registered instance for these options in this thread, created (not yet logged in) if
   * absent. For a live instance a new password is taken over (config may rotate it); any other
   * setting that differs (engine options, session key, state dir or scope) is refused with
   * INVALID_DATA — close the session first (`closeSession`) or use another `slot`.
   */
  static getOrCreate<S extends SessionClass>(this: S, o: SessionOptions): InstanceType<S> {
    const map = DynectSession.#mapFor(this);
    const key = registryKey(o);
    const existing = map.get(key);
    if (existing && !existing.closed) {
      const wanted = settingsOf(o);
      if (wanted.text !== existing.#settings.text || wanted.clock !== existing.#settings.clock) {
        throw new InvalidDataError(
          "A live DynectSession for this account, stack and slot exists with other settings (engine options, sessionKey, stateDir or stateScope): close it first (DynectSession.closeSession) or use another slot",
          { field: "options" },
        );
      }
      if (typeof o.password === "string" && o.password.length > 0) existing.#password = o.password;
      return existing as InstanceType<S>;
    }
    const created = new this(o) as InstanceType<S>;
    created.#registryKey = key;
    map.set(key, created);
    return created;
  }

  /**
   * The registered instance for these options in this thread. Without options (dyn-python's
   * `get_session()`): the most recently created live session of this class in this thread.
   */
  static getSession<S extends SessionClass>(this: S, o?: SessionOptions): InstanceType<S> | undefined {
    const map = registry.get(this);
    if (!map) return undefined;
    if (o === undefined) {
      const live = [...map.values()].filter((s) => !s.closed);
      return live[live.length - 1] as InstanceType<S> | undefined;
    }
    const s = map.get(registryKey(o));
    return s && !s.closed ? (s as InstanceType<S>) : undefined;
  }

  /** Closes (logs out) the registered instance for these options, then creates and logs in a new one. */
  static async newSession<S extends SessionClass>(this: S, o: SessionOptions): Promise<InstanceType<S>> {
    await this.closeSession(o);
    const s = this.getOrCreate(o) as InstanceType<S>;
    await s.login();
    return s;
  }

  /** Logs out and forgets the registered instance for these options (without: the one `getSession()` returns). */
  static async closeSession(this: SessionClass, o?: SessionOptions): Promise<void> {
    const s = o === undefined ? this.getSession() : registry.get(this)?.get(registryKey(o));
    if (s) await s.close();
  }

  /** Logs out and forgets every registered session of this thread (every class). */
  static async closeAll(): Promise<void> {
    const all = [...registry.values()].flatMap((m) => [...m.values()]);
    await Promise.allSettled(all.map((s) => s.close()));
  }

  /** Every live registered session of this thread (all classes). */
  static sessions(): DynectSession[] {
    return [...registry.values()].flatMap((m) => [...m.values()]).filter((s) => !s.closed);
  }

  static #mapFor(cls: SessionClass): Map<string, DynectSession> {
    let m = registry.get(cls);
    if (!m) registry.set(cls, (m = new Map()));
    return m;
  }

  // ----- session lifecycle -----

  /** Logs in unless a live token is held; concurrent callers share one login. */
  login(): Promise<void> {
    return this.queue.run(async () => {
      await this.ensureToken();
    });
  }

  /** `GET /REST/Session/`: is the token alive? A dead token is dropped (the next call logs in). */
  verify(): Promise<boolean> {
    return this.queue.run(async () => {
      const token = this.currentToken;
      if (token === undefined) return false;
      if (await this.#alive("GET")) return true;
      if (this.currentToken === token) this.dropToken();
      return false;
    });
  }

  /** `PUT /REST/Session/` (§3.1 keep-alive). No-op without a token; never logs in. */
  keepAlive(): Promise<void> {
    return this.queue.run(async () => {
      const token = this.currentToken;
      if (token === undefined) return;
      if (!(await this.#alive("PUT")) && this.currentToken === token) this.dropToken();
    });
  }

  /**
   * Gives up the current token — when its unpublished changes can no longer be trusted (a discard
   * that could not be confirmed): a best-effort logout, so DynECT drops those changes with it
   * (§3.2), and the next call logs in anew (the epoch moves, so their owners replay). With
   * `epoch`, only if the token is still that generation (a newer one is left alone). Runs in the
   * queue: calls queued before it finish first. Never throws.
   */
  abandonToken(epoch?: number): Promise<void> {
    return this.queue.run(async () => {
      if (epoch !== undefined && epoch !== this.epoch) return;
      await this.#logout(this.options.logoutTimeoutMs);
    });
  }

  /**
   * Logs out (`DELETE /REST/Session/`, bounded by engine.logoutTimeoutMs), stops timers, ends any
   * lease on persisted state and leaves the registry. Calls queued behind it fail; never throws.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.markClosed();
    this.#stopKeepAlive();
    this.#deregister();
    const limit = this.options.logoutTimeoutMs;
    // Let the call in flight finish (briefly), so the logout does not collide with its job.
    await withTimeout(this.queue.run(async () => undefined), limit);
    await this.#logout(limit);
    await this.#persisted?.drop();
  }

  /**
   * Leaves the registry and stops timers. Without persisted state the token stays valid (not
   * logged out). With it, the token is left for the next process only if it holds no unpublished
   * changes (`pendingZones` empty, no call in flight); otherwise it is logged out, so those
   * changes die with it instead of being published by whoever restores it. Never throws.
   */
  async detach(): Promise<void> {
    if (this.closed) return;
    this.markClosed();
    this.#stopKeepAlive();
    this.#deregister();
    if (!this.#persisted) return;
    const idle = await withTimeout(this.queue.run(async () => true), this.options.logoutTimeoutMs);
    const token = this.currentToken;
    this.dropToken();
    await this.#persisted.release(token, idle === true && this.pendingZones.length === 0);
  }

  /** Whether a session key enables persisted state. */
  get persistent(): boolean {
    return this.#persisted !== undefined;
  }

  /**
   * True when the current token was restored from persisted state, not obtained by this
   * session's own login: it may carry changes this process did not make (check a zone's
   * `getZoneChanges` before changing it).
   */
  get tokenRestored(): boolean {
    return this.loggedIn && this.#restored;
  }

  // ----- engine hooks -----

  protected override accountForErrors(): { customer: string; user: string } {
    return { customer: this.customerName, user: this.userName };
  }

  protected override async acquireToken(): Promise<{ token: string; reason: "login" | "restored" }> {
    if (this.#persisted && !this.#restoreTried) {
      this.#restoreTried = true;
      const restored = await this.#persisted.restore();
      if (restored) return { token: restored, reason: "restored" };
    }
    const res = await this.perform(
      "POST",
      "/REST/Session/",
      { customer_name: this.customerName, user_name: this.userName, password: this.#password },
      { auth: false, isLogin: true, idempotent: true, relogin: false, schema: loginDataSchema },
    );
    // Leased before first use: a process killed from now on leaves it to be reaped, not restored.
    await this.#persisted?.hold(res.data.token);
    return { token: res.data.token, reason: "login" };
  }

  protected override adoptToken(token: string, reason: "login" | "relogin" | "restored"): void {
    this.#restored = reason === "restored";
    super.adoptToken(token, reason);
    if (this.#registryKey !== undefined) installShutdownHandlers(shutdownAll);
    this.#startKeepAlive();
  }

  // ----- internals -----

  /**
   * Probes `/REST/Session/` (GET = verify, PUT = keep-alive) with the session's token or `token`,
   * without re-login: false when DynECT calls the token dead, true when alive; other errors throw.
   */
  async #alive(method: "GET" | "PUT", token?: string): Promise<boolean> {
    try {
      await this.perform(method, "/REST/Session/", undefined, { token, relogin: false });
      return true;
    } catch (e) {
      if (isDynError(e, ["SESSION_EXPIRED", "SESSION_INVALID"])) return false;
      throw e;
    }
  }

  /** Drops the current token and logs it out. */
  async #logout(timeoutMs: number): Promise<void> {
    const token = this.currentToken;
    if (token === undefined) return;
    this.dropToken();
    await this.#logoutToken(token, timeoutMs);
  }

  /** One DELETE /REST/Session/ attempt with `token` — no retries, no rate-budget wait, bounded in time. */
  async #logoutToken(token: string, timeoutMs = this.options.logoutTimeoutMs): Promise<void> {
    const call = { method: "DELETE", path: "/REST/Session/" };
    try {
      await withTimeout(this.exchange("DELETE", call.path, new URLSearchParams(), undefined, token, call, { timeoutMs, skipBudget: true }), timeoutMs);
    } catch {
      // Best effort: the token expires on its own.
    }
  }

  #startKeepAlive(): void {
    if (this.#keepAlive || this.options.keepAliveMs <= 0 || this.closed) return;
    // Each tick queues like any other call. Only an idle session is pinged: any request extends
    // the token anyway, and ticks never pile up.
    const every = this.options.keepAliveMs;
    this.#keepAlive = setInterval(() => {
      if (!this.loggedIn || this.pendingCalls > 0 || Date.now() - this.lastRequestAt < every) return;
      this.keepAlive().catch(() => undefined);
    }, every);
    this.#keepAlive.unref();
  }

  #stopKeepAlive(): void {
    if (this.#keepAlive) clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
  }

  #deregister(): void {
    if (this.#registryKey === undefined) return;
    for (const m of registry.values()) if (m.get(this.#registryKey) === this) m.delete(this.#registryKey);
  }

  /** Never reveal internals (token, password) through inspection. */
  toJSON(): Record<string, unknown> {
    return { instanceId: this.instanceId, apiUrl: this.apiUrl, customerName: this.customerName, userName: this.userName, stack: this.stack, slot: this.slot, epoch: this.epoch, loggedIn: this.loggedIn };
  }
}

/**
 * What runs on SIGINT/SIGTERM: sessions with persisted state are detached (their token is kept
 * for the next process — that is why a session key was configured — unless it holds unpublished
 * changes, then it is logged out); all others log out.
 */
async function shutdownAll(): Promise<void> {
  await Promise.allSettled(DynectSession.sessions().map((s) => (s.persistent ? s.detach() : s.close())));
}

