/**
 * The response envelope every DynECT call returns (§2.1), parsed with zod. Tolerant where the
 * real service was loose: unknown status strings, missing `msgs` (incomplete bodies, §4),
 * null ERR_CD, and the historic `[ {...envelope...} ]` array wrapper.
 */
import { z } from "zod";

export const msgSchema = z.looseObject({
  INFO: z.string().nullish(),
  SOURCE: z.string().nullish(),
  ERR_CD: z.string().nullish(),
  LVL: z.string().nullish(),
});
export type DynMsg = z.infer<typeof msgSchema>;

export type EnvelopeStatus = "success" | "failure" | "incomplete" | "running" | (string & {});

export const envelopeSchema = z.looseObject({
  status: z.string() as z.ZodType<EnvelopeStatus>,
  data: z.unknown().optional(),
  job_id: z.number().int().optional(),
  msgs: z.array(msgSchema).nullish(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export type ParsedBody =
  | { ok: true; envelope: Envelope }
  | { ok: false; reason: string };

/** Parses a response body; never throws. */
export function parseEnvelope(text: string): ParsedBody {
  if (text.trim().length === 0) return { ok: false, reason: "empty body" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  if (Array.isArray(json) && json.length === 1) json = json[0]; // §2.1 historic wrapper
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a DynECT envelope (${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid"})` };
  }
  return { ok: true, envelope: parsed.data };
}

/** Matches a job path in a 307 Location or text body (§4): `/REST/Job/150576635`. */
export const JOB_PATH = /\/REST\/Job\/(\d+)\/?/;
