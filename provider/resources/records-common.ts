/** Helpers shared by Record and RecordSet: ids, reads after publish, rdata comparison, TTL 0 handling. */
import { getSoa, type DynRecord, type DynectSession } from "../sdk";
import { getContext } from "../deployment/context";
import { canonicalRdata, isRecordType, type RecordType } from "../sdk/schemas/rdata";
import { deepEqual, normalizeDomain, normalizeZoneName, pickRdata, resolveRecordName } from "./normalize";

/** A zone as read once (context.zoneRecords), indexed by node and type. */
export interface ZoneSnapshot {
  /** Records of `type` at `fqdn` (lower-case, no trailing dot). */
  at(fqdn: string, type: RecordType): DynRecord[];
  /** The zone's default TTL: its SOA record's TTL (§6.4). */
  readonly defaultTtl: number | undefined;
  readonly soa: DynRecord | undefined;
}

const snapshots = new WeakMap<DynRecord[], ZoneSnapshot>();

/** Every record of the zone, read once and shared until this process changes the zone (see context.ts). */
export async function zoneSnapshot(zone: string): Promise<ZoneSnapshot> {
  const records = await getContext().zoneRecords(zone);
  let snap = snapshots.get(records);
  if (!snap) {
    const index = new Map<string, DynRecord[]>();
    for (const r of records) {
      const key = `${r.fqdn.replace(/\.$/, "").toLowerCase()} ${r.record_type}`;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(r);
    }
    const soa = index.get(`${zone} SOA`)?.[0];
    snap = { at: (fqdn, type) => index.get(`${fqdn} ${type}`) ?? [], defaultTtl: soa?.ttl, soa };
    snapshots.set(records, snap);
  }
  return snap;
}

/** A live record's rdata in canonical form (comparable with normalised inputs). */
export function liveRdata(type: RecordType, record: DynRecord): Record<string, unknown> {
  return canonicalRdata(type, pickRdata(type, record.rdata));
}

/** The live record has this rdata (compared canonically: state of older versions may hold another form). */
export function hasRdata(type: RecordType, record: DynRecord, rdata: unknown): boolean {
  const wanted = typeof rdata === "object" && rdata !== null ? canonicalRdata(type, rdata as Record<string, unknown>) : rdata;
  return deepEqual(liveRdata(type, record), wanted);
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

/**
 * The TTL to report for live records when `declared` is what the program says. TTL 0 means "the
 * zone default": a live TTL of 0 or equal to the zone default keeps 0, so there is no false drift
 * (user-asks #26/#27).
 */
export function reportedTtl(zoneDefault: number | undefined, declared: unknown, live: number): number {
  if (declared !== 0 || live === 0) return live;
  return zoneDefault === live ? 0 : live;
}

/** A live TTL is the declared one (0 = the zone default: a live 0 or the zone's SOA TTL, §6.4). */
export async function ttlMatches(session: DynectSession, zone: string, declared: number, live: number): Promise<boolean> {
  if (declared === live) return true;
  if (declared !== 0) return false;
  return (await getSoa(session, zone)).ttl === live;
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
 * (`<zone>/<fqdn>/<TYPE>[/<record id>]`, for `.get()`). Undefined unless the zone is a zone name,
 * the fqdn a DNS name inside it and the type a record type — an id can never smuggle `.`/`..`
 * segments or another path into an API call.
 */
export function locateNode(id: string, props: Props, parts: number): { zone: string; fqdn: string; type: RecordType } | undefined {
  const parsed = parseId(id, parts);
  const zone = normalizeZoneName(String(typeof props.zone === "string" ? props.zone : parsed?.[0] ?? ""));
  const fqdn = normalizeDomain(String(typeof props.fqdn === "string" ? props.fqdn : parsed?.[1] ?? ""));
  const type = typeof props.type === "string" ? props.type : parsed?.[2];
  if (!zone || !fqdn || !type || !isRecordType(type)) return undefined;
  if (fqdn !== zone && !fqdn.endsWith(`.${zone}`)) return undefined;
  return { zone, fqdn, type };
}

export function parseId(id: string, parts: number): string[] | undefined {
  const pieces = id.split("/");
  return pieces.length === parts && pieces.every((p) => p.length > 0) ? pieces : undefined;
}

/**
 * The zone a Zone or ZoneRecords resource is about: its id (the zone name; `.get()` passes it as
 * given), else the zone named in its properties. Throws a clear error for anything that is not a
 * zone name, before any API call.
 */
export function zoneOfId(id: string, fallback: unknown, kind: string): string {
  const raw = id || String(fallback ?? "");
  const zone = normalizeZoneName(raw);
  if (!zone) throw new Error(`reading ${kind}: ${JSON.stringify(raw)} is not a zone name — the id of a ${kind} is its zone's name, e.g. "example.com"`);
  return zone;
}
