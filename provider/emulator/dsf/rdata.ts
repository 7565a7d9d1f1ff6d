/**
 * Record data of Traffic Director records (dynect-api.md §7.5). Requests carry
 * `rdata: {"<type>_rdata": {…}}`; replies carry `rdata: [{type, ttl: "", data: {rdata_<type>: {…}}}]`
 * where `data` holds a block for EVERY type of the template below, zero/empty-filled except the
 * record's own. The table is the DSF template of §7.5 (field names as in §6.3; the `policy` block's
 * fields as in the recorded octodns-dyn dump), listed in zone-file order for `master_line`.
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import { txtTooLong } from "../txt";
import { isHostname, isIPv4, isIPv6 } from "../validate";

type Kind = "u8" | "u16" | "u32" | "int" | "str" | "host" | "ipv4" | "ipv6" | "txt";
/** [field, kind, may be ""] */
type Field = readonly [string, Kind, boolean?];

const KEYISH: readonly Field[] = [
  ["flags", "u16"],
  ["protocol", "u8"],
  ["algorithm", "u8"],
  ["public_key", "str"],
];
const DIGEST: readonly Field[] = [
  ["keytag", "u16"],
  ["algorithm", "u8"],
  ["digtype", "u8"],
  ["digest", "str"],
];

const TEMPLATE: Record<string, readonly Field[]> = {
  A: [["address", "ipv4"]],
  AAAA: [["address", "ipv6"]],
  ALIAS: [["alias", "host"]],
  CDNSKEY: KEYISH,
  CDS: DIGEST,
  CERT: [
    ["format", "u16"],
    ["tag", "u16"],
    ["algorithm", "u8"],
    ["certificate", "str"],
  ],
  CNAME: [["cname", "host"]],
  CSYNC: [
    ["soa_serial", "u32"],
    ["flags", "str", true],
    ["types", "str"],
  ],
  DHCID: [["digest", "str"]],
  DNAME: [["dname", "host"]],
  DNSKEY: KEYISH,
  DS: DIGEST,
  IPSECKEY: [
    ["precedence", "u8"],
    ["gatetype", "u8"],
    ["algorithm", "u8"],
    ["gateway", "str"],
    ["public_key", "str"],
  ],
  KEY: KEYISH,
  KX: [
    ["preference", "u16"],
    ["exchange", "host"],
  ],
  LOC: [
    ["latitude", "str"],
    ["longitude", "str"],
    ["altitude", "int"],
    ["size", "int"],
    ["horiz_pre", "int"],
    ["vert_pre", "int"],
    ["version", "int"],
  ],
  MX: [
    ["preference", "u16"],
    ["exchange", "host"],
  ],
  // RFC 3403 §4.1: flags, services and regexp may be empty strings
  NAPTR: [
    ["order", "u16"],
    ["preference", "u16"],
    ["flags", "str", true],
    ["services", "str", true],
    ["regexp", "str", true],
    ["replacement", "host"],
  ],
  NS: [["nsdname", "host"]],
  NSAP: [["nsap", "str"]],
  POLICY: [
    ["api_url", "str"],
    ["gui_url", "str"],
    ["name", "str"],
    ["policy", "str"],
    ["rtype", "str"],
  ],
  PTR: [["ptrdname", "host"]],
  PX: [
    ["preference", "u16"],
    ["map822", "host"],
    ["mapx400", "host"],
  ],
  RP: [
    ["mbox", "str"],
    ["txtdname", "host"],
  ],
  SOA: [
    ["mname", "host"],
    ["rname", "str"],
    ["serial", "u32"],
    ["refresh", "u32"],
    ["retry", "u32"],
    ["expire", "u32"],
    ["minimum", "u32"],
  ],
  SPF: [["txtdata", "txt"]],
  SRV: [
    ["priority", "u16"],
    ["weight", "u16"],
    ["port", "u16"],
    ["target", "host"],
  ],
  SSHFP: [
    ["algorithm", "u8"],
    ["fptype", "u8"],
    ["fingerprint", "str"],
  ],
  TLSA: [
    ["cert_usage", "u8"],
    ["selector", "u8"],
    ["match_type", "u8"],
    ["certificate", "str"],
  ],
  TXT: [["txtdata", "txt"]],
};

const TEMPLATE_TYPES = Object.keys(TEMPLATE);

/** The classes a record set may hold: the template without the system SOA and the opaque POLICY block. */
export const DSF_RDATA_CLASSES: readonly string[] = TEMPLATE_TYPES.filter((t) => t !== "SOA" && t !== "POLICY");

const INT_RANGE: Partial<Record<Kind, [number, number]>> = { u8: [0, 255], u16: [0, 65535], u32: [0, 4294967295], int: [-2147483648, 4294967295] };
/** One field's stored value, or the reason it is refused. */
function readField(kind: Kind, raw: unknown, emptyOk: boolean): { value: string | number } | { reason: string } {
  const range = INT_RANGE[kind];
  if (range) {
    const n = typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof n !== "number" || !Number.isInteger(n) || n < range[0] || n > range[1]) return { reason: `must be an integer from ${range[0]} to ${range[1]}` };
    return { value: n };
  }
  if (typeof raw !== "string") return { reason: "must be a string" };
  if (raw === "") return emptyOk ? { value: "" } : { reason: "is required" };
  switch (kind) {
    case "ipv4":
      return isIPv4(raw.trim()) ? { value: raw.trim() } : { reason: "must be an IPv4 address" };
    case "ipv6":
      return isIPv6(raw.trim()) ? { value: raw.trim().toLowerCase() } : { reason: "must be an IPv6 address" };
    case "host": {
      const h = raw.trim().toLowerCase();
      if (!isHostname(h)) return { reason: "must be a valid host name" };
      return { value: h.endsWith(".") ? h : `${h}.` };
    }
    case "txt":
      return txtTooLong(raw) ? { reason: "Too long" } : { value: raw };
    default:
      return { value: raw };
  }
}

/** The request key of a class: `a_rdata`, …; dyn-python creates PX with `pxr_rdata` and updates with `px_rdata` (§7.5). */
function requestKeys(rdataClass: string): string[] {
  const k = `${rdataClass.toLowerCase()}_rdata`;
  return rdataClass === "PX" ? [k, "pxr_rdata"] : [k];
}

/**
 * `rdata: {"<type>_rdata": {…}}` of a record of `rdataClass`, validated and normalised; with
 * `current`, the given fields are merged into it (record PUT, §7.2). Keys that are not fields of
 * the type are ignored: dyn-python re-sends attributes it read back (status, torpidity, …) there.
 */
export function readRecordRdata(rdataClass: string, raw: unknown, current?: Record<string, string | number>): Record<string, string | number> {
  const keys = requestKeys(rdataClass);
  const wrapper = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const key = wrapper ? keys.find((k) => k in wrapper) : undefined;
  const block = key ? wrapper?.[key] : undefined;
  if (!key || typeof block !== "object" || block === null || Array.isArray(block)) {
    throw fail(400, "INVALID_DATA", TEXT.badArg("rdata", `must be {"${keys[0]}": {…}} for a ${rdataClass} record set`));
  }
  const given = block as Record<string, unknown>;
  const out: Record<string, string | number> = {};
  for (const [name, kind, emptyOk] of TEMPLATE[rdataClass]) {
    const v = given[name] !== undefined && given[name] !== null ? given[name] : current?.[name];
    if (v === undefined || v === null) throw fail(400, "INVALID_DATA", TEXT.badArg(name, "is required"));
    const r = readField(kind, v, emptyOk === true);
    if ("reason" in r) throw fail(400, "INVALID_DATA", TEXT.badArg(name, r.reason));
    out[name] = r.value;
  }
  return out;
}

/** The reply `data` object: a `rdata_<type>` block for every template type (§7.5). */
export function rdataBlocks(rdataClass: string, rdata: Record<string, string | number>): Record<string, Record<string, string | number>> {
  const data: Record<string, Record<string, string | number>> = {};
  for (const t of TEMPLATE_TYPES) {
    const block: Record<string, string | number> = {};
    for (const [name, kind] of TEMPLATE[t]) block[name] = t === rdataClass ? rdata[name] : INT_RANGE[kind] ? 0 : "";
    data[`rdata_${t.toLowerCase()}`] = block;
  }
  return data;
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Zone-file style text of the rdata (`master_line`, e.g. `5.2.3.4`, `10 mail.example.com.`). */
export function masterLine(rdataClass: string, rdata: Record<string, string | number>): string {
  return TEMPLATE[rdataClass]
    .map(([name, kind]) => {
      const v = rdata[name];
      if (kind === "txt") return /^\s*".*"\s*$/s.test(String(v)) ? String(v) : quoted(String(v));
      if (rdataClass === "NAPTR" && (name === "flags" || name === "services" || name === "regexp")) return quoted(String(v));
      return String(v);
    })
    .join(" ");
}

/** What a record monitors when the client names no endpoints: its address or target (the recorded `endpoints: ["5.2.3.4"]`). */
export function defaultEndpoints(rdataClass: string, rdata: Record<string, string | number>): string[] {
  if (rdataClass === "A" || rdataClass === "AAAA") return [String(rdata.address)];
  if (rdataClass === "CNAME") return [String(rdata.cname).replace(/\.$/, "")];
  return [];
}

/** The record class a `{failover: "<ip|host>"}` value makes (§7.4): A, AAAA or CNAME by its syntax. */
export function failoverRdata(value: string): { rdataClass: string; rdata: Record<string, string | number> } | undefined {
  const v = value.trim();
  if (isIPv4(v)) return { rdataClass: "A", rdata: { address: v } };
  if (isIPv6(v)) return { rdataClass: "AAAA", rdata: { address: v.toLowerCase() } };
  if (v !== "." && isHostname(v)) return { rdataClass: "CNAME", rdata: { cname: v.toLowerCase().endsWith(".") ? v.toLowerCase() : `${v.toLowerCase()}.` } };
  return undefined;
}
