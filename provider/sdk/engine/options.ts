import type { Clock } from "./timers";

/**
 * Every engine default in one place (timeouts, job polling, retries, rate budget, keep-alive).
 * `delayScale` multiplies every retry wait (blocked-task, busy, transient, rate-limit fallback)
 * so tests can run the real policies fast; job polling has its own explicit knobs.
 */
export interface EngineOptions {
  /** `API-Version` header (§1). CAA needs ≥ 3.7.6. */
  apiVersion: string;
  userAgent: string;
  /** TCP connect timeout. */
  connectTimeoutMs: number;
  /** Time allowed for the response headers and between body chunks of one HTTP exchange. */
  requestTimeoutMs: number;
  /** Idle keep-alive of pooled connections. */
  socketKeepAliveMs: number;

  /** Job polling (§4): first wait, doubling up to `jobPollMaxMs`, whole job bounded by `jobDeadlineMs`. */
  jobPollInitialMs: number;
  jobPollMaxMs: number;
  jobDeadlineMs: number;

  /** Attempts for transient failures (network, 5xx) including the first. */
  maxAttempts: number;
  /**
   * Retries of "This session already has a job running" (§3.3) — only possible when another
   * process shares the token; waits follow the job-poll cadence.
   */
  maxBusyRetries: number;
  /** Exponential back-off for transient failures: base, doubled per attempt, capped. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** dyn-python's per-task back-off for "Operation blocked by current task" (§9): 1,3,7,15,31 s. */
  blockedTaskWaitsMs: number[];
  /** Wait when blocked without a task id. */
  blockedNoTaskWaitMs: number;
  /** Rate limit (§3.4): Retry-After if sent, else min doubling up to max; at most this many retries. */
  rateLimitMinWaitMs: number;
  rateLimitMaxWaitMs: number;
  maxRateLimitRetries: number;
  /** Multiplies every retry wait above (not Retry-After, not job polling or busy waits). */
  delayScale: number;

  /** Client-side budget shared by all sessions of one customer in this process; 0 disables. */
  requestsPerMinute: number;
  /**
   * Share that budget's window with the other processes of this machine through a file in the
   * state dir (DynectSession's `stateDir`), so concurrent deployments on one account jointly stay
   * under the limit. Default true.
   */
  shareRateBudget: boolean;

  /** Sends `PUT /REST/Session/` this often while logged in; 0 = off. */
  keepAliveMs: number;
  /** Per-call timeout of logouts at shutdown/close. */
  logoutTimeoutMs: number;
  /** Keep the last N calls (password/token redacted); 0 = no history. */
  historySize: number;
  /**
   * What the engine reads time and waits with (retry waits, job polling and deadlines); default the
   * system clock. Tests pass a controllable clock so outcomes never depend on the machine's load.
   */
  clock?: Clock;
}

export const DEFAULT_ENGINE_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  apiVersion: "3.7.16",
  userAgent: "pulumi-dyn",
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  socketKeepAliveMs: 30_000,

  jobPollInitialMs: 250,
  jobPollMaxMs: 2_000,
  jobDeadlineMs: 120_000,

  maxAttempts: 4,
  maxBusyRetries: 10,
  retryBaseMs: 250,
  retryMaxMs: 5_000,
  blockedTaskWaitsMs: [1_000, 3_000, 7_000, 15_000, 31_000],
  blockedNoTaskWaitMs: 1_000,
  rateLimitMinWaitMs: 5_000,
  rateLimitMaxWaitMs: 60_000,
  maxRateLimitRetries: 6,
  delayScale: 1,

  requestsPerMinute: 300,
  shareRateBudget: true,

  keepAliveMs: 0,
  logoutTimeoutMs: 2_500,
  historySize: 0,
});

export function resolveEngineOptions(partial: Partial<EngineOptions> = {}): EngineOptions {
  const out: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, blockedTaskWaitsMs: [...DEFAULT_ENGINE_OPTIONS.blockedTaskWaitsMs] };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  if (!(out.maxAttempts >= 1)) out.maxAttempts = 1;
  if (!(out.delayScale >= 0)) out.delayScale = 1;
  return out;
}
