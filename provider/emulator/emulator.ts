/** The emulator's in-process core: state, sessions, faults, limits, metrics and the control API. */
import { MONITORING_STATUSES, setMonitoring } from "./dsf/monitoring";
import { persistDsf, restoreDsf } from "./dsf/persist";
import { dsfSnapshot } from "./dsf/snapshot";
import { DsfStore } from "./dsf/store";
import { JobIds } from "./envelope";
import { Faults, FAIL_MODES, type BlockZoneOptions, type FaultOptions, type SlowOptions } from "./faults";
import { Metrics } from "./metrics";
import type { Account, ArrivingRequest, EmulatorControl, EmulatorOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import { Sessions } from "./sessions";
import { Store } from "./state";
import { normalizeName } from "./validate";

export class Emulator {
  readonly store: Store;
  /** Traffic Director services, monitors and notifiers (§7) */
  readonly dsf = new DsfStore();
  readonly sessions: Sessions;
  readonly faults: Faults;
  readonly rate: RateLimiter;
  readonly metrics = new Metrics();
  readonly jobIds = new JobIds();
  readonly serverVersion: string;
  /** customer → user → password */
  private readonly accounts = new Map<string, Map<string, string>>();
  private readonly requestListeners = new Set<(r: ArrivingRequest) => void>();
  /** What the HTTP server does on a restart (drop connections and running jobs). */
  private readonly restartHooks: (() => void)[] = [];

  constructor(opts: EmulatorOptions = {}) {
    this.store = new Store(opts.stateFile);
    restoreDsf(this.dsf, this.store.section("dsf", () => persistDsf(this.dsf)));
    this.dsf.onChange = () => this.store.changed();
    const now = opts.clock ? () => opts.clock!.now() : Date.now;
    this.sessions = new Sessions(opts.idleTimeoutMs ?? 3_600_000, now);
    this.faults = new Faults((task) => this.store.completeTask(task), now);
    this.rate = new RateLimiter(opts.rateLimitPerMinute ?? 300, opts.rateLimitLockoutMs ?? 60_000, now);
    this.serverVersion = opts.serverVersion ?? "3.7.9";
    for (const a of opts.accounts ?? []) this.addAccount(a);
  }

  addAccount(a: Account): void {
    let users = this.accounts.get(a.customer);
    if (!users) this.accounts.set(a.customer, (users = new Map()));
    users.set(a.user, a.password);
  }

  /** Called by the server as each /REST/ request arrives, before anything else happens to it. */
  requestArrived(method: string, pathWithQuery: string): void {
    for (const listener of [...this.requestListeners]) listener({ method, path: pathWithQuery, key: `${method} ${pathWithQuery}` });
  }

  onRestart(hook: () => void): void {
    this.restartHooks.push(hook);
  }

  checkPassword(customer: string, user: string, password: string): boolean {
    const expected = this.accounts.get(customer)?.get(user);
    return expected !== undefined && expected === password;
  }

  readonly control: EmulatorControl = {
    metrics: () => this.metrics.snapshot(),
    resetMetrics: () => this.metrics.reset(),
    reset: () => {
      this.faults.reset();
      this.sessions.clear();
      this.dsf.reset();
      this.store.reset();
      this.rate.reset();
    },
    setFaults: (f: FaultOptions) => {
      const rules = f.failNext === undefined ? [] : Array.isArray(f.failNext) ? f.failNext : [f.failNext];
      for (const rule of rules) {
        if (typeof rule !== "object" || rule === null || !FAIL_MODES.includes(rule.mode)) throw new Error(`failNext.mode must be one of ${FAIL_MODES.join(", ")}`);
        if (!(Number(rule.count) >= 0)) throw new Error("failNext.count must be a number >= 0");
      }
      this.faults.set(f);
    },
    restart: () => {
      const sessions = this.sessions.restart();
      for (const hook of this.restartHooks) hook();
      return sessions;
    },
    onRequest: (listener) => {
      this.requestListeners.add(listener);
      return () => this.requestListeners.delete(listener);
    },
    expireTokens: () => this.sessions.expireAll(),
    blockZone: (b: BlockZoneOptions) => {
      const zoneName = normalizeName(String(b.zone ?? ""));
      if (!zoneName) throw new Error("zone is required");
      const owner = this.store.zones.get(zoneName)?.customer ?? "";
      const task = this.store.createTask(b.taskName ?? "ProvisionZone", { name: zoneName, customer: owner }, "running", true);
      this.faults.block(zoneName, task, b.requests, b.ms);
      return { task_id: task.task_id, task_name: task.name };
    },
    slow: (s: SlowOptions) => {
      if (!["redirect", "incomplete", "off"].includes(s.mode)) throw new Error("mode must be redirect, incomplete or off");
      this.faults.setSlow({ ...s, jobMs: Math.max(0, Number(s.jobMs) || 0) });
    },
    releaseJobs: () => this.faults.releaseHeld(),
    setRateLimit: (r) => {
      if (!(Number(r.perMinute) > 0)) throw new Error("perMinute must be a positive number");
      this.rate.configure(Number(r.perMinute), r.lockoutMs === undefined ? undefined : Number(r.lockoutMs));
    },
    state: () => ({ ...(this.store.snapshot() as { zones: Record<string, unknown> }), dsf: dsfSnapshot(this.dsf) }),
    addAccount: (a: Account) => {
      if (!a.customer || !a.user || typeof a.password !== "string") throw new Error("customer, user and password are required");
      this.addAccount(a);
    },
    setIdleTimeout: (ms: number) => this.sessions.setIdleTimeout(ms),
    dsfMonitoring: (o) => {
      if (!(MONITORING_STATUSES as readonly string[]).includes(o.status)) throw new Error(`status must be one of ${MONITORING_STATUSES.join(", ")}`);
      return { records: setMonitoring(this.dsf, o) };
    },
    dsfFailPublish: (o = {}) => {
      const count = o.count === undefined ? 1 : Number(o.count);
      if (!Number.isInteger(count) || count < 0) throw new Error("count must be a non-negative integer");
      this.dsf.failPublishes(count);
    },
  };
}
