/**
 * The DynECT response envelope (dynect-api.md §2.1) and the error type route handlers throw.
 * Every JSON reply is `{status, data, job_id, msgs}`; failures carry one ERROR message with an
 * ERR_CD followed by INFO messages that add context.
 */
export type EnvelopeStatus = "success" | "failure" | "incomplete" | "running";
export type Level = "FATAL" | "ERROR" | "WARN" | "INFO";
/** `BLL` and `API-B` are the only SOURCE tags ever observed (§2.1). */
export type Source = "BLL" | "API-B";

export interface Msg {
  INFO: string;
  SOURCE: Source;
  ERR_CD: string | null;
  LVL: Level;
}

export interface Envelope {
  status: EnvelopeStatus;
  data: unknown;
  job_id: number;
  msgs?: Msg[];
}

export function info(text: string, source: Source = "BLL"): Msg {
  return { INFO: text, SOURCE: source, ERR_CD: null, LVL: "INFO" };
}

export function errorMsg(errCd: string, text: string, source: Source = "BLL"): Msg {
  return { INFO: text, SOURCE: source, ERR_CD: errCd, LVL: "ERROR" };
}

/** The ERR_CD of the first message that has one (metrics count errors by it). */
export function firstErrCd(msgs: Msg[]): string | undefined {
  return msgs.find((m) => m.ERR_CD !== null)?.ERR_CD ?? undefined;
}

/** What a route handler produces on success: the envelope minus job_id, plus the HTTP status. */
export interface Outcome {
  httpStatus: number;
  status: EnvelopeStatus;
  data: unknown;
  msgs: Msg[];
  /** job polls answer with the polled job's id instead of a new one (§4) */
  jobId?: number;
  /** real `incomplete` bodies have no msgs key (§2.1, Netflix/denominator#261) */
  noMsgs?: boolean;
}

export function ok(data: unknown, ...msgs: Msg[]): Outcome {
  return { httpStatus: 200, status: "success", data, msgs };
}

/** A failure reply; thrown by handlers and turned into a failure envelope by the server. */
export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly msgs: Msg[],
  ) {
    super(msgs.map((m) => m.INFO).join(". "));
  }

  toOutcome(): Outcome {
    return { httpStatus: this.httpStatus, status: "failure", data: {}, msgs: this.msgs };
  }
}

/** Shorthand: `fail(400, "INVALID_DATA", "ttl: must be …", "add: Record not added")`. */
export function fail(httpStatus: number, errCd: string, text: string, ...context: string[]): ApiError {
  return new ApiError(httpStatus, [errorMsg(errCd, text), ...context.map((c) => info(c))]);
}

/**
 * Job ids: large integers, monotonically increasing across the platform (§2.1: e.g. 4340980452).
 * One per request, never reused within a process.
 */
export class JobIds {
  private next: number;
  constructor(start = 4340980452) {
    this.next = start;
  }
  allocate(): number {
    return this.next++;
  }
}
