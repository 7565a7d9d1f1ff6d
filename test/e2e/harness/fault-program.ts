/**
 * The program of the fault suite: three zones of about a hundred records in all (A, AAAA, TXT,
 * CNAME, SRV, MX, CAA) — zones a and b as dyn.Record and dyn.RecordSet resources, zone c as one
 * dyn.ZoneRecords holding the same kinds of records. Two records of zones a and b wait for a
 * resource of the next zone (dependsOn), so those zones also get a later, second batch of changes
 * — the batch that would publish anything an earlier, failed batch left pending on its token.
 */
import type { ProgramSpec, RecordSpec } from "./project";

export interface FaultProgramOptions {
  /** Only the first N records. */
  records?: number;
  /**
   * A guest program: the zones belong to another stack (external), every record name and logical
   * name carries this prefix, rdata stays the same (other nodes, so nothing clashes).
   */
  guest?: string;
  /** Zone c as one ZoneRecords (default, except for a guest program). */
  zoneRecords?: boolean;
}

/** The records of one zone as ZoneRecords entries, in one resource. */
function asZoneRecords(logical: string, zone: string, records: RecordSpec[]): RecordSpec {
  const entries = records.map((r) => ({ name: r.name, type: r.type, ...(r.ttl ? { ttl: r.ttl } : {}), ...(r.records ? { values: r.records } : { rdata: r.rdata }) }));
  return { logical, kind: "ZoneRecords", zone, records: entries };
}

export function faultProgram(prefix: string, opts: FaultProgramOptions = {}): ProgramSpec {
  const zoneNames = ["a", "b", "c"].map((z) => `${prefix}-${z}.example`);
  const records: RecordSpec[] = [];
  const guest = opts.guest === undefined ? "" : `${opts.guest}-`;
  const zoneRecords = opts.zoneRecords ?? opts.guest === undefined;
  const zoneResource = (zi: number) => (zoneRecords && zi === 2 ? `${guest}${zi}-records` : `${guest}${zi}-host-1`);
  zoneNames.forEach((zone, zi) => {
    const z = zi + 1;
    const first = records.length;
    const id = (name: string) => `${guest}${zi}-${name}`;
    for (let i = 1; i <= 12; i++) records.push({ logical: id(`host-${i}`), kind: "Record", zone, name: `${guest}host-${i}`, type: "A", ttl: 300, rdata: { address: `192.0.${z}.${i}` } });
    for (let i = 1; i <= 4; i++) records.push({ logical: id(`v6-${i}`), kind: "Record", zone, name: `${guest}v6-${i}`, type: "AAAA", rdata: { address: `2001:db8:${z}::${i}` } });
    for (let i = 1; i <= 4; i++) records.push({ logical: id(`txt-${i}`), kind: "Record", zone, name: `${guest}txt-${i}`, type: "TXT", ttl: 600, rdata: { txtdata: `fault suite ${zone} ${i}` } });
    for (let i = 1; i <= 3; i++) records.push({ logical: id(`alias-${i}`), kind: "Record", zone, name: `${guest}alias-${i}`, type: "CNAME", ttl: 300, rdata: { cname: `${guest}host-${i}.${zone}` } });
    records.push({ logical: id("sip"), kind: "Record", zone, name: `${guest}_sip._tcp`, type: "SRV", rdata: { priority: 10, weight: 5, port: 5060, target: `host-1.${zone}` } });
    for (let i = 1; i <= 3; i++) {
      records.push({ logical: id(`pool-${i}`), kind: "RecordSet", zone, name: `${guest}pool-${i}`, type: "A", ttl: 60, records: [{ address: `198.51.${z}.${2 * i}` }, { address: `198.51.${z}.${2 * i + 1}` }] });
    }
    for (let i = 1; i <= 2; i++) records.push({ logical: id(`spf-${i}`), kind: "RecordSet", zone, name: `${guest}mail-${i}`, type: "TXT", records: [{ txtdata: "v=spf1 mx -all" }, { txtdata: `site ${i}` }] });
    records.push({ logical: id("mx"), kind: "RecordSet", zone, name: guest ? `${guest}apex` : "@", type: "MX", records: [{ preference: 10, exchange: `host-2.${zone}` }, { preference: 20, exchange: `host-3.${zone}` }] });
    records.push({ logical: id("caa"), kind: "RecordSet", zone, name: guest ? `${guest}apex` : "@", type: "CAA", ttl: 3600, records: [{ flags: 0, tag: "issue", value: "letsencrypt.org" }] });
    if (zoneResource(zi) !== id("host-1")) records.push(asZoneRecords(zoneResource(zi), zone, records.splice(first)));
  });
  // The second batch of each zone: waits for a resource of the next zone.
  zoneNames.forEach((zone, zi) => {
    if (zoneResource(zi) !== `${guest}${zi}-host-1`) return; // one ZoneRecords: no second batch
    const next = (zi + 1) % zoneNames.length;
    for (let i = 1; i <= 2; i++) {
      records.push({ logical: `${guest}${zi}-late-${i}`, kind: "Record", zone, name: `${guest}late-${i}`, type: "A", ttl: 300, rdata: { address: `203.0.113.${10 * (zi + 1) + i}` }, dependsOn: [zoneResource(next)] });
    }
  });
  return {
    zones: zoneNames.map((name, i) => ({ logical: `zone-${i}`, name, contact: `hostmaster@${name}`, ttl: 1800, ...(guest ? { external: true } : {}) })),
    records: opts.records === undefined ? records : records.slice(0, opts.records),
  };
}
