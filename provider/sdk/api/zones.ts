/** Zones (§5.1, §5.2, §5.5) and the zone's SOA (§6.4). */
import { z } from "zod";
import { ApiError, InvalidDataError, formatMessage, makeDynError, type DynCall, type DynError, type DynErrorCode } from "../errors";
import type { ApiCaller } from "../engine/call";
import { dynRecordListSchema, dynRecordSchema, type DynRecord } from "../schemas/record";
import {
  createZoneInputSchema,
  publishResultSchema,
  updateSoaInputSchema,
  zoneChangeSchema,
  zoneInfoSchema,
  zoneSegment,
  type CreateZoneInput,
  type PublishResult,
  type UpdateSoaInput,
  type ZoneChange,
  type ZoneInfo,
} from "../schemas/zone";
import { isDynError } from "../errors";
import { checkInput } from "./validate";

const zonePath = (zone: string) => `/REST/Zone/${zoneSegment(zone)}/`;
const asZone = zoneInfoSchema as unknown as z.ZodType<ZoneInfo>;

/** All zones of the account with details (`detail=Y`). */
export async function listZones(s: ApiCaller): Promise<ZoneInfo[]> {
  const res = await s.call("GET", "/REST/Zone/", { detail: "Y" }, { schema: z.array(asZone) });
  return res.data;
}

export async function getZone(s: ApiCaller, zone: string): Promise<ZoneInfo> {
  return (await s.call("GET", zonePath(zone), undefined, { schema: asZone })).data;
}

/**
 * Creates a primary zone (pending until published, §5.1). After an ambiguous network failure it
 * checks whether this call created the zone instead of blindly creating it twice: a zone found then
 * counts as ours only if it was never published (serial 0) and has our contact (SOA rname) —
 * anyone's published zone is not, and the one repeat of the call gets DynECT's own answer
 * (TARGET_EXISTS). Another process creating the same zone with the same contact at the same moment
 * cannot be told apart.
 */
export async function createZone(s: ApiCaller, zone: string, input: CreateZoneInput): Promise<ZoneInfo> {
  const path = zonePath(zone);
  const i = checkInput(createZoneInputSchema, input, "zone settings", { method: "POST", path });
  const body: Record<string, unknown> = { rname: i.rname, ttl: i.ttl };
  if (i.serialStyle) body.serial_style = i.serialStyle;
  const res = await s.call("POST", path, body, {
    schema: asZone,
    verifyAfterAmbiguousFailure: async (unqueued) => {
      const found = await getZone(unqueued, zone).catch((e) => (isDynError(e, "NOT_FOUND") ? undefined : Promise.reject(e)));
      if (found === undefined || found.serial !== 0) return undefined;
      const soa = await getSoa(unqueued, zone);
      return sameMailbox(String((soa.rdata as Record<string, unknown>).rname ?? ""), i.rname) ? found : undefined;
    },
  });
  return res.data;
}

/** `admin@example.com` and DynECT's `admin.example.com.` are one mailbox (§6.4). */
function sameMailbox(a: string, b: string): boolean {
  const norm = (m: string) => m.trim().toLowerCase().replace(/\.$/, "").replace("@", ".");
  return norm(a) === norm(b);
}

export async function deleteZone(s: ApiCaller, zone: string): Promise<void> {
  await s.call("DELETE", zonePath(zone));
}

const asPublishResult = publishResultSchema as unknown as z.ZodType<PublishResult>;

/**
 * Publishes pending changes (§5.1); `notes` is recorded with the publish. A publish whose outcome
 * is unknown (its job outlived the deadline, contact was lost) is resolved before this returns or
 * throws — see `resolvePublish` — so a caller never hears "failed" for a zone that went live.
 */
export async function publishZone(s: ApiCaller, zone: string, notes?: string): Promise<PublishResult> {
  const body: Record<string, unknown> = { publish: true };
  if (notes !== undefined) body.notes = notes;
  try {
    return (await s.call("PUT", zonePath(zone), body, { schema: asPublishResult })).data;
  } catch (e) {
    if (!outcomeUnknown(e)) throw e;
    return resolvePublish(s, zone, e);
  }
}

/** A failure after which the request may or may not have been applied. */
function outcomeUnknown(e: unknown): e is DynError {
  return isDynError(e, "JOB_TIMEOUT") || (isDynError(e, "TRANSPORT") && e.sent !== false);
}

/** Errors of a job's own answer: the publish ran and was refused (definite). Everything else leaves it unknown. */
const PUBLISH_REFUSED: DynErrorCode[] = ["INVALID_DATA", "ILLEGAL_OPERATION", "BLOCKED_BY_TASK", "TARGET_EXISTS", "LOGIN_FAILED"];

/**
 * How many more job deadlines a publish that DynECT still reports running is followed (§4): by
 * default 5 × 120 s. Only a job that outlives all of them is reported with its outcome unknown.
 */
const PUBLISH_FOLLOW_ROUNDS = 5;

/**
 * Settles a publish whose outcome is unknown, on the same token (never a new login: another
 * token's changes would say nothing about ours, §5.2):
 *  1. the publish's job, followed further (up to PUBLISH_FOLLOW_ROUNDS more job deadlines): its
 *     answer is the publish's answer; still running after all of them → unknown;
 *  2. else (contact lost, no job) `GET /REST/ZoneChanges/<zone>/` once the job is over: changes still pending → not
 *     published; none pending and the zone has a serial → published (a never-published zone has serial 0).
 * If neither answers, the error says the outcome is unknown (not retryable).
 */
async function resolvePublish(s: ApiCaller, zone: string, unknown: DynError): Promise<PublishResult> {
  const call: DynCall = unknown.call ?? { method: "PUT", path: zonePath(zone) };
  let why = unknown.message;
  if (unknown.jobId !== undefined && unknown.jobId > 0) {
    for (let round = 1; ; round++) {
      try {
        return (await s.call("GET", `/REST/Job/${unknown.jobId}/`, undefined, { schema: asPublishResult, relogin: false })).data;
      } catch (e) {
        if (isDynError(e, PUBLISH_REFUSED)) throw e;
        why = e instanceof Error ? e.message : String(e);
        if (!isDynError(e, "JOB_TIMEOUT")) break;
        // Still running: DynECT is working on it and will publish whatever we say now, so the
        // outcome is only known when the job ends. The token is busy with it meanwhile, so its
        // change set cannot be read instead.
        if (round >= PUBLISH_FOLLOW_ROUNDS) throw unresolved(zone, call, unknown, why);
      }
    }
  }
  try {
    const pending = (await s.call("GET", `/REST/ZoneChanges/${zoneSegment(zone)}/`, undefined, { schema: z.array(zoneChangeSchema), relogin: false })).data;
    if (pending.length > 0) {
      throw new ApiError(formatMessage(`Publish of zone ${zone} did not happen`, call, [`${pending.length} change(s) are still pending`, unknown.message]), { call, retryable: false, cause: unknown });
    }
    const info = (await s.call("GET", zonePath(zone), undefined, { schema: asZone, relogin: false })).data;
    if (info.serial > 0) return info;
    why = "the zone was never published";
  } catch (e) {
    if (e instanceof ApiError && e.cause === unknown) throw e;
    why = e instanceof Error ? e.message : String(e);
  }
  throw unresolved(zone, call, unknown, why);
}

function unresolved(zone: string, call: DynCall, unknown: DynError, why: string): DynError {
  const details = [unknown.message, `could not be resolved: ${why}`];
  return makeDynError(unknown.code, formatMessage(`Publish of zone ${zone}: outcome unknown`, call, details), { call, jobId: unknown.jobId, retryable: false, sent: "unknown", cause: unknown });
}

export async function freezeZone(s: ApiCaller, zone: string): Promise<void> {
  await s.call("PUT", zonePath(zone), { freeze: true });
}

export async function thawZone(s: ApiCaller, zone: string): Promise<void> {
  await s.call("PUT", zonePath(zone), { thaw: true });
}

/** Unpublished changes made by this session (§5.2). */
export async function getZoneChanges(s: ApiCaller, zone: string): Promise<ZoneChange[]> {
  const res = await s.call("GET", `/REST/ZoneChanges/${zoneSegment(zone)}/`, undefined, { schema: z.array(zoneChangeSchema) });
  return res.data;
}

/** Discards this session's unpublished changes to the zone (§5.2). */
export async function discardZoneChanges(s: ApiCaller, zone: string): Promise<void> {
  await s.call("DELETE", `/REST/ZoneChanges/${zoneSegment(zone)}/`);
}

const MAX_ZONE_FILE = 1024 * 1024;

/** A master file is sent as one JSON string and must be under 1 MiB (§5.5, dyn-python's limit). */
export function fitsZoneFile(file: string): boolean {
  return typeof file === "string" && file.length > 0 && Buffer.byteLength(file, "utf8") < MAX_ZONE_FILE;
}

function zoneFileCall(s: ApiCaller, method: "POST" | "PUT", zone: string, file: string): Promise<unknown> {
  const path = `/REST/ZoneFile/${zoneSegment(zone)}/`;
  if (!fitsZoneFile(file)) {
    const call = { method, path };
    throw new InvalidDataError(formatMessage("Invalid zone file", call, ["file must be non-empty and under 1 MiB"]), { call, field: "file" });
  }
  return s.call(method, path, { file }).then((r) => r.data);
}

/** Creates a zone from a master file (§5.5; must be under 1 MiB). */
export function uploadZoneFile(s: ApiCaller, zone: string, file: string): Promise<unknown> {
  return zoneFileCall(s, "POST", zone, file);
}

/**
 * Replaces the records of an existing zone with those of a master file (§5.5, pending until
 * publish). Its semantics come from client code (dyn-python, dyn-php), not from a recording.
 */
export function replaceZoneFile(s: ApiCaller, zone: string, file: string): Promise<unknown> {
  return zoneFileCall(s, "PUT", zone, file);
}

/** The zone's SOA record (system-owned, §6.4). */
export async function getSoa(s: ApiCaller, zone: string): Promise<DynRecord> {
  const seg = zoneSegment(zone);
  const res = await s.call("GET", `/REST/SOARecord/${seg}/${seg}/`, { detail: "Y" }, { schema: dynRecordListSchema as unknown as z.ZodType<DynRecord[]> });
  const soa = res.data[0];
  if (!soa) throw new InvalidDataError(formatMessage("Zone has no SOA record", { method: "GET", path: `/REST/SOARecord/${seg}/${seg}/` }, []));
  return soa;
}

/**
 * Updates contact (rname, required by DynECT in every SOA update), default TTL, minimum and
 * serial style through the SOA record (§6.4). Pending until published.
 */
export async function updateSoa(s: ApiCaller, zone: string, input: UpdateSoaInput): Promise<DynRecord> {
  const seg = zoneSegment(zone);
  const i = checkInput(updateSoaInputSchema, input, "SOA settings", { method: "PUT", path: `/REST/SOARecord/${seg}/${seg}/` });
  const soa = await getSoa(s, zone);
  const rdata: Record<string, unknown> = { rname: i.rname };
  if (i.minimum !== undefined) rdata.minimum = i.minimum;
  const body: Record<string, unknown> = { rdata };
  if (i.ttl !== undefined) body.ttl = i.ttl;
  if (i.serialStyle !== undefined) body.serial_style = i.serialStyle;
  const res = await s.call("PUT", `/REST/SOARecord/${seg}/${seg}/${soa.record_id}/`, body, { schema: dynRecordSchema as unknown as z.ZodType<DynRecord> });
  return res.data;
}
