/**
 * What a program spec declares and what the emulator serves, in one comparable form: one line
 * "<fqdn> <ttl> <TYPE> <rdata>" per record, sorted, for the published user records (DynECT's own
 * SOA and apex NS records left out).
 */
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../../provider/emulator";
import { RDATA_FIELDS, type RecordType } from "../../../provider/sdk/schemas/rdata";
import { zonesOf, type ProgramSpec } from "./project";

/** rdata as the emulator returns it: host names absolute with a trailing dot (§6.2). */
export function canonicalRdata(type: string, rdata: Record<string, unknown>): string {
  const fields = RDATA_FIELDS[type as RecordType] as Record<string, { kind: string }>;
  return Object.keys(rdata)
    .sort()
    .map((k) => {
      let v = String(rdata[k]);
      if (fields[k]?.kind === "hostname" && !v.endsWith(".")) v += ".";
      return `${k}=${v}`;
    })
    .join(",");
}

export function recordKey(fqdn: string, type: string, ttl: number, rdata: Record<string, unknown>): string {
  return `${fqdn} ${ttl} ${type} ${canonicalRdata(type, rdata)}`;
}

/** The records each resource of the spec declares (typed entries; `raw` ones are left out), by logical name. */
export function declaredByResource(spec: ProgramSpec): Map<string, string[]> {
  const zones = zonesOf(spec);
  const out = new Map<string, string[]>();
  for (const r of spec.records) {
    if (r.raw) continue;
    const zone = zones.find((z) => z.name === (r.zone ?? zones[0]?.name));
    assert.ok(zone, `record ${r.logical}: its zone is not declared`);
    const keys = (name: string | undefined, type: string, ttl: number | undefined, values: Record<string, unknown>[]) => {
      const fqdn = name === "@" ? zone.name : `${name}.${zone.name}`;
      return values.map((rdata) => recordKey(fqdn, type, ttl || (zone.ttl ?? 3600), rdata));
    };
    if (r.kind === "ZoneRecords") {
      const entries = (r.records ?? []) as { name: string; type: string; ttl?: number; rdata?: Record<string, unknown>; values?: Record<string, unknown>[] }[];
      out.set(r.logical, entries.flatMap((e) => keys(e.name, e.type, e.ttl, e.values ?? [e.rdata as Record<string, unknown>])));
    } else {
      out.set(r.logical, keys(r.name, r.type as string, r.ttl, r.records ?? [r.rdata as Record<string, unknown>]));
    }
  }
  return out;
}

/** Every record the spec declares, sorted. */
export function declaredRecords(spec: ProgramSpec): string[] {
  return [...declaredByResource(spec).values()].flat().sort();
}

export interface LiveZone {
  serial: number;
  published: boolean;
  records: { fqdn: string; record_type: string; ttl: number; rdata: Record<string, unknown> }[];
}

export function liveZone(emulator: RunningEmulator, zone: string): LiveZone | undefined {
  return emulator.control.state().zones[zone] as LiveZone | undefined;
}

/** The published user records of `zones` (each must exist). */
export function publishedRecords(emulator: RunningEmulator, zones: string[]): string[] {
  const out: string[] = [];
  for (const name of zones) {
    const zone = liveZone(emulator, name);
    assert.ok(zone, `the emulator serves no zone ${name}`);
    for (const r of zone.records) {
      if (r.record_type !== "SOA" && r.record_type !== "NS") out.push(recordKey(r.fqdn, r.record_type, r.ttl, r.rdata));
    }
  }
  return out.sort();
}
