/** Zones (§5.1, §5.2, §5.5) and the zone's SOA (§6.4). */
import { z } from "zod";
import { InvalidDataError, formatMessage } from "../errors";
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
 * checks whether the zone now exists instead of blindly creating it twice.
 */
export async function createZone(s: ApiCaller, zone: string, input: CreateZoneInput): Promise<ZoneInfo> {
  const path = zonePath(zone);
  const i = checkInput(createZoneInputSchema, input, "zone settings", { method: "POST", path });
  const body: Record<string, unknown> = { rname: i.rname, ttl: i.ttl };
  if (i.serialStyle) body.serial_style = i.serialStyle;
  const res = await s.call("POST", path, body, {
    schema: asZone,
    verifyAfterAmbiguousFailure: (unqueued) => getZone(unqueued, zone).catch((e) => (isDynError(e, "NOT_FOUND") ? undefined : Promise.reject(e))),
  });
  return res.data;
}

export async function deleteZone(s: ApiCaller, zone: string): Promise<void> {
  await s.call("DELETE", zonePath(zone));
}

/** Publishes pending changes (§5.1); `notes` is recorded with the publish. */
export async function publishZone(s: ApiCaller, zone: string, notes?: string): Promise<PublishResult> {
  const body: Record<string, unknown> = { publish: true };
  if (notes !== undefined) body.notes = notes;
  const schema = publishResultSchema as unknown as z.ZodType<PublishResult>;
  return (await s.call("PUT", zonePath(zone), body, { schema })).data;
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
