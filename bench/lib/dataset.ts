/**
 * The records every scenario writes: N single-value records spread evenly over 10 zones, types in
 * the rotation of issue 8 (A, A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, TXT), TTLs 300/600/3600.
 * Every record has a node of its own (a CNAME must be alone at its node, §6.3); names are
 * zero-padded so lexical and natural sort agree (octoDNS's YAML loader insists on sorted keys).
 */
export const ZONES = 10;
export const TYPES = ["A", "A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS", "TXT"] as const;
const TTLS = [300, 600, 3600];
/** The "update every TTL" step: each TTL moves to the next one of the rotation. */
const NEXT_TTL: Record<number, number> = { 300: 600, 600: 3600, 3600: 300 };

export interface BenchRecord {
  zone: string;
  /** Relative to the zone. */
  name: string;
  type: (typeof TYPES)[number];
  ttl: number;
  /** DynECT rdata field names (§6.3); host names absolute. */
  rdata: Record<string, string | number>;
}

export interface Dataset {
  zones: string[];
  records: BenchRecord[];
}

export function zoneName(k: number): string {
  return `zone${k}.bench.example`;
}

function rdataFor(type: BenchRecord["type"], i: number): Record<string, string | number> {
  switch (type) {
    case "A":
      return { address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
    case "AAAA":
      return { address: `2001:db8::${i.toString(16)}` };
    case "CNAME":
      return { cname: `target-${i}.example.net.` };
    case "MX":
      return { exchange: `mail-${i}.example.net.`, preference: 10 };
    case "TXT":
      return { txtdata: `bench-${i}` };
    case "SRV":
      return { port: 5060, priority: 10, target: `sip-${i}.example.net.`, weight: 5 };
    case "CAA":
      return { flags: 0, tag: "issue", value: `ca-${i}.example.net` };
    case "NS":
      return { nsdname: `ns-${i}.example.net.` };
  }
}

export function dataset(n: number): Dataset {
  const width = String(Math.max(n - 1, 0)).length;
  const records: BenchRecord[] = [];
  for (let i = 0; i < n; i++) {
    const type = TYPES[Math.floor(i / ZONES) % TYPES.length];
    const label = `r${String(i).padStart(width, "0")}`;
    records.push({
      zone: zoneName(i % ZONES),
      // octoDNS validates SRV names as _service._proto.<name>
      name: type === "SRV" ? `_sip._tcp.${label}` : label,
      type,
      ttl: TTLS[i % TTLS.length],
      rdata: rdataFor(type, i),
    });
  }
  return { zones: Array.from({ length: ZONES }, (_, k) => zoneName(k)), records };
}

export function withNextTtl(d: Dataset): Dataset {
  return { zones: d.zones, records: d.records.map((r) => ({ ...r, ttl: NEXT_TTL[r.ttl] })) };
}

/** Host-name rdata fields, which the emulator stores absolute (§6.2). */
const HOST_FIELDS = new Set(["cname", "exchange", "target", "nsdname"]);

/** `zone name type ttl rdata` lines, comparable with what the emulator serves. */
export function expectedLines(d: Dataset): string[] {
  return d.records.map((r) => recordLine(r.zone, `${r.name}.${r.zone}`, r.type, r.ttl, r.rdata)).sort();
}

export function recordLine(zone: string, fqdn: string, type: string, ttl: number, rdata: Record<string, unknown>): string {
  const fields = Object.keys(rdata)
    .sort()
    .map((k) => {
      let v = String(rdata[k]);
      if (HOST_FIELDS.has(k) && !v.endsWith(".")) v += ".";
      // octodns-dyn writes TXT as quoted character-strings ("bench-5"): the same TXT record
      if (k === "txtdata" && /^"[^"]*"$/.test(v)) v = v.slice(1, -1);
      return `${k}=${v}`;
    });
  return `${zone} ${fqdn.replace(/\.$/, "")} ${type} ${ttl} ${fields.join(",")}`;
}
