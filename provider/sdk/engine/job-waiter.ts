/**
 * The job waiter (§4): a call answered with a 307 or `incomplete` became a job, which is polled
 * with GET — never the original method or body — with back-off until it finishes or its deadline
 * passes. Every wait ends in one explicit result: SUCCESS (the call's envelope), FAILURE (the
 * call's error: the job ran and failed) or TIMEOUT (the outcome is unknown: the deadline passed,
 * contact was lost or the wait was aborted). The deadline is real: each poll's timeout is clamped
 * to what remains and an AbortSignal ends the exchange in flight when it passes.
 *
 * A job we stopped waiting for still occupies the token (§3.3), so the waiter remembers it and the
 * session's next request first waits for it.
 */
import { JobTimeoutError, TransportError, formatMessage, type DynCall, type DynError } from "../errors";
import { JOB_PATH, type Envelope } from "../schemas/envelope";
import { asDynError, type ReadAnswer } from "./answer";
import type { CallOptions } from "./call";
import type { EngineOptions } from "./options";
import type { RateBudget } from "./rate-budget";
import { RetryState, type RetryPolicy } from "./retry";
import { systemClock } from "./timers";
import type { HttpResponse } from "./transport";

/** What the waiter needs from the engine: send one poll, read one answer. */
export interface JobPolling {
  /** Sends `GET <path>` with `token` (rate budget, history and transport as any request). */
  send(path: string, token: string | undefined, pollCall: DynCall, opts: CallOptions<unknown>): Promise<HttpResponse>;
  /** Reads a poll's answer as the answer of `call` (the call that became the job). */
  read(res: HttpResponse, call: DynCall, opts: CallOptions<unknown>, jobId: number): ReadAnswer;
}

/** How a wait for a job ended. */
export type JobResult =
  /** The job finished and succeeded: the original call's envelope. */
  | { status: "SUCCESS"; env: Envelope }
  /** The job finished and failed (or answered something that is its outcome): the call's error. */
  | { status: "FAILURE"; error: DynError }
  /** The outcome is unknown — the deadline passed, contact was lost, or the wait was aborted; the job may still complete. */
  | { status: "TIMEOUT"; error: DynError; jobPath: string };

/** Errors raised while following a job: the original request must not be re-sent. */
const jobErrors = new WeakSet<DynError>();

/** True when `err` was raised while following a job (the retry policy must not re-send the call). */
export function raisedWhileWaitingForJob(err: DynError): boolean {
  return jobErrors.has(err);
}

/** Failures of a job poll itself (not the job's outcome): polled again per the retry policy. */
const POLL_FAILURES: ReadonlySet<string> = new Set(["TRANSPORT", "API_ERROR", "RATE_LIMITED", "SESSION_BUSY"]);

export class JobWaiter {
  /** A job we stopped waiting for (deadline, lost contact): it still occupies the token (§3.3). */
  #abandoned: { path: string; token: string | undefined } | undefined;

  constructor(
    private readonly options: EngineOptions,
    private readonly retry: RetryPolicy,
    private readonly budget: RateBudget,
    private readonly polling: JobPolling,
  ) {}

  /** True when a job was abandoned on some token and not yet waited for. */
  get hasAbandonedJob(): boolean {
    return this.#abandoned !== undefined;
  }

  /**
   * Before the next request, waits (bounded by the job deadline) for a job abandoned earlier on
   * this token, so the request is not refused with "job running". Returns how that wait ended
   * (undefined when there was nothing to wait for); a job still running stays remembered.
   */
  async waitForAbandoned(token: string | undefined, opts: CallOptions<unknown>): Promise<JobResult | undefined> {
    const pending = this.#abandoned;
    this.#abandoned = undefined;
    if (!pending || pending.token !== token) return undefined;
    const call: DynCall = { method: "GET", path: pending.path };
    const result = await this.follow(pending.path, token, call, { jobDeadlineMs: opts.jobDeadlineMs, timeoutMs: opts.timeoutMs, signal: opts.signal });
    if (result.status === "TIMEOUT" && this.#abandoned === undefined) this.#abandoned = { path: result.jobPath, token };
    return result;
  }

  /** The envelope of a SUCCESS; otherwise throws the result's error (remembering a job still running). */
  settle(result: JobResult, token: string | undefined): Envelope {
    if (result.status === "SUCCESS") return result.env;
    jobErrors.add(result.error);
    if (result.status === "TIMEOUT") this.#abandoned = { path: result.jobPath, token };
    throw result.error;
  }

  /**
   * Polls a job (§4) with GET until it finishes or the deadline (`opts.jobDeadlineMs`, default
   * EngineOptions.jobDeadlineMs) passes. A failed poll (no answer, 429, 5xx, session busy) goes
   * through the retry policy like any idempotent call — a 429 waits per Retry-After and pauses the
   * account's rate budget; any other failure is the job's own outcome (polling again would return
   * the same). Never throws: every end is a JobResult.
   */
  async follow(jobPath: string, token: string | undefined, call: DynCall, opts: CallOptions<unknown>): Promise<JobResult> {
    const o = this.options;
    const clock = o.clock ?? systemClock;
    const deadlineMs = opts.jobDeadlineMs ?? o.jobDeadlineMs;
    const deadline = clock.now() + deadlineMs;
    const jobId = Number(JOB_PATH.exec(jobPath)?.[1]);
    let delay = o.jobPollInitialMs;
    let wait = delay;
    let path = jobPath;
    const state = new RetryState();
    const timeout = (detail: string, cause?: DynError): JobResult => ({
      status: "TIMEOUT",
      jobPath: path,
      error:
        cause !== undefined
          ? new TransportError(formatMessage(`Lost contact while waiting for job ${jobId}`, call, [cause.message]), { call, jobId, retryable: false, sent: "unknown", cause })
          : new JobTimeoutError(formatMessage(`Job ${jobId} ${detail}`, call, ["the request may still be applied; it was not sent again"]), { call, jobId, retryable: false, cause }),
    });
    for (;;) {
      if (opts.signal?.aborted) return timeout("was abandoned: the wait was aborted");
      const remaining = deadline - clock.now();
      if (remaining <= 0) return timeout(`did not complete within ${deadlineMs} ms`);
      await clock.sleep(Math.min(wait, remaining), opts.signal);
      const left = deadline - clock.now();
      if (opts.signal?.aborted) return timeout("was abandoned: the wait was aborted");
      if (left <= 0) return timeout(`did not complete within ${deadlineMs} ms`);
      const pollCall: DynCall = { method: "GET", path };
      // The poll in flight ends with the deadline: its own timeout and an abort at what remains.
      const pollTimeout = Math.max(1, Math.min(opts.timeoutMs ?? o.requestTimeoutMs, left));
      const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(pollTimeout)]) : AbortSignal.timeout(pollTimeout);
      try {
        const res = await this.polling.send(path, token, pollCall, { ...opts, timeoutMs: pollTimeout, signal });
        const answer = this.polling.read(res, call, opts, jobId);
        if (answer.kind === "done") return { status: "SUCCESS", env: answer.env };
        if (answer.kind === "redirect") path = answer.jobPath ?? path; // still running
      } catch (e) {
        const err = asDynError(e, pollCall);
        if (!POLL_FAILURES.has(err.code)) return { status: "FAILURE", error: err };
        const decision = this.retry.decide(err, { idempotent: true, canRelogin: false, afterJob: false }, state);
        // Polling gave up: whether the job ran is unknown.
        if (decision.action !== "retry") return timeout("lost", err);
        if (err.code === "RATE_LIMITED") this.budget.pause(decision.delayMs);
        wait = decision.delayMs;
        continue;
      }
      delay = Math.min(delay * 2, o.jobPollMaxMs);
      wait = delay;
    }
  }
}
