/**
 * What `pulumi-dyn generate` reads from live DNS: per zone its settings (GET /REST/Zone/, the SOA
 * for contact and default TTL, §5.1/§6.4) and its record sets (one AllRecord `detail=Y`, §5.4),
 * without Dyn's own SOA and Primary NS records, in the provider's canonical form — so a program
 * generated from it plans no change. Record sets at a node a Traffic Director service answers for,
 * of a type it answers with, are left to that service (live-traffic-director.ts): DynECT may list
 * them beside the service (octoDNS skips them the same way), and one resource owns each answer.
 */
import { getAllRecords, getZone, listZones, type DynRecord, type DynectSession, type RecordType, type SerialStyle } from "../sdk";
import { liveRdata } from "../resources/records-common";
import { normalizeContact } from "../resources/normalize";
import { isSystemRecord, managedSets } from "../resources/zone-records-model";
import type { ServedSet } from "./live-traffic-director";

export interface LiveSet {
  /** Relative to the zone, `@` for the apex. */
  label: string;
  type: RecordType;
  ttl: number;
  /** Canonical rdata, sorted. */
  records: Record<string, unknown>[];
}

export interface LiveZone {
  name: string;
  contact: string;
  ttl: number;
  serialStyle: SerialStyle;
  sets: LiveSet[];
  /** what Traffic Director services answer for in the zone: never among `sets` */
  served: ServedSet[];
}

/** Zones to read: the ones asked for, or every zone of the account (`--all`). */
export async function zoneNames(session: DynectSession, asked: string[], all: boolean): Promise<string[]> {
  if (!all) return asked.map((z) => z.trim().toLowerCase().replace(/\.$/, ""));
  return (await listZones(session)).map((z) => z.zone.replace(/\.$/, "").toLowerCase()).sort();
}

export async function readZone(session: DynectSession, name: string, served: ServedSet[] = []): Promise<LiveZone> {
  const info = await getZone(session, name);
  const all = await getAllRecords(session, name);
  const soa = all.find((r) => r.record_type === "SOA");
  const rname = String(soa?.rdata.rname ?? `hostmaster.${name}.`);
  const sets: LiveSet[] = [];
  // Left out as a ZoneRecords `ignore` leaves them (a served set names one node and one type).
  for (const set of managedSets(all.filter((r) => !isSystemRecord(r, name)), name, served).values()) {
    const records = set.records.map((r: DynRecord) => liveRdata(set.type, r)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    // One TTL per set; where records disagree the most common one wins (the program can only say one).
    const counts = new Map<number, number>();
    for (const r of set.records) counts.set(r.ttl, (counts.get(r.ttl) ?? 0) + 1);
    const ttl = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    sets.push({ label: set.label, type: set.type, ttl, records });
  }
  sets.sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label) || a.type.localeCompare(b.type));
  return { name, contact: normalizeContact(rname) ?? rname, ttl: soa?.ttl ?? 3600, serialStyle: info.serial_style, sets, served };
}

/** The apex first, then names in alphabetical order. */
function order(label: string): number {
  return label === "@" ? 0 : 1;
}
