/**
 * The program of the fault suite: three zones of about a hundred records in all, as dyn.Record and
 * dyn.RecordSet (A, AAAA, TXT, CNAME, SRV, MX, CAA). Two records of each zone wait for a record of
 * the next zone (dependsOn), so every zone also gets a later, second batch of changes — the batch
 * that would publish anything an earlier, failed batch left pending on its token.
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
}

export function faultProgram(prefix: string, opts: FaultProgramOptions = {}): ProgramSpec {
  const zoneNames = ["a", "b", "c"].map((z) => `${prefix}-${z}.example`);
  const records: RecordSpec[] = [];
  const guest = opts.guest === undefined ? "" : `${opts.guest}-`;
  zoneNames.forEach((zone, zi) => {
    const z = zi + 1;
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
  });
  // The second batch of each zone: waits for the first record of the next zone.
  zoneNames.forEach((zone, zi) => {
    const next = (zi + 1) % zoneNames.length;
    for (let i = 1; i <= 2; i++) {
      records.push({ logical: `${guest}${zi}-late-${i}`, kind: "Record", zone, name: `${guest}late-${i}`, type: "A", ttl: 300, rdata: { address: `203.0.113.${10 * (zi + 1) + i}` }, dependsOn: [`${guest}${next}-host-1`] });
    }
  });
  return {
    zones: zoneNames.map((name, i) => ({ logical: `zone-${i}`, name, contact: `hostmaster@${name}`, ttl: 1800, ...(guest ? { external: true } : {}) })),
    records: opts.records === undefined ? records : records.slice(0, opts.records),
  };
}
