/** Helpers shared by Record and RecordSet: ids, reads after publish, rdata comparison, TTL 0 handling. */
import { getAllRecords, getSoa, listRecords, type DynRecord, type DynectSession } from "../sdk";
import { canonicalRdata, isRecordType, type RecordType } from "../sdk/schemas/rdata";
import { deepEqual, pickRdata, resolveRecordName } from "./normalize";

/** From this many changes in one publish on, their records are re-read with one AllRecord call. */
const SHARED_READ_MIN_BATCH = 5;
const zoneAfterPublish = new WeakMap<object, Promise<DynRecord[]>>();

/**
 * Records of `type` at `fqdn` right after the publish of a batch (to learn the final record ids,
 * §6.2). The changes of a large batch share one `AllRecord` read of the zone (keyed by the shared
 * publish result); small batches, and any failure of the shared read, use a per-node read.
 */
export async function recordsAfterPublish(
  batch: { published: object | undefined; batchSize: number },
  session: DynectSession,
  type: RecordType,
  zone: string,
  fqdn: string,
): Promise<DynRecord[]> {
  if (batch.published && batch.batchSize >= SHARED_READ_MIN_BATCH) {
    let all = zoneAfterPublish.get(batch.published);
    if (!all) {
      all = getAllRecords(session, zone);
      zoneAfterPublish.set(batch.published, all);
    }
    try {
      return (await all).filter((r) => r.record_type === type && r.fqdn.toLowerCase() === fqdn);
    } catch {
      // fall through to the node's own read
    }
  }
  return listRecords(session, type, zone, fqdn);
}

/** A live record's rdata in canonical form (comparable with normalised inputs). */
export function liveRdata(type: RecordType, record: DynRecord): Record<string, unknown> {
  return canonicalRdata(type, pickRdata(type, record.rdata));
}

/** The live record has this (canonical) rdata. */
export function hasRdata(type: RecordType, record: DynRecord, rdata: unknown): boolean {
  return deepEqual(liveRdata(type, record), rdata);
}

export function fqdnOf(zone: string, label: string): string {
  const r = resolveRecordName(label, zone);
  if ("error" in r) throw new Error(r.error);
  return r.fqdn;
}

export function labelOf(zone: string, fqdn: string): string {
  const name = fqdn.replace(/\.$/, "").toLowerCase();
  return name === zone ? "@" : name.slice(0, name.length - zone.length - 1);
}

/** SOA reads in flight per zone: concurrent refreshes of TTL 0 records share one read. */
const soaTtlReads = new Map<string, Promise<number | undefined>>();

/** The zone's default TTL (the SOA record's TTL, §6.4), or undefined when it cannot be read. */
export function zoneDefaultTtl(session: DynectSession, zone: string): Promise<number | undefined> {
  let read = soaTtlReads.get(zone);
  if (!read) {
    read = getSoa(session, zone).then(
      (soa) => soa.ttl,
      () => undefined,
    ).finally(() => soaTtlReads.delete(zone));
    soaTtlReads.set(zone, read);
  }
  return read;
}

/**
 * The TTL to report for live records when `declared` is what the program says. TTL 0 means "the
 * zone default": a live TTL of 0 or equal to the zone default keeps 0, so there is no false drift
 * (user-asks #26/#27).
 */
export async function reportedTtl(session: DynectSession, zone: string, declared: unknown, live: number): Promise<number> {
  if (declared !== 0 || live === 0) return live;
  const fallback = await zoneDefaultTtl(session, zone);
  return fallback === live ? 0 : live;
}

type Props = Record<string, unknown>;

/** zone, name, type and ttl of a Record's or RecordSet's normalised properties. */
export function nodeInputsOf(p: Props): { zone: string; name: string; type: RecordType; ttl: number } {
  return { zone: String(p.zone), name: String(p.name), type: String(p.type) as RecordType, ttl: Number(p.ttl ?? 0) };
}

/** Sets `adopt` on `out` when the properties carry it. */
export function withAdopt<T extends { adopt?: boolean }>(out: T, p: Props): T {
  if (p.adopt !== undefined) out.adopt = p.adopt === true;
  return out;
}

/**
 * Where a Record or RecordSet lives: from its outputs, else from its Pulumi id of `parts` segments
 * (`<zone>/<fqdn>/<TYPE>[/<record id>]`, for `.get()`).
 */
export function locateNode(id: string, props: Props, parts: number): { zone: string; fqdn: string; type: RecordType } | undefined {
  const parsed = parseId(id, parts);
  const zone = typeof props.zone === "string" ? props.zone : parsed?.[0];
  const fqdn = typeof props.fqdn === "string" ? props.fqdn : parsed?.[1];
  const type = typeof props.type === "string" ? props.type : parsed?.[2];
  if (!zone || !fqdn || !type || !isRecordType(type)) return undefined;
  return { zone: zone.toLowerCase(), fqdn: fqdn.toLowerCase(), type };
}

export function parseId(id: string, parts: number): string[] | undefined {
  const pieces = id.split("/");
  return pieces.length === parts && pieces.every((p) => p.length > 0) ? pieces : undefined;
}
