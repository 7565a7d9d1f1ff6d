/** What one API call is: its method, its options and its result (shared by the engine's parts). */
import type { z } from "zod";
import type { DynMsg } from "../schemas/envelope";

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
   * otherwise the call is sent once more. Without it such a call is never re-sent. It runs while
   * the call still holds the session's queue, so it must make its requests through `unqueued`
   * (a call on the session itself would wait for the call being verified).
   */
  verifyAfterAmbiguousFailure?: (unqueued: ApiCaller) => Promise<T | undefined>;
  /** Override: is repeating this call harmless? Default: every method but POST. */
  idempotent?: boolean;
  /**
   * Send the arguments as a JSON body even on GET/DELETE, as dyn-python does (§1) — for arguments
   * that are objects (a DSF node to detach), which a query string cannot carry. Default: query string.
   */
  jsonBody?: boolean;
  /** Follow 307 / `incomplete` jobs to their end (default true). */
  followJobs?: boolean;
  /** Replace a dead token with a new login and repeat once (default true). */
  relogin?: boolean;
  /** Per-exchange timeout (default EngineOptions.requestTimeoutMs). */
  timeoutMs?: number;
  /** Job deadline for this call (default EngineOptions.jobDeadlineMs). */
  jobDeadlineMs?: number;
  /** Aborts the exchange in flight, retry waits and job polling of this call (the outcome may then be unknown). */
  signal?: AbortSignal;
  /** @internal unauthenticated call (the login). */
  auth?: boolean;
  /** @internal the login call, for LOGIN_FAILED mapping. */
  isLogin?: boolean;
  /** @internal send with this token instead of the session's (probing a persisted token). */
  token?: string;
  /** @internal bypass the client-side rate budget (a logout must not wait a minute for it). */
  skipBudget?: boolean;
}

/**
 * What the typed API calls (provider/sdk/api/) need: something that makes one API call. A
 * DynectSession queues it behind the session's other calls; the unqueued caller handed to a
 * verifier or an `exclusive` section runs it at once, inside the queue slot already held.
 */
export interface ApiCaller {
  call<T = unknown>(method: HttpMethod, path: string, args?: Record<string, unknown>, opts?: CallOptions<T>): Promise<ApiResult<T>>;
}
