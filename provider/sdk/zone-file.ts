/**
 * Writes records as an RFC 1035 master file, the body of `PUT /REST/ZoneFile/<zone>/` (§5.5): one
 * line per record, absolute owner names, explicit TTL and class, rdata fields in each type's
 * presentation order (RFCs 1035, 2782, 3403, 4034, 6844, 7344, 7477, …), text quoted.
 *
 * What DynECT does with a zone file is known from client code, not from a recording (§5.5): the
 * records of the file replace the zone's. The SOA and Dyn's own NS records are not written (Dyn
 * keeps its own).
 */
import type { RecordType } from "./schemas/rdata";

/** Fields in master-file order, and how each is written. */
type Kind = "n" | "name" | "text" | "rest" | "word";
const ORDER: Partial<Record<RecordType, [string, Kind][]>> = {
  A: [["address", "word"]],
  AAAA: [["address", "word"]],
  ALIAS: [["alias", "name"]],
  CAA: [["flags", "n"], ["tag", "word"], ["value", "text"]],
  CDNSKEY: [["flags", "n"], ["protocol", "n"], ["algorithm", "n"], ["public_key", "rest"]],
  CDS: [["keytag", "n"], ["algorithm", "n"], ["digtype", "n"], ["digest", "rest"]],
  CERT: [["format", "n"], ["tag", "n"], ["algorithm", "n"], ["certificate", "rest"]],
  CNAME: [["cname", "name"]],
  DHCID: [["digest", "rest"]],
  DNAME: [["dname", "name"]],
  DNSKEY: [["flags", "n"], ["protocol", "n"], ["algorithm", "n"], ["public_key", "rest"]],
  DS: [["keytag", "n"], ["algorithm", "n"], ["digtype", "n"], ["digest", "rest"]],
  IPSECKEY: [["precedence", "n"], ["gatetype", "n"], ["algorithm", "n"], ["gateway", "word"], ["public_key", "rest"]],
  KEY: [["flags", "n"], ["protocol", "n"], ["algorithm", "n"], ["public_key", "rest"]],
  KX: [["preference", "n"], ["exchange", "name"]],
  MX: [["preference", "n"], ["exchange", "name"]],
  NAPTR: [["order", "n"], ["preference", "n"], ["flags", "text"], ["services", "text"], ["regexp", "text"], ["replacement", "name"]],
  NS: [["nsdname", "name"]],
  NSAP: [["nsap", "word"]],
  PTR: [["ptrdname", "name"]],
  PX: [["preference", "n"], ["map822", "name"], ["mapx400", "name"]],
  RP: [["mbox", "name"], ["txtdname", "name"]],
  SRV: [["priority", "n"], ["weight", "n"], ["port", "n"], ["target", "name"]],
  SSHFP: [["algorithm", "n"], ["fptype", "n"], ["fingerprint", "rest"]],
  TLSA: [["cert_usage", "n"], ["selector", "n"], ["match_type", "n"], ["certificate", "rest"]],
};

export interface ZoneFileRecord {
  /** Absolute, without trailing dot. */
  fqdn: string;
  type: RecordType;
  ttl: number;
  rdata: Record<string, unknown>;
}

/** A type's rdata fields in master-file (presentation) order; undefined for TXT/SPF, LOC, CSYNC, SOA. */
export function presentationOrder(type: RecordType): string[] | undefined {
  return ORDER[type]?.map(([field]) => field);
}

/** Types this writer can express (the rest — LOC, CSYNC, SOA — make a file impossible). */
export function zoneFileSupports(type: RecordType): boolean {
  return type in ORDER || type === "TXT" || type === "SPF";
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function absolute(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

/** `"a" "b"` chunks (DynECT's long-TXT form) stay as they are; other text is one quoted string per ≤255 bytes. */
function txt(value: string): string {
  if (/^"(?:[^"\\]|\\.)*"(\s+"(?:[^"\\]|\\.)*")*$/.test(value.trim())) return value.trim();
  const chunks: string[] = [];
  let current = "";
  for (const ch of value) {
    if (Buffer.byteLength(current + ch) > 255) {
      chunks.push(current);
      current = "";
    }
    current += ch;
  }
  chunks.push(current);
  return chunks.map(quote).join(" ");
}

function rdataText(type: RecordType, rdata: Record<string, unknown>): string {
  if (type === "TXT" || type === "SPF") return txt(String(rdata.txtdata));
  const order = ORDER[type];
  if (!order) throw new Error(`a zone file cannot hold ${type} records here`);
  return order
    .map(([field, kind]) => {
      const v = String(rdata[field]);
      if (kind === "name") return absolute(v);
      if (kind === "text") return quote(v);
      return v;
    })
    .join(" ");
}

export function zoneFileOf(zone: string, records: ZoneFileRecord[]): string {
  const lines = [`$ORIGIN ${absolute(zone)}`];
  for (const r of records) lines.push(`${absolute(r.fqdn)} ${r.ttl} IN ${r.type} ${rdataText(r.type, r.rdata)}`);
  return `${lines.join("\n")}\n`;
}
