/**
 * The job waiter (§4): a call answered with a 307 or `incomplete` became a job, which is polled
 * with GET — never the original method or body — with back-off until it finishes or its deadline
 * passes. A job we stopped waiting for still occupies the token (§3.3), so the waiter remembers it
 * and the session's next request first waits for it.
 */
import { JobTimeoutError, TransportError, formatMessage, type DynCall, type DynError } from "../errors";
import { JOB_PATH, type Envelope } from "../schemas/envelope";
import { asDynError, type ReadAnswer } from "./answer";
import type { CallOptions } from "./call";
import type { EngineOptions } from "./options";
import type { RateBudget } from "./rate-budget";
import { RetryState, type RetryPolicy } from "./retry";
import { sleep } from "./timers";
import type { HttpResponse } from "./transport";

/** What the waiter needs from the engine: send one poll, read one answer. */
export interface JobPolling {
  /** Sends `GET <path>` with `token` (rate budget, history and transport as any request). */
  send(path: string, token: string | undefined, pollCall: DynCall, opts: CallOptions<unknown>): Promise<HttpResponse>;
  /** Reads a poll's answer as the answer of `call` (the call that became the job). */
  read(res: HttpResponse, call: DynCall, opts: CallOptions<unknown>, jobId: number): ReadAnswer;
}

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
   * this token, so the request is not refused with "job running".
   */
  async waitForAbandoned(token: string | undefined, opts: CallOptions<unknown>): Promise<void> {
    const pending = this.#abandoned;
    this.#abandoned = undefined;
    if (!pending || pending.token !== token) return;
    const call: DynCall = { method: "GET", path: pending.path };
    try {
      await this.follow(pending.path, token, call, { jobDeadlineMs: opts.jobDeadlineMs, timeoutMs: opts.timeoutMs }, false);
    } catch {
      // Its outcome belonged to an earlier caller, who already got JOB_TIMEOUT.
    }
  }

  /**
   * Polls a job (§4) with GET — never the original method or body — with back-off until it
   * finishes or the deadline passes. The answer is the original call's envelope. A failed poll
   * (no answer, 429, 5xx, session busy) goes through the retry policy like any idempotent call —
   * a 429 waits per Retry-After and pauses the account's rate budget; any other failure is the
   * job's own outcome (polling again would return the same) and ends the call.
   */
  async follow(jobPath: string, token: string | undefined, call: DynCall, opts: CallOptions<unknown>, rememberIfAbandoned = true): Promise<Envelope> {
    const o = this.options;
    const deadlineMs = opts.jobDeadlineMs ?? o.jobDeadlineMs;
    const deadline = Date.now() + deadlineMs;
    let delay = o.jobPollInitialMs;
    let wait = delay;
    let path = jobPath;
    const jobId = Number(JOB_PATH.exec(jobPath)?.[1]);
    const state = new RetryState();
    const tag = (e: DynError) => {
      jobErrors.add(e);
      if (rememberIfAbandoned && (e.code === "JOB_TIMEOUT" || e.code === "TRANSPORT")) this.#abandoned = { path, token };
      return e;
    };
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw tag(
          new JobTimeoutError(formatMessage(`Job ${jobId} did not complete within ${deadlineMs} ms`, call, ["the request may still be applied; it was not sent again"]), {
            call,
            jobId,
            retryable: false,
          }),
        );
      }
      await sleep(Math.min(wait, remaining));
      const pollCall: DynCall = { method: "GET", path };
      try {
        const res = await this.polling.send(path, token, pollCall, opts);
        const answer = this.polling.read(res, call, opts, jobId);
        if (answer.kind === "done") return answer.env;
        if (answer.kind === "redirect") path = answer.jobPath ?? path; // still running
      } catch (e) {
        const err = asDynError(e, pollCall);
        if (!POLL_FAILURES.has(err.code)) throw tag(err);
        const decision = this.retry.decide(err, { idempotent: true, canRelogin: false, afterJob: false }, state);
        if (decision.action !== "retry") {
          if (err.code !== "TRANSPORT") throw tag(err);
          throw tag(new TransportError(formatMessage(`Lost contact while waiting for job ${jobId}`, call, [err.message]), { call, jobId, retryable: false, sent: "unknown", cause: err }));
        }
        if (err.code === "RATE_LIMITED") this.budget.pause(decision.delayMs);
        wait = decision.delayMs;
        continue;
      }
      delay = Math.min(delay * 2, o.jobPollMaxMs);
      wait = delay;
    }
  }
}
