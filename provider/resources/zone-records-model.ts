/**
 * The model of a ZoneRecords resource: every record set it owns in one zone, keyed so that
 * Pulumi's diff names what changed — `records["www A"].values["192.0.2.10"]` — instead of array
 * positions; and the plan that turns the live zone into the declared one with the fewest calls the
 * API allows (one RRset PUT per changed node and type, §6.1; one DELETE per set that goes).
 * Pure functions only.
 */
import type { DynRecord } from "../sdk";
import type { RecordType } from "../sdk/schemas/rdata";
import { sortedByKey, valueKey } from "./normalize";
import { labelOf, liveRdata } from "./records-common";

export { valueKey };

/** One record set: its TTL (0 = the zone default) and its records, keyed by `valueKey`. */
export interface SetSpec {
  ttl: number;
  values: Record<string, Record<string, unknown>>;
}

/** Record sets keyed by `"<label> <TYPE>"` (label relative to the zone, `@` for the apex). */
export type RecordsMap = Record<string, SetSpec>;

export function setKey(label: string, type: string): string {
  return `${label} ${type}`;
}

export function parseSetKey(key: string): { label: string; type: RecordType } {
  const at = key.lastIndexOf(" ");
  return { label: key.slice(0, at), type: key.slice(at + 1) as RecordType };
}

export function fqdnOfLabel(label: string, zone: string): string {
  return label === "@" ? zone : `${label}.${zone}`;
}

/**
 * What a ZoneRecords resource leaves alone: `"<name>"` or `"<name> <TYPE>"`, where name is a label
 * (`www`, `@`), `*.<label>` (everything below it) or `*` (every name), and TYPE may be `*`.
 */
export interface IgnoreRule {
  name: string;
  type: string;
}

export function parseIgnore(pattern: string): IgnoreRule {
  const [name, type = "*"] = pattern.trim().split(/\s+/);
  return { name: name.toLowerCase(), type: type.toUpperCase() };
}

export function ignores(rules: IgnoreRule[], label: string, type: string): boolean {
  return rules.some((r) => (r.type === "*" || r.type === type) && nameMatches(r.name, label));
}

function nameMatches(pattern: string, label: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*.")) {
    const base = pattern.slice(2);
    return base === "@" ? label !== "@" : label.endsWith(`.${base}`);
  }
  return pattern === label;
}

/** Dyn's own records in every zone, never owned by a resource: the SOA and the four Primary NS (§6.4). */
export function isSystemRecord(r: DynRecord, zone: string): boolean {
  return r.record_type === "SOA" || (r.record_type === "NS" && r.service_class === "Primary" && r.fqdn.replace(/\.$/, "").toLowerCase() === zone);
}

/** A live record set: the records as DynECT holds them, and their TTLs. */
export interface LiveSet {
  label: string;
  type: RecordType;
  fqdn: string;
  records: DynRecord[];
}

/** The zone's live record sets a resource with these ignore rules owns (system records never). */
export function managedSets(all: DynRecord[], zone: string, rules: IgnoreRule[]): Map<string, LiveSet> {
  const sets = new Map<string, LiveSet>();
  for (const r of all) {
    if (isSystemRecord(r, zone)) continue;
    const fqdn = r.fqdn.replace(/\.$/, "").toLowerCase();
    const label = labelOf(zone, fqdn);
    if (ignores(rules, label, r.record_type)) continue;
    const key = setKey(label, r.record_type);
    let set = sets.get(key);
    if (!set) sets.set(key, (set = { label, type: r.record_type, fqdn, records: [] }));
    set.records.push(r);
  }
  return sets;
}

/** The zone's default TTL: the TTL of its SOA record (§6.4). */
export function zoneDefaultTtlOf(all: DynRecord[]): number | undefined {
  return all.find((r) => r.record_type === "SOA")?.ttl;
}

/**
 * A live set in the resource's terms. Records of one set whose TTLs disagree report the TTL that
 * differs from the declared one (so the difference shows); a TTL equal to the zone default reads
 * as 0 when 0 is declared (user-asks #26).
 */
export function liveSpec(set: LiveSet, declaredTtl: number | undefined, zoneDefault: number | undefined): SetSpec {
  const values: SetSpec["values"] = {};
  for (const r of set.records) {
    const rdata = liveRdata(set.type, r);
    values[valueKey(set.type, rdata)] = rdata;
  }
  const ttls = set.records.map((r) => (r.ttl === 0 || (declaredTtl === 0 && r.ttl === zoneDefault) ? 0 : r.ttl));
  const odd = ttls.find((t) => t !== declaredTtl) ?? ttls[0];
  return { ttl: odd, values: sortedValues(values) };
}

/** The live records the resource owns, in its model (what `read` reports). */
export function liveRecords(sets: Map<string, LiveSet>, declared: RecordsMap | undefined, zoneDefault: number | undefined): RecordsMap {
  const out: RecordsMap = {};
  for (const key of [...sets.keys()].sort()) out[key] = liveSpec(sets.get(key)!, declared?.[key]?.ttl, zoneDefault);
  return out;
}

export function sortedValues(values: SetSpec["values"]): SetSpec["values"] {
  return sortedByKey(values);
}

function sameSet(a: SetSpec, b: SetSpec): boolean {
  const ka = Object.keys(a.values);
  return a.ttl === b.ttl && ka.length === Object.keys(b.values).length && ka.every((k) => k in b.values);
}

export interface SetWrite {
  key: string;
  label: string;
  type: RecordType;
  fqdn: string;
  ttl: number;
  records: Record<string, unknown>[];
}

export interface Plan {
  /** Sets to replace with the declared records (new or changed): one PUT each. */
  puts: SetWrite[];
  /** Sets to remove (owned, not declared): one DELETE each. */
  deletes: { key: string; type: RecordType; fqdn: string }[];
  /** Record sets already as declared. */
  unchanged: number;
}

/** The calls that make the owned part of the live zone equal to `declared`. */
export function planChanges(zone: string, declared: RecordsMap, live: Map<string, LiveSet>, zoneDefault: number | undefined): Plan {
  const plan: Plan = { puts: [], deletes: [], unchanged: 0 };
  for (const [key, want] of Object.entries(declared)) {
    const set = live.get(key);
    if (set && sameSet(liveSpec(set, want.ttl, zoneDefault), want)) {
      plan.unchanged++;
      continue;
    }
    const { label, type } = parseSetKey(key);
    plan.puts.push({ key, label, type, fqdn: fqdnOfLabel(label, zone), ttl: want.ttl, records: Object.values(want.values) });
  }
  for (const [key, set] of live) if (!(key in declared)) plan.deletes.push({ key, type: set.type, fqdn: set.fqdn });
  return plan;
}

/** Records in a model (one per value). */
export function countRecords(records: RecordsMap): number {
  let n = 0;
  for (const set of Object.values(records)) n += Object.keys(set.values).length;
  return n;
}
