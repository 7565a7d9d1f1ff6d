/** Records of every type in §6.3 (§6.1 endpoints) and AllRecord (§5.4). */
import { z } from "zod";
import { InvalidDataError, formatMessage, isDynError, type DynCall } from "../errors";
import type { ApiCaller } from "../engine/call";
import {
  RDATA_FIELDS,
  RECORD_TYPES,
  canonicalRdata,
  coerceRdata,
  isRecordType,
  recordResource,
  validateRdata,
  wireRdata,
  type RecordType,
} from "../schemas/rdata";
import { allRecordsSchema, dynRecordListSchema, dynRecordSchema, fqdnSegment, ttlSchema, type DynRecord } from "../schemas/record";
import { zoneSegment } from "../schemas/zone";

export type { DynRecord };

export interface RecordInput {
  rdata: Record<string, unknown>;
  ttl: number;
}

const recordSchema = dynRecordSchema as unknown as z.ZodType<DynRecord>;
const recordListSchema = dynRecordListSchema as unknown as z.ZodType<DynRecord[]>;
const allRecordsListSchema = allRecordsSchema as unknown as z.ZodType<DynRecord[]>;

function recordPath(type: RecordType, zone: string, fqdn: string, id?: number): string {
  const base = `/REST/${recordResource(type)}/${zoneSegment(zone)}/${fqdnSegment(fqdn)}/`;
  return id === undefined ? base : `${base}${id}/`;
}

function checkType(type: string, call: DynCall): RecordType {
  if (!isRecordType(type)) throw new InvalidDataError(formatMessage("Unknown record type", call, [`"${type}" is not one of ${RECORD_TYPES.join(", ")}`]), { call, field: "record_type" });
  return type;
}

/** Validates rdata against the shared table (rdata.ts) and returns it as sent: integers coerced, long TXT chunked. */
function checkRecord(type: RecordType, input: RecordInput, call: DynCall, index?: number): { rdata: Record<string, unknown>; ttl: number } {
  const prefix = index === undefined ? "" : `[${index}].`;
  const rdata = typeof input.rdata === "object" && input.rdata !== null ? coerceRdata(type, input.rdata) : input.rdata;
  const problems = validateRdata(type, rdata);
  if (problems.length > 0) {
    throw new InvalidDataError(formatMessage(`Invalid ${type} record`, call, problems.map((p) => `${prefix}rdata.${p.field} ${p.reason}`)), {
      call,
      field: `${prefix}rdata.${problems[0].field}`,
    });
  }
  const ttl = ttlSchema.safeParse(typeof input.ttl === "string" ? Number(input.ttl) : input.ttl);
  if (!ttl.success) throw new InvalidDataError(formatMessage(`Invalid ${type} record`, call, [`${prefix}ttl must be a non-negative integer`]), { call, field: `${prefix}ttl` });
  return { rdata: wireRdata(type, rdata), ttl: ttl.data };
}

/** Records of `type` at `fqdn` (pending ones of this session included); [] when there are none. */
export async function listRecords(s: ApiCaller, type: RecordType, zone: string, fqdn: string): Promise<DynRecord[]> {
  const path = recordPath(checkType(type, { method: "GET", path: "" }), zone, fqdn);
  try {
    return (await s.call("GET", path, { detail: "Y" }, { schema: recordListSchema })).data;
  } catch (e) {
    if (isDynError(e, "NOT_FOUND")) return [];
    throw e;
  }
}

export async function getRecord(s: ApiCaller, type: RecordType, zone: string, fqdn: string, id: number): Promise<DynRecord> {
  return (await s.call("GET", recordPath(type, zone, fqdn, id), undefined, { schema: recordSchema })).data;
}

/**
 * Adds one record (pending until publish; `record_id` is 0 until then, §6.2). After an
 * ambiguous failure it lists the node and returns an identical record if the create did land,
 * so nothing is ever duplicated.
 */
export async function createRecord(
  s: ApiCaller,
  type: RecordType,
  zone: string,
  fqdn: string,
  rdata: Record<string, unknown>,
  ttl: number,
  opts: { serviceClass?: string } = {},
): Promise<DynRecord> {
  const path = recordPath(checkType(type, { method: "POST", path: "" }), zone, fqdn);
  const call = { method: "POST", path };
  const rec = checkRecord(type, { rdata, ttl }, call);
  const body: Record<string, unknown> = { rdata: rec.rdata, ttl: rec.ttl };
  if (opts.serviceClass !== undefined) body.service_class = opts.serviceClass;
  const res = await s.call("POST", path, body, {
    schema: recordSchema,
    // Runs inside this call's queue slot, so it lists through the unqueued caller it is given.
    verifyAfterAmbiguousFailure: async (unqueued) => {
      const existing = await listRecords(unqueued, type, zone, fqdn);
      return existing.find((r) => sameRecord(type, r, rec));
    },
  });
  return res.data;
}

/** Replaces every record of `type` at `fqdn` with `records` (§6.1 PUT on the node path). */
export async function replaceRecords(s: ApiCaller, type: RecordType, zone: string, fqdn: string, records: RecordInput[]): Promise<DynRecord[]> {
  const path = recordPath(checkType(type, { method: "PUT", path: "" }), zone, fqdn);
  const call = { method: "PUT", path };
  const list = records.map((r, i) => checkRecord(type, r, call, i));
  return (await s.call("PUT", path, { [`${type}Records`]: list }, { schema: recordListSchema })).data;
}

export async function updateRecord(
  s: ApiCaller,
  type: RecordType,
  zone: string,
  fqdn: string,
  id: number,
  rdata: Record<string, unknown>,
  ttl: number,
): Promise<DynRecord> {
  const path = recordPath(checkType(type, { method: "PUT", path: "" }), zone, fqdn, id);
  const rec = checkRecord(type, { rdata, ttl }, { method: "PUT", path });
  return (await s.call("PUT", path, rec, { schema: recordSchema })).data;
}

export async function deleteRecord(s: ApiCaller, type: RecordType, zone: string, fqdn: string, id: number): Promise<void> {
  await s.call("DELETE", recordPath(type, zone, fqdn, id));
}

/** Deletes every record of `type` at `fqdn` (§6.1 DELETE on the node path). */
export async function deleteRecords(s: ApiCaller, type: RecordType, zone: string, fqdn: string): Promise<void> {
  await s.call("DELETE", recordPath(type, zone, fqdn));
}

/** Every record at or below `fqdn` (default: the whole zone), flattened from AllRecord `detail=Y` (§5.4); [] for an unknown node. */
export async function getAllRecords(s: ApiCaller, zone: string, fqdn?: string): Promise<DynRecord[]> {
  const path = `/REST/AllRecord/${zoneSegment(zone)}/${fqdn ? `${fqdnSegment(fqdn)}/` : ""}`;
  try {
    return (await s.call("GET", path, { detail: "Y" }, { schema: allRecordsListSchema })).data;
  } catch (e) {
    // §5.4: an unknown node is 404 "node: Node is not in the zone" — no records there. A missing zone still throws.
    if (fqdn && isDynError(e, "NOT_FOUND") && e.infos[0]?.startsWith("node:")) return [];
    throw e;
  }
}

/**
 * Same rdata in the package's one canonical form (rdata.ts `canonicalRdata`, as the resources
 * compare) and same TTL (0 = zone default matches any).
 */
function sameRecord(type: RecordType, r: DynRecord, want: { rdata: Record<string, unknown>; ttl: number }): boolean {
  if (want.ttl !== 0 && r.ttl !== want.ttl) return false;
  const live = canonicalRdata(type, r.rdata);
  const wanted = canonicalRdata(type, want.rdata);
  return Object.keys(RDATA_FIELDS[type]).every((name) => live[name] === wanted[name]);
}
