/**
 * SessionEngine — the one place that prepares, sends and processes DynECT calls:
 *   queue (one in flight per session) → token (lazy login) → rate budget → HTTP (undici) →
 *   envelope (zod) → error mapping → job follow (307 / incomplete) → retry policy.
 * This file is the call loop; reading answers is ./answer.ts, waiting for jobs ./job-waiter.ts.
 * DynectSession builds on it and supplies the login (`acquireToken`).
 *
 * Arguments of GET/DELETE travel as a query string (`?detail=Y`, §1: DynECT and the emulator
 * accept both forms; a query string is what HTTP intermediaries expect, and GETs stay body-less);
 * POST/PUT send a JSON body (`{}` when there are no arguments — never `null`, §1).
 */
import { EventEmitter } from "node:events";
import { MalformedResponseError, SessionInvalidError, TransportError, formatMessage, type DynCall, type DynError } from "../errors";
import { JOB_PATH, type Envelope } from "../schemas/envelope";
import { asDynError, peekStatus, readAnswer, resultOf, type ReadAnswer } from "./answer";
import type { ApiCaller, ApiResult, CallOptions, HttpMethod } from "./call";
import { CallHistory } from "./history";
import { JobWaiter, raisedWhileWaitingForJob } from "./job-waiter";
import { PendingChanges } from "./pending-changes";
import { resolveEngineOptions, type EngineOptions } from "./options";
import { SingleFlightQueue } from "./queue";
import { rateBudgetFor, type RateBudget } from "./rate-budget";
import { systemClock, type Clock } from "./timers";
import { RetryPolicy, RetryState } from "./retry";
import { getTransport, normalizeApiUrl, type HttpResponse, type Transport } from "./transport";

export type { ApiCaller, ApiResult, CallOptions, HttpMethod } from "./call";

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
  /** Where the rate budget's window is shared with other processes (with `shareRateBudget`). */
  stateDir?: string;
  engine?: Partial<EngineOptions>;
}

/** Emitted ("retry") before the engine waits to send a call again. */
export interface RetryEvent {
  call: DynCall;
  code: string;
  delayMs: number;
  reason: string;
  message: string;
}

/** Emitted ("throttle") before a call waits for the account's rate budget (§3.4). */
export interface ThrottleEvent {
  call: DynCall;
  ms: number;
  /** "paused": after a 429 the whole account waits; "budget": this minute's requests are used up. */
  reason: "paused" | "budget";
  perMinute: number;
}

/** Login, verify, keep-alive, logout: calls on the session itself, not on account data. */
const SESSION_PATH = /^\/REST\/Session\/?$/i;

export class SessionEngine extends EventEmitter {
  readonly apiUrl: string;
  readonly options: EngineOptions;
  readonly history: CallHistory;
  protected readonly queue = new SingleFlightQueue();
  #token: string | undefined;
  #epoch = 0;
  #writes = 0;
  readonly #pending = new PendingChanges();
  #closed = false;
  #lastRequestAt = 0;
  #transport: Transport;
  #budget: RateBudget;
  #retry: RetryPolicy;
  #jobs: JobWaiter;
  #clock: Clock;
  /**
   * Calls made while the queue slot is already held (by the call being verified, or an exclusive
   * section): they run at once, with the same retries, re-login and job handling as any call.
   */
  readonly #unqueued: ApiCaller = {
    call: <T>(method: HttpMethod, path: string, args?: Record<string, unknown>, opts: CallOptions<T> = {}) => this.perform(method, path, args, opts),
  };

  constructor(init: SessionEngineInit) {
    super();
    this.apiUrl = normalizeApiUrl(init.apiUrl);
    this.options = resolveEngineOptions(init.engine);
    this.history = new CallHistory(this.options.historySize);
    this.#transport = getTransport(this.apiUrl, this.options);
    this.#budget = rateBudgetFor(this.apiUrl, init.customer, this.options.requestsPerMinute, this.options.shareRateBudget ? init.stateDir : undefined, this.options.clock);
    this.#retry = new RetryPolicy(this.options);
    this.#clock = this.options.clock ?? systemClock;
    this.#jobs = new JobWaiter(this.options, this.#retry, this.#budget, {
      send: (path, token, pollCall, opts) => this.#send("GET", path, "", undefined, token, pollCall, undefined, opts),
      read: (res, call, opts, jobId) => this.#read(res, call, opts, jobId),
    });
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

  /**
   * Successful mutating calls (POST/PUT/DELETE outside /REST/Session/) so far: the zone batcher
   * compares it before and after a change to know whether the change left anything pending.
   */
  get writes(): number {
    return this.#writes;
  }

  /**
   * Zones in which the current token may hold unpublished changes (sent and not yet published or
   * discarded). A token with any is never kept for another process.
   */
  get pendingZones(): string[] {
    return this.#pending.zones;
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

  /**
   * Runs `fn` with the session to itself: the calls it makes through `unqueued` run in order and
   * nothing else interleaves. (A call on the session itself from inside `fn` would wait for `fn`.)
   */
  exclusive<T>(fn: (unqueued: ApiCaller) => Promise<T>): Promise<T> {
    return this.queue.run(() => fn(this.#unqueued));
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
    this.#pending.reset();
    const previous = this.#epoch;
    this.#epoch = previous + 1;
    // A call a listener makes queues behind the running one (listeners are not awaited).
    const event: EpochEvent = { epoch: this.#epoch, previous, reason };
    this.emit("epoch", event);
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
    const mutating = method !== "GET" && !SESSION_PATH.test(path);
    const state = new RetryState();
    let resent = false;
    // A DELETE repeated after an ambiguous failure may find its target already gone.
    let deleteMayHaveLanded = false;
    let attempted = false;
    for (;;) {
      if (opts.signal?.aborted) throw aborted(call, attempted && mutating);
      const token = opts.token ?? (authenticated ? await this.ensureToken() : undefined);
      if (this.#jobs.hasAbandonedJob && !JOB_PATH.test(path)) await this.#jobs.waitForAbandoned(token, opts);
      try {
        attempted = true;
        if (mutating && token !== undefined) this.#pending.sending(method, path, args);
        const env = await this.exchange(method, path, query, args, token, call, opts);
        const result = resultOf(env, call, opts.schema);
        if (mutating) this.#succeeded(method, path, args, token);
        return result;
      } catch (e) {
        const err = asDynError(e, call);
        if (deleteMayHaveLanded && err.code === "NOT_FOUND") {
          this.#succeeded(method, path, args, token);
          return { data: undefined as T, jobId: err.jobId ?? 0, msgs: [], status: "success", verified: true };
        }
        const decision = this.#retry.decide(
          err,
          { idempotent, canRelogin: authenticated && opts.token === undefined && opts.relogin !== false, afterJob: raisedWhileWaitingForJob(err) },
          state,
        );
        switch (decision.action) {
          case "relogin":
            state.relogins++;
            if (this.#token === token) this.dropToken();
            continue;
          case "retry":
            this.emit("retry", { call, code: err.code, delayMs: decision.delayMs, reason: decision.reason, message: err.message } satisfies RetryEvent);
            if (err.code === "RATE_LIMITED") this.#budget.pause(decision.delayMs);
            if (method === "DELETE" && (err.code === "TRANSPORT" || err.code === "API_ERROR") && err.sent !== false) deleteMayHaveLanded = true;
            await this.#clock.sleep(decision.delayMs, opts.signal);
            continue;
          case "ambiguous": {
            if (opts.verifyAfterAmbiguousFailure) {
              let found: T | undefined;
              try {
                found = await opts.verifyAfterAmbiguousFailure(this.#unqueued);
              } catch (verifyErr) {
                throw outcomeUnknown(err, call, verifyErr);
              }
              if (found !== undefined) {
                this.#succeeded(method, path, args, token);
                return { data: found, jobId: 0, msgs: [], status: "success", verified: true };
              }
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

  /** Bookkeeping of a mutating call that succeeded: writes, and what it did to the token's pending changes. */
  #succeeded(method: HttpMethod, path: string, args: Record<string, unknown> | undefined, token: string | undefined): void {
    this.#writes++;
    if (token !== undefined && token === this.#token) this.#pending.succeeded(method, path, args);
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
    if (method === "POST" || method === "PUT" || opts.jsonBody) body = JSON.stringify(args ?? {});
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
    if (!opts.skipBudget) await this.#budget.acquire((wait) => this.emit("throttle", { call, perMinute: this.#budget.perMinute, ...wait } satisfies ThrottleEvent));
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
      const res = await this.#transport.send({ method, pathWithQuery, headers, body, timeoutMs: opts.timeoutMs ?? this.options.requestTimeoutMs, signal: opts.signal }, call);
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

  /** Waits for the job a call became: its envelope on SUCCESS, else its error (a TIMEOUT is remembered, §3.3). */
  async #followJob(jobPath: string, token: string | undefined, call: DynCall, opts: CallOptions<unknown>): Promise<Envelope> {
    return this.#jobs.settle(await this.#jobs.follow(jobPath, token, call, opts), token);
  }

  #read(res: HttpResponse, call: DynCall, opts: CallOptions<unknown>, jobId?: number): ReadAnswer {
    return readAnswer(res, call, { isLogin: opts.isLogin, account: this.accountForErrors() }, jobId);
  }

  /** Who is logging in, for LOGIN_FAILED messages; overridden by DynectSession. */
  protected accountForErrors(): { customer: string; user: string } | undefined {
    return undefined;
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

function aborted(call: DynCall, mayHaveBeenSent: boolean): TransportError {
  return new TransportError(formatMessage("Aborted", call, [mayHaveBeenSent ? "an earlier attempt may have been applied" : ""]), { call, retryable: false, sent: mayHaveBeenSent ? "unknown" : false });
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
