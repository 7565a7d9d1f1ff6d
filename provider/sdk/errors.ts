/**
 * One error hierarchy for every DynECT failure (DESIGN invariant 10). `code` strings are stable API;
 * `retryable` is decided here, once, from the envelope (§2.1–§2.4). Messages read
 * "<what failed> (<METHOD> <path>): <INFO texts>" and never contain a token or password —
 * a path never carries either, and request bodies are never quoted.
 */
import type { DynMsg, Envelope } from "./schemas/envelope";

export type DynErrorCode =
  | "NOT_FOUND"
  | "TARGET_EXISTS"
  | "INVALID_DATA"
  | "LOGIN_FAILED"
  | "SESSION_INVALID"
  | "SESSION_EXPIRED"
  | "SESSION_BUSY"
  | "BLOCKED_BY_TASK"
  | "RATE_LIMITED"
  | "JOB_TIMEOUT"
  | "TRANSPORT"
  | "MALFORMED_RESPONSE"
  | "ILLEGAL_OPERATION"
  | "API_ERROR";

export interface DynCall {
  method: string;
  /** Request path without query string, e.g. `/REST/Zone/example.com/`. */
  path: string;
}

export interface DynErrorInit {
  retryable?: boolean;
  call?: DynCall;
  errCd?: string;
  infos?: string[];
  httpStatus?: number;
  field?: string;
  taskId?: string;
  taskName?: string;
  jobId?: number;
  /** Server hint (Retry-After) for RATE_LIMITED, in ms. */
  retryAfterMs?: number;
  /**
   * TRANSPORT only: whether the request reached the server. `false` = certainly not sent
   * (connection refused), `"unknown"` = it may have been applied (reset/timeout after sending).
   */
  sent?: boolean | "unknown";
  cause?: unknown;
}

const DEFAULT_RETRYABLE: Record<DynErrorCode, boolean> = {
  NOT_FOUND: false,
  TARGET_EXISTS: false,
  INVALID_DATA: false,
  LOGIN_FAILED: false,
  SESSION_INVALID: true, // after a new login
  SESSION_EXPIRED: true, // after a new login
  SESSION_BUSY: true,
  BLOCKED_BY_TASK: true,
  RATE_LIMITED: true,
  JOB_TIMEOUT: false, // the job may still complete: never re-send
  TRANSPORT: true,
  MALFORMED_RESPONSE: false,
  ILLEGAL_OPERATION: false,
  API_ERROR: false,
};

export class DynError extends Error {
  readonly code: DynErrorCode;
  readonly retryable: boolean;
  readonly call?: DynCall;
  readonly errCd?: string;
  readonly infos: string[];
  readonly httpStatus?: number;
  readonly field?: string;
  readonly taskId?: string;
  readonly taskName?: string;
  readonly jobId?: number;
  readonly retryAfterMs?: number;
  readonly sent?: boolean | "unknown";

  constructor(code: DynErrorCode, message: string, init: DynErrorInit = {}) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[code];
    this.call = init.call;
    this.errCd = init.errCd;
    this.infos = init.infos ?? [];
    this.httpStatus = init.httpStatus;
    this.field = init.field;
    this.taskId = init.taskId;
    this.taskName = init.taskName;
    this.jobId = init.jobId;
    this.retryAfterMs = init.retryAfterMs;
    this.sent = init.sent;
  }

  /** Plain data for logs; contains nothing secret. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      call: this.call,
      errCd: this.errCd,
      infos: this.infos,
      httpStatus: this.httpStatus,
      field: this.field,
      taskId: this.taskId,
      jobId: this.jobId,
    };
  }
}

export class NotFoundError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("NOT_FOUND", m, i); }
}
export class TargetExistsError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("TARGET_EXISTS", m, i); }
}
export class InvalidDataError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("INVALID_DATA", m, i); }
}
export class LoginFailedError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("LOGIN_FAILED", m, i); }
}
export class SessionInvalidError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("SESSION_INVALID", m, i); }
}
export class SessionExpiredError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("SESSION_EXPIRED", m, i); }
}
export class SessionBusyError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("SESSION_BUSY", m, i); }
}
export class BlockedByTaskError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("BLOCKED_BY_TASK", m, i); }
}
export class RateLimitedError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("RATE_LIMITED", m, i); }
}
export class JobTimeoutError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("JOB_TIMEOUT", m, i); }
}
export class TransportError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("TRANSPORT", m, i); }
}
export class MalformedResponseError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("MALFORMED_RESPONSE", m, i); }
}
export class IllegalOperationError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("ILLEGAL_OPERATION", m, i); }
}
export class ApiError extends DynError {
  constructor(m: string, i?: DynErrorInit) { super("API_ERROR", m, i); }
}

const CLASSES: Record<DynErrorCode, new (m: string, i?: DynErrorInit) => DynError> = {
  NOT_FOUND: NotFoundError,
  TARGET_EXISTS: TargetExistsError,
  INVALID_DATA: InvalidDataError,
  LOGIN_FAILED: LoginFailedError,
  SESSION_INVALID: SessionInvalidError,
  SESSION_EXPIRED: SessionExpiredError,
  SESSION_BUSY: SessionBusyError,
  BLOCKED_BY_TASK: BlockedByTaskError,
  RATE_LIMITED: RateLimitedError,
  JOB_TIMEOUT: JobTimeoutError,
  TRANSPORT: TransportError,
  MALFORMED_RESPONSE: MalformedResponseError,
  ILLEGAL_OPERATION: IllegalOperationError,
  API_ERROR: ApiError,
};

/** Builds the subclass matching `code`. */
export function makeDynError(code: DynErrorCode, message: string, init?: DynErrorInit): DynError {
  return new CLASSES[code](message, init);
}

export function isDynError(e: unknown, code?: DynErrorCode | DynErrorCode[]): e is DynError {
  if (!(e instanceof DynError)) return false;
  if (code === undefined) return true;
  return Array.isArray(code) ? code.includes(e.code) : e.code === code;
}

/** "<what> (<METHOD> <path>): <details>" */
export function formatMessage(what: string, call: DynCall | undefined, details: string[]): string {
  const where = call ? ` (${call.method} ${call.path})` : "";
  const tail = details.filter((d) => d.length > 0);
  return `${what}${where}${tail.length ? `: ${tail.join("; ")}` : ""}`;
}

const WHAT: Record<DynErrorCode, string> = {
  NOT_FOUND: "Not found",
  TARGET_EXISTS: "Already exists",
  INVALID_DATA: "Invalid data",
  LOGIN_FAILED: "Login failed",
  SESSION_INVALID: "Session token is invalid",
  SESSION_EXPIRED: "Session expired",
  SESSION_BUSY: "Session already has a job running",
  BLOCKED_BY_TASK: "Operation blocked by a running zone task",
  RATE_LIMITED: "Rate limited by DynECT",
  JOB_TIMEOUT: "Job did not complete in time",
  TRANSPORT: "Network failure",
  MALFORMED_RESPONSE: "Malformed response",
  ILLEGAL_OPERATION: "Illegal operation",
  API_ERROR: "DynECT call failed",
};

export interface EnvelopeContext {
  call: DynCall;
  httpStatus?: number;
  retryAfterMs?: number;
  /** Who tried to log in, for LOGIN_FAILED messages (never the password). */
  account?: { customer: string; user: string };
  /** Set when the call is the login itself (POST /REST/Session). */
  isLogin?: boolean;
}

function infoText(m: DynMsg): string {
  return typeof m.INFO === "string" ? m.INFO : "";
}

/** Text after "<prefix>: " of the msg whose INFO starts with that prefix (`task_id: 123` → "123"). */
function infoValue(msgs: DynMsg[], prefix: string): string | undefined {
  for (const m of msgs) {
    const t = infoText(m);
    if (t.startsWith(`${prefix}:`)) return t.slice(prefix.length + 1).trim();
  }
  return undefined;
}

/** Classifies a non-success envelope (or a 429/5xx without one) into a DynError (§2.2, §2.3, §3). */
export function fromEnvelope(env: Envelope | undefined, ctx: EnvelopeContext): DynError {
  const msgs = env?.msgs ?? [];
  const infos = msgs.map(infoText).filter((t) => t.length > 0);
  const errMsg = msgs.find((m) => typeof m.ERR_CD === "string" && m.ERR_CD.length > 0);
  const errCd = errMsg?.ERR_CD ?? undefined;
  const first = errMsg ? infoText(errMsg) : infos[0] ?? "";
  const base: DynErrorInit = { call: ctx.call, errCd, infos, httpStatus: ctx.httpStatus, jobId: env?.job_id };
  const make = (code: DynErrorCode, extra: DynErrorInit = {}, what = WHAT[code]) =>
    makeDynError(code, formatMessage(what, ctx.call, infos.length ? infos : statusDetail(env, ctx)), { ...base, ...extra });

  if (ctx.httpStatus === 429 || msgs.some((m) => m.ERR_CD === "RATE_LIMIT_EXCEEDED")) {
    return make("RATE_LIMITED", { retryAfterMs: ctx.retryAfterMs });
  }
  // §3.3: the "job running" envelope has status "running".
  if (env?.status === "running" || infos.some((t) => t.includes("already has a job running"))) {
    return make("SESSION_BUSY");
  }
  if (infos.some((t) => t.includes("Operation blocked by current task"))) {
    return make("BLOCKED_BY_TASK", { taskId: infoValue(msgs, "task_id"), taskName: infoValue(msgs, "task_name") });
  }
  if (first.startsWith("login:") || (errCd === undefined && infos.some((t) => t.startsWith("login:")))) {
    if (ctx.isLogin) {
      const who = ctx.account ? `Login failed for customer "${ctx.account.customer}", user "${ctx.account.user}"` : WHAT.LOGIN_FAILED;
      return make("LOGIN_FAILED", {}, who);
    }
    // §3.2: idle timeout vs. bad/foreign token; both are cured by a new login.
    return first.includes("inactivity") ? make("SESSION_EXPIRED") : make("SESSION_INVALID");
  }
  switch (errCd) {
    case "NOT_FOUND":
      return make("NOT_FOUND");
    case "TARGET_EXISTS":
      return make("TARGET_EXISTS");
    case "INVALID_DATA":
    case "MISSING_DATA":
    case "INVALID_REQUEST": {
      // The subsystem prefix of the failing INFO names the field ("address: Invalid IPv4 address").
      const m = /^([A-Za-z_][A-Za-z0-9_.[\]]*):/.exec(first);
      return make("INVALID_DATA", { field: m?.[1] });
    }
    case "ILLEGAL_OPERATION":
    case "PERMISSION_DENIED":
      return make("ILLEGAL_OPERATION");
    case "SERVICE_UNAVAILABLE":
    case "INTERNAL_ERROR":
      return make("API_ERROR", { retryable: true });
    default:
      break;
  }
  if (ctx.httpStatus === 404) return make("NOT_FOUND");
  if (ctx.httpStatus !== undefined && ctx.httpStatus >= 500) {
    return make("TRANSPORT", { retryable: true, sent: "unknown" }, `Server error HTTP ${ctx.httpStatus}`);
  }
  return make("API_ERROR");
}

function statusDetail(env: Envelope | undefined, ctx: EnvelopeContext): string[] {
  const parts: string[] = [];
  if (ctx.httpStatus !== undefined) parts.push(`HTTP ${ctx.httpStatus}`);
  if (env) parts.push(`status "${env.status}"`);
  return parts;
}
