/**
 * The retry strategy as one object (smithy-style): given a DynError and what happened so far in
 * this call, decide to retry after a wait, log in again, verify an ambiguous create, or fail.
 * All numbers come from EngineOptions.
 */
import type { DynError } from "../errors";
import type { EngineOptions } from "./options";

export type RetryDecision =
  | { action: "retry"; delayMs: number; reason: string }
  | { action: "relogin" }
  /** A non-idempotent call may have been applied: verify before anything else. */
  | { action: "ambiguous" }
  | { action: "fail" };

/** Mutable per-call bookkeeping. */
export class RetryState {
  transient = 0;
  busy = 0;
  rateLimited = 0;
  relogins = 0;
  /** "Operation blocked" waits so far, per task id (§9: per-task back-off). */
  blocked = new Map<string, number>();
}

export interface CallTraits {
  idempotent: boolean;
  /** A dead token may be replaced by a new login and the call repeated once. */
  canRelogin: boolean;
  /** The error surfaced while following a job: the original request must never be re-sent. */
  afterJob: boolean;
}

export class RetryPolicy {
  constructor(private readonly o: EngineOptions) {}

  decide(err: DynError, traits: CallTraits, state: RetryState): RetryDecision {
    if (traits.afterJob) return { action: "fail" };
    const scale = this.o.delayScale;
    switch (err.code) {
      case "SESSION_EXPIRED":
      case "SESSION_INVALID":
        return traits.canRelogin && state.relogins < 1 ? { action: "relogin" } : { action: "fail" };
      case "RATE_LIMITED": {
        if (state.rateLimited >= this.o.maxRateLimitRetries) return { action: "fail" };
        const fallback = Math.min(this.o.rateLimitMaxWaitMs, this.o.rateLimitMinWaitMs * 2 ** state.rateLimited) * scale;
        state.rateLimited++;
        return { action: "retry", delayMs: err.retryAfterMs ?? fallback, reason: "rate limited" };
      }
      case "SESSION_BUSY": {
        // Another holder of this token has a job running (our own queue prevents it here):
        // wait at the job-poll cadence.
        if (state.busy >= this.o.maxBusyRetries) return { action: "fail" };
        const wait = Math.min(this.o.jobPollMaxMs, this.o.jobPollInitialMs * 2 ** state.busy);
        state.busy++;
        return { action: "retry", delayMs: wait, reason: "session busy" };
      }
      case "BLOCKED_BY_TASK": {
        // Waits are counted per task id; a message without one counts under "" with its own delay.
        const key = err.taskId ?? "";
        const n = state.blocked.get(key) ?? 0;
        if (n >= this.o.blockedTaskWaitsMs.length) return { action: "fail" };
        state.blocked.set(key, n + 1);
        const wait = err.taskId === undefined ? this.o.blockedNoTaskWaitMs : this.o.blockedTaskWaitsMs[n];
        return { action: "retry", delayMs: wait * scale, reason: err.taskId === undefined ? "blocked by task" : `blocked by task ${err.taskId}` };
      }
      case "TRANSPORT":
      case "API_ERROR": {
        if (!err.retryable) return { action: "fail" };
        // A request that may have been applied is only repeated when repeating is harmless.
        if (err.sent !== false && !traits.idempotent) return { action: "ambiguous" };
        if (state.transient + 1 >= this.o.maxAttempts) return { action: "fail" };
        state.transient++;
        return { action: "retry", delayMs: this.backoff(state.transient), reason: "transient failure" };
      }
      default:
        return { action: "fail" };
    }
  }

  /** Exponential back-off with full jitter on the upper half. */
  backoff(attempt: number): number {
    const cap = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round((cap / 2 + (Math.random() * cap) / 2) * this.o.delayScale);
  }
}
