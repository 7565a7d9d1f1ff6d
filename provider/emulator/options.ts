/** Public types of the emulator (`startEmulator()` options and its control interface). */
import type { BlockZoneOptions, FaultOptions, SlowOptions } from "./faults";
import type { MetricsSnapshot } from "./metrics";
import type { MonitoringOptions } from "./dsf/monitoring";
import type { DsfServiceState } from "./dsf/snapshot";

export type { DsfServiceState, MonitoringOptions };

export interface DsfState {
  services: Record<string, DsfServiceState>;
  monitors: Record<string, unknown>;
  notifiers: Record<string, unknown>;
}

export interface Account {
  customer: string;
  user: string;
  password: string;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1; a host that is not loopback is refused unless `unsafeListen` */
  host?: string;
  /** serve a non-loopback `host` (anyone reaching it can log in with its accounts and use the test controls) */
  unsafeListen?: boolean;
  accounts?: Account[];
  /** idle time after which a token dies with `login: inactivity logout`; default 3_600_000 */
  idleTimeoutMs?: number;
  /** account-wide requests per minute (§3.4); default 300 */
  rateLimitPerMinute?: number;
  /** how long a customer stays locked out after exceeding the limit; default 60_000 */
  rateLimitLockoutMs?: number;
  /** JSON file holding zones and published records; loaded on start, saved on change */
  stateFile?: string;
  /** reported as data.version at login; default "3.7.9" (the recorded server version) */
  serverVersion?: string;
  /**
   * time source of idle expiry, the rate-limit window and lockout and time-based zone blocks;
   * default the system clock. Tests pass one they move themselves instead of sleeping.
   */
  clock?: { now(): number };
}

/** A /REST/ request as it arrives (EmulatorControl.onRequest). */
export interface ArrivingRequest {
  method: string;
  /** path and query string as sent */
  path: string;
  /** "<METHOD> <path>" — what fault rules match against */
  key: string;
}

export interface EmulatorControl {
  metrics(): MetricsSnapshot;
  resetMetrics(): void;
  /** drop all zones, sessions, faults (accounts kept) */
  reset(): void;
  setFaults(f: FaultOptions): void;
  /** every live token becomes invalid; returns how many there were */
  expireTokens(): number;
  blockZone(b: BlockZoneOptions): { task_id: string; task_name: string };
  slow(s: SlowOptions): void;
  /** finishes every slow job held with `slow({ hold: true })`; returns how many */
  releaseJobs(): number;
  setRateLimit(r: { perMinute: number; lockoutMs?: number }): void;
  /** published data: zones, and Traffic Director services (published tree + pending count), monitors, notifiers */
  state(): { zones: Record<string, unknown>; dsf: DsfState };
  /** emulator addition: add (or change the password of) an account */
  addAccount(a: Account): void;
  /** emulator addition: change the idle timeout of sessions */
  setIdleTimeout(ms: number): void;
  /** emulator addition: the monitoring state Traffic Director records report (the emulator does not probe) */
  dsfMonitoring(o: MonitoringOptions): { records: number };
  /** emulator addition: the next `count` (default 1) requests that would publish a DSF service fail with 400 OPERATION_FAILED, applying nothing */
  dsfFailPublish(o?: { count?: number }): void;
  /**
   * emulator addition: the service restarts — every session, its unpublished changes and its running
   * jobs are lost, open connections are dropped (requests in flight get no answer); zones, published
   * records, accounts and faults stay. Returns how many sessions died.
   */
  restart(): number;
  /**
   * In-process only: calls `listener` synchronously as each /REST/ request arrives, before it is
   * processed (a listener may switch faults, expire tokens or restart for exactly that request).
   * Returns the unsubscribe function.
   */
  onRequest(listener: (request: ArrivingRequest) => void): () => void;
}

export interface RunningEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  control: EmulatorControl;
}
