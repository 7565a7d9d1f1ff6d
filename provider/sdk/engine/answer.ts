/**
 * Reading DynECT's answers: one HTTP response — of a call or of a job poll (§4) — becomes a
 * redirect to a job, a job still running, or the finished envelope; every failure becomes the
 * DynError of the call (§2). Pure functions: no I/O, no session state.
 */
import type { z } from "zod";
import { DynError, MalformedResponseError, TransportError, fromEnvelope, formatMessage, type DynCall, type EnvelopeContext } from "../errors";
import { JOB_PATH, parseEnvelope, type Envelope } from "../schemas/envelope";
import type { ApiResult } from "./call";
import type { HttpResponse } from "./transport";

/** One HTTP answer read: a redirect to a job, a job still running, or the finished envelope. */
export type ReadAnswer = { kind: "redirect"; jobPath: string | undefined } | { kind: "incomplete"; env: Envelope } | { kind: "done"; env: Envelope };

/** What error mapping needs to know besides the response. */
export interface AnswerContext {
  /** The login call, for LOGIN_FAILED mapping. */
  isLogin?: boolean;
  /** Who is logging in, for LOGIN_FAILED messages. */
  account?: { customer: string; user: string };
}

/**
 * Reads one HTTP answer — of the call itself or of a job poll (then `jobId` is the job's): a
 * redirect to a job, a job still running, or the finished call's envelope; every failure is
 * thrown as the DynError of `call`.
 */
export function readAnswer(res: HttpResponse, call: DynCall, context: AnswerContext, jobId?: number): ReadAnswer {
  if (res.status >= 300 && res.status < 400) return { kind: "redirect", jobPath: jobPathOf(res) };
  const ctx: EnvelopeContext = { call, httpStatus: res.status, retryAfterMs: retryAfterMs(res), isLogin: context.isLogin, account: context.account };
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

/** The result of a finished call, its `data` checked against `schema` when given. */
export function resultOf<T>(env: Envelope, call: DynCall, schema: z.ZodType<T> | undefined): ApiResult<T> {
  let data = env.data as T;
  if (schema) {
    const parsed = schema.safeParse(env.data);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join(", ");
      throw new MalformedResponseError(formatMessage("Unexpected response data", call, [issues]), { call });
    }
    data = parsed.data;
  }
  return { data, jobId: env.job_id ?? 0, msgs: env.msgs ?? [], status: env.status };
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

/** The envelope status of a body, cheaply, for the call history. */
export function peekStatus(body: string): string | undefined {
  const m = /"status"\s*:\s*"([a-z]+)"/.exec(body.slice(0, 200));
  return m?.[1];
}

/** Anything thrown while calling, as a DynError of `call`. */
export function asDynError(e: unknown, call: DynCall): DynError {
  if (e instanceof DynError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new TransportError(formatMessage("Unexpected failure", call, [msg]), { call, sent: "unknown", retryable: false, cause: e });
}
