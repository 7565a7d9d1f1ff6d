/**
 * SessionEngine — the one place that prepares, sends and processes DynECT calls:
 *   queue (one in flight per session) → token (lazy login) → rate budget → HTTP (undici) →
 *   envelope (zod) → error mapping → job follow (307 / incomplete) → retry policy.
 * DynectSession builds on it and supplies the login (`acquireToken`).
 *
 * Arguments of GET/DELETE travel as a query string (`?detail=Y`, §1: DynECT and the emulator
 * accept both forms; a query string is what HTTP intermediaries expect, and GETs stay body-less);
 * POST/PUT send a JSON body (`{}` when there are no arguments — never `null`, §1).
 */
import { EventEmitter } from "node:events";
import type { z } from "zod";
import {
  DynError,
  JobTimeoutError,
  MalformedResponseError,
  SessionInvalidError,
  TransportError,
  fromEnvelope,
  formatMessage,
  type DynCall,
  type EnvelopeContext,
} from "../errors";
import { JOB_PATH, parseEnvelope, type DynMsg, type Envelope } from "../schemas/envelope";
import { CallHistory } from "./history";
import { resolveEngineOptions, type EngineOptions } from "./options";
import { SingleFlightQueue, outsideQueue } from "./queue";
import { rateBudgetFor, type RateBudget } from "./rate-budget";
import { sleep } from "./timers";
import { RetryPolicy, RetryState } from "./retry";
import { getTransport, normalizeApiUrl, type HttpResponse, type Transport } from "./transport";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ApiResult<T> {
  data: T;
  /** DynECT job id of the answer (0 when the result came from a verifier). */
  jobId: number;
  msgs: DynMsg[];
  status: string;
  /**
   * True when an ambiguous failure was resolved without a direct answer: by
   * `verifyAfterAmbiguousFailure`, or a repeated DELETE finding its target already gone
   * (then `data` is undefined).
   */
  verified?: boolean;
}

export interface CallOptions<T> {
  /** Validates and types `data` of a successful answer. */
  schema?: z.ZodType<T>;
  /**
   * For non-idempotent calls (POST create): after an ambiguous failure (connection lost after
   * sending, 5xx) this looks for the object the call would have created; if found it is returned,
   * otherwise the call is sent once more. Without it such a call is never re-sent.
   */
  verifyAfterAmbiguousFailure?: () => Promise<T | undefined>;
  /** Override: is repeating this call harmless? Default: every method but POST. */
  idempotent?: boolean;
  /** Follow 307 / `incomplete` jobs to their end (default true). */
  followJobs?: boolean;
  /** Replace a dead token with a new login and repeat once (default true). */
  relogin?: boolean;
  /** Per-exchange timeout (default EngineOptions.requestTimeoutMs). */
  timeoutMs?: number;
  /** Job deadline for this call (default EngineOptions.jobDeadlineMs). */
  jobDeadlineMs?: number;
  /** @internal unauthenticated call (the login). */
  auth?: boolean;
  /** @internal the login call, for LOGIN_FAILED mapping. */
  isLogin?: boolean;
  /** @internal send with this token instead of the session's (probing a persisted token). */
  token?: string;
  /** @internal bypass the client-side rate budget (a logout must not wait a minute for it). */
  skipBudget?: boolean;
}

export interface EpochEvent {
  epoch: number;
  previous: number;
  /** "login" = first token, "relogin" = a dead token was replaced (pending changes are lost), "restored" = persisted token adopted. */
  reason: "login" | "relogin" | "restored";
}

export interface SessionEngineInit {
  apiUrl: string;
  /** Rate budget scope (§3.4: the limit is per customer account). */
  customer: string;
  engine?: Partial<EngineOptions>;
}

/** Errors raised while following a job: the original request must not be re-sent. */
const jobErrors = new WeakSet<DynError>();

/** Failures of a job poll itself (not the job's outcome): polled again per the retry policy. */
const POLL_FAILURES: ReadonlySet<string> = new Set(["TRANSPORT", "API_ERROR", "RATE_LIMITED", "SESSION_BUSY"]);

/** One HTTP answer read: a redirect to a job, a job still running, or the finished envelope. */
type ReadAnswer = { kind: "redirect"; jobPath: string | undefined } | { kind: "incomplete"; env: Envelope } | { kind: "done"; env: Envelope };

export class SessionEngine extends EventEmitter {
  readonly apiUrl: string;
  readonly options: EngineOptions;
  readonly history: CallHistory;
  protected readonly queue = new SingleFlightQueue();
  #token: string | undefined;
  /** A job we stopped waiting for (deadline, lost contact): it still occupies the token (§3.3). */
  #pendingJob: { path: string; token: string | undefined } | undefined;
  #epoch = 0;
  #closed = false;
  #lastRequestAt = 0;
  #transport: Transport;
  #budget: RateBudget;
  #retry: RetryPolicy;

  constructor(init: SessionEngineInit) {
    super();
    this.apiUrl = normalizeApiUrl(init.apiUrl);
    this.options = resolveEngineOptions(init.engine);
    this.history = new CallHistory(this.options.historySize);
    this.#transport = getTransport(this.apiUrl, this.options);
    this.#budget = rateBudgetFor(this.apiUrl, init.customer, this.options.requestsPerMinute);
    this.#retry = new RetryPolicy(this.options);
  }

  /** 0 before the first login; +1 whenever a new token is adopted (see EpochEvent). */
  get epoch(): number {
    return this.#epoch;
  }

  get loggedIn(): boolean {
    return this.#token !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Epoch ms of the last request sent (0 = none); keep-alive only pings an idle session. */
  get lastRequestAt(): number {
    return this.#lastRequestAt;
  }

  /** Calls queued or running on this session. */
  get pendingCalls(): number {
    return this.queue.size;
  }

  /** Listens to token changes; returns an unsubscribe function. */
  onNewToken(listener: (e: EpochEvent) => void): () => void {
    this.on("epoch", listener);
    return () => this.off("epoch", listener);
  }

  /** One API call, queued behind the session's other calls. */
  call<T = unknown>(method: HttpMethod, path: string, args?: Record<string, unknown>, opts: CallOptions<T> = {}): Promise<ApiResult<T>> {
    return this.queue.run(() => this.perform(method, path, args, opts));
  }

  /** Runs `fn` with the session to itself: calls made inside run in order, nothing else interleaves. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(fn);
  }

  /** Supplies a token; DynectSession logs in or restores. */
  protected acquireToken(): Promise<{ token: string; reason: "login" | "restored" }> {
    return Promise.reject(new SessionInvalidError("No login available for this engine"));
  }

  /** The current token, logging in first if there is none. Call only from inside the queue. */
  protected async ensureToken(): Promise<string> {
    if (this.#closed) throw new SessionInvalidError("Session is closed", { retryable: false });
    if (this.#token !== undefined) return this.#token;
    const hadToken = this.#epoch > 0;
    const { token, reason } = await this.acquireToken();
    this.adoptToken(token, reason === "login" && hadToken ? "relogin" : reason);
    return token;
  }

  protected adoptToken(token: string, reason: EpochEvent["reason"]): void {
    this.#token = token;
    const previous = this.#epoch;
    this.#epoch = previous + 1;
    // Listeners run outside this call's queue slot: a call they make waits its turn.
    const event: EpochEvent = { epoch: this.#epoch, previous, reason };
    outsideQueue(() => this.emit("epoch", event));
  }

  /** The token, for subclasses that persist or log out. */
  protected get currentToken(): string | undefined {
    return this.#token;
  }

  protected dropToken(): void {
    this.#token = undefined;
  }

  protected markClosed(): void {
    this.#closed = true;
  }

  /** One logical call: retries, re-login and ambiguous-failure handling. Runs inside the queue. */
  protected async perform<T>(method: HttpMethod, rawPath: string, args: Record<string, unknown> | undefined, opts: CallOptions<T>): Promise<ApiResult<T>> {
    const { path, query } = splitPath(rawPath);
    const call: DynCall = { method, path };
    const authenticated = opts.auth !== false;
    const idempotent = opts.idempotent ?? method !== "POST";
    const state = new RetryState();
    let resent = false;
    // A DELETE repeated after an ambiguous failure may find its target already gone.
    let deleteMayHaveLanded = false;
    for (;;) {
      const token = opts.token ?? (authenticated ? await this.ensureToken() : undefined);
      if (this.#pendingJob && !JOB_PATH.test(path)) await this.#drainPendingJob(token, opts);
      try {
        const env = await this.exchange(method, path, query, args, token, call, opts);
        return this.finish(env, call, opts.schema);
      } catch (e) {
        const err = asDynError(e, call);
        if (deleteMayHaveLanded && err.code === "NOT_FOUND") {
          return { data: undefined as T, jobId: err.jobId ?? 0, msgs: [], status: "success", verified: true };
        }
        const decision = this.#retry.decide(
          err,
          { idempotent, canRelogin: authenticated && opts.token === undefined && opts.relogin !== false, afterJob: jobErrors.has(err) },
          state,
        );
        switch (decision.action) {
          case "relogin":
            state.relogins++;
            if (this.#token === token) this.dropToken();
            continue;
          case "retry":
            if (err.code === "RATE_LIMITED") this.#budget.pause(decision.delayMs);
            if (method === "DELETE" && (err.code === "TRANSPORT" || err.code === "API_ERROR") && err.sent !== false) deleteMayHaveLanded = true;
            await sleep(decision.delayMs);
            continue;
          case "ambiguous": {
            if (opts.verifyAfterAmbiguousFailure) {
              let found: T | undefined;
              try {
                found = await opts.verifyAfterAmbiguousFailure();
              } catch (verifyErr) {
                throw outcomeUnknown(err, call, verifyErr);
              }
              if (found !== undefined) return { data: found, jobId: 0, msgs: [], status: "success", verified: true };
              if (!resent) {
                resent = true;
                continue;
              }
            }
            throw outcomeUnknown(err, call);
          }
          case "fail":
            throw err;
        }
      }
    }
  }

  #finishSchemaError(call: DynCall, issues: string): MalformedResponseError {
    return new MalformedResponseError(formatMessage("Unexpected response data", call, [issues]), { call });
  }

  protected finish<T>(env: Envelope, call: DynCall, schema: z.ZodType<T> | undefined): ApiResult<T> {
    let data = env.data as T;
    if (schema) {
      const parsed = schema.safeParse(env.data);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join(", ");
        throw this.#finishSchemaError(call, issues);
      }
      data = parsed.data;
    }
    return { data, jobId: env.job_id ?? 0, msgs: env.msgs ?? [], status: env.status };
  }

  /** One HTTP exchange plus the job it may turn into; no retries. */
  protected async exchange(
    method: HttpMethod,
    path: string,
    query: URLSearchParams,
    args: Record<string, unknown> | undefined,
    token: string | undefined,
    call: DynCall,
    opts: CallOptions<unknown>,
  ): Promise<Envelope> {
    // History shows the path and the arguments (redacted) — never the query string they became.
    const shown = query.size > 0 ? { ...Object.fromEntries(query), ...args } : args;
    let body: string | undefined;
    if (method === "POST" || method === "PUT") body = JSON.stringify(args ?? {});
    else if (args) for (const [k, v] of Object.entries(args)) if (v !== undefined) query.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
    const res = await this.#send(method, path, query.toString(), body, token, call, shown, opts);
    return this.#interpret(res, token, call, opts);
  }

  async #send(
    method: HttpMethod,
    path: string,
    qs: string,
    body: string | undefined,
    token: string | undefined,
    call: DynCall,
    args: Record<string, unknown> | undefined,
    opts: CallOptions<unknown>,
  ): Promise<HttpResponse> {
    if (!opts.skipBudget) await this.#budget.acquire();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      "api-version": this.options.apiVersion,
      "user-agent": this.options.userAgent,
    };
    if (token !== undefined) headers["auth-token"] = token;
    const started = Date.now();
    this.#lastRequestAt = started;
    const pathWithQuery = qs ? `${path}?${qs}` : path;
    const keep = this.history.capacity > 0; // history is off by default: skip the bookkeeping
    try {
      const res = await this.#transport.send({ method, pathWithQuery, headers, body, timeoutMs: opts.timeoutMs ?? this.options.requestTimeoutMs }, call);
      if (keep) {
        this.history.add({ at: new Date(started).toISOString(), method, path, args, httpStatus: res.status, status: peekStatus(res.body), durationMs: Date.now() - started });
      }
      return res;
    } catch (e) {
      if (keep) this.history.add({ at: new Date(started).toISOString(), method, path, args, durationMs: Date.now() - started, error: (e as Error).message });
      throw e;
    }
  }

  #interpret(res: HttpResponse, token: string | undefined, call: DynCall, opts: CallOptions<unknown>): Promise<Envelope> | Envelope {
    const answer = this.#read(res, call, opts);
    if (answer.kind === "done") return answer.env;
    if (answer.kind === "redirect") {
      if (!answer.jobPath) throw new MalformedResponseError(formatMessage("Redirect without a job path", call, [`HTTP ${res.status}`]), { call, httpStatus: res.status });
      if (opts.followJobs === false) return { status: "incomplete", data: null, job_id: Number(JOB_PATH.exec(answer.jobPath)?.[1]), msgs: [] };
      return this.#followJob(answer.jobPath, token, call, opts);
    }
    if (opts.followJobs === false) return answer.env;
    if (answer.env.job_id === undefined) throw new MalformedResponseError(formatMessage("Incomplete job without job_id", call, []), { call });
    return this.#followJob(`/REST/Job/${answer.env.job_id}/`, token, call, opts);
  }

  /**
   * Reads one HTTP answer — of the call itself or of a job poll: a redirect to a job, a job still
   * running, or the finished call's envelope; every failure is thrown as the DynError of `call`.
   */
  #read(res: HttpResponse, call: DynCall, opts: CallOptions<unknown>, jobId?: number): ReadAnswer {
    if (res.status >= 300 && res.status < 400) return { kind: "redirect", jobPath: jobPathOf(res) };
    const ctx: EnvelopeContext = { call, httpStatus: res.status, retryAfterMs: retryAfterMs(res), isLogin: opts.isLogin, account: this.accountForErrors() };
    const parsed = parseEnvelope(res.body);
    if (!parsed.ok) {
      if (res.status === 429 || res.status >= 500) throw fromEnvelope(undefined, ctx);
      const what = jobId === undefined ? "Malformed response" : `Malformed answer while waiting for job ${jobId}`;
      throw new MalformedResponseError(formatMessage(what, call, [`HTTP ${res.status}`, parsed.reason]), { call, httpStatus: res.status, jobId });
    }
    const env = parsed.envelope;
    if (env.status === "incomplete" && res.status < 300) return { kind: "incomplete", env };
    if (env.status === "success" && res.status < 300) return { kind: "done", env };
    throw fromEnvelope(env, ctx);
  }

  /**
   * Before the next request, waits (bounded by the job deadline) for a job abandoned earlier on
   * this token, so the request is not refused with "job running".
   */
  async #drainPendingJob(token: string | undefined, opts: CallOptions<unknown>): Promise<void> {
    const pending = this.#pendingJob;
    this.#pendingJob = undefined;
    if (!pending || pending.token !== token) return;
    const call: DynCall = { method: "GET", path: pending.path };
    try {
      await this.#followJob(pending.path, token, call, { jobDeadlineMs: opts.jobDeadlineMs, timeoutMs: opts.timeoutMs }, false);
    } catch {
      // Its outcome belonged to an earlier caller, who already got JOB_TIMEOUT.
    }
  }

  /** Who is logging in, for LOGIN_FAILED messages; overridden by DynectSession. */
  protected accountForErrors(): { customer: string; user: string } | undefined {
    return undefined;
  }

  /**
   * Polls a job (§4) with GET — never the original method or body — with back-off until it
   * finishes or the deadline passes. The answer is the original call's envelope. A failed poll
   * (no answer, 429, 5xx, session busy) goes through the retry policy like any idempotent call —
   * a 429 waits per Retry-After and pauses the account's rate budget; any other failure is the
   * job's own outcome (polling again would return the same) and ends the call.
   */
  async #followJob(jobPath: string, token: string | undefined, call: DynCall, opts: CallOptions<unknown>, rememberIfAbandoned = true): Promise<Envelope> {
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
      if (rememberIfAbandoned && (e.code === "JOB_TIMEOUT" || e.code === "TRANSPORT")) this.#pendingJob = { path, token };
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
        const res = await this.#send("GET", path, "", undefined, token, pollCall, undefined, opts);
        const answer = this.#read(res, call, opts, jobId);
        if (answer.kind === "done") return answer.env;
        if (answer.kind === "redirect") path = answer.jobPath ?? path; // still running
      } catch (e) {
        const err = asDynError(e, pollCall);
        if (!POLL_FAILURES.has(err.code)) throw tag(err);
        const decision = this.#retry.decide(err, { idempotent: true, canRelogin: false, afterJob: false }, state);
        if (decision.action !== "retry") {
          if (err.code !== "TRANSPORT") throw tag(err);
          throw tag(new TransportError(formatMessage(`Lost contact while waiting for job ${jobId}`, call, [err.message]), { call, jobId, retryable: false, sent: "unknown", cause: err }));
        }
        if (err.code === "RATE_LIMITED") this.#budget.pause(decision.delayMs);
        wait = decision.delayMs;
        continue;
      }
      delay = Math.min(delay * 2, o.jobPollMaxMs);
      wait = delay;
    }
  }
}

/** "/REST/Zone/x/?detail=Y" → path "/REST/Zone/x/" + query; paths are normalised to start with /REST/. */
function splitPath(raw: string): { path: string; query: URLSearchParams } {
  const q = raw.indexOf("?");
  let path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "");
  if (!path.startsWith("/")) path = `/${path}`;
  if (!/^\/REST(\/|$)/.test(path)) path = `/REST${path}`;
  return { path, query };
}

function jobPathOf(res: HttpResponse): string | undefined {
  const loc = res.headers["location"];
  const location = Array.isArray(loc) ? loc[0] : loc;
  // An absolute Location (§4: "https://api2.dynect.net/REST/Job/1234") is reduced to its path:
  // the token only ever goes to our own API origin.
  const m = JOB_PATH.exec(location ?? "") ?? JOB_PATH.exec(res.body);
  return m ? `/REST/Job/${m[1]}/` : undefined;
}

function retryAfterMs(res: HttpResponse): number | undefined {
  const h = res.headers["retry-after"];
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

function peekStatus(body: string): string | undefined {
  const m = /"status"\s*:\s*"([a-z]+)"/.exec(body.slice(0, 200));
  return m?.[1];
}

function asDynError(e: unknown, call: DynCall): DynError {
  if (e instanceof DynError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new TransportError(formatMessage("Unexpected failure", call, [msg]), { call, sent: "unknown", retryable: false, cause: e });
}

function outcomeUnknown(err: DynError, call: DynCall, verifyErr?: unknown): TransportError {
  const details = [`outcome unknown — the request may have been applied, so it was not sent again (${err.message})`];
  if (verifyErr !== undefined) details.push(`verification failed: ${verifyErr instanceof Error ? verifyErr.message : String(verifyErr)}`);
  return new TransportError(formatMessage("Network failure", call, details), {
    call,
    retryable: false,
    sent: "unknown",
    httpStatus: err.httpStatus,
    cause: err,
  });
}
