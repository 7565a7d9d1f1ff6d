/**
 * Every record type of dynect-api.md §6.3 and its rdata fields — the table the SDK's input checks,
 * the resources' `check` and the canonical rdata comparison are derived from. The emulator has
 * its own (provider/emulator/rdata-table.ts); test/emulator/rdata-table.test.ts compares the two.
 */
import { txtRdataBytes, txtText } from "./txt";

export { txtText, txtWireForm, wireRdata } from "./txt";

export type FieldSpec =
  /** An integer; DynECT also accepts numeric strings in requests and returns numbers. `unit` when it measures something. */
  | { kind: "int"; min: number; max: number; unit?: string }
  /**
   * Free text (TXT data, keys, digests, …). `encoding` says what the text holds: `hex` digits
   * (compared case-insensitively, written lower-case, whitespace dropped) or `base64` (case matters,
   * kept as written). `characterStrings`: TXT/SPF text, which must fit one record's data as DNS
   * character-strings (255-byte strings, 65535 bytes in all, RFC 1035 §3.3.14).
   */
  | { kind: "string"; maxLength?: number; encoding?: "hex" | "base64"; characterStrings?: true }
  /**
   * A domain name; DynECT returns it absolute with a trailing dot (§6.2: `"cname": "foo.example."`).
   * Never an IP address; the root `.` only where `root` is set (an RFC gives it a meaning there).
   */
  | { kind: "hostname"; root?: true }
  | { kind: "ipv4" }
  | { kind: "ipv6" }
  /** One of a fixed set of strings. */
  | { kind: "enum"; values: readonly string[] }
  /** A LOC coordinate such as `"42 21 54.000 N"` (§6.3: latitude/longitude are strings), at most `maxDegrees`. */
  | { kind: "coordinate"; hemispheres: readonly [string, string]; maxDegrees: number };

const u8 = { kind: "int", min: 0, max: 255 } as const;
const u16 = { kind: "int", min: 0, max: 65535 } as const;
const u32 = { kind: "int", min: 0, max: 4294967295 } as const;
const text = { kind: "string" } as const;
const hex = { kind: "string", encoding: "hex" } as const;
const base64 = { kind: "string", encoding: "base64" } as const;
const host = { kind: "hostname" } as const;
/** Null MX (RFC 7505), SRV "no service" (RFC 2782) and NAPTR "no replacement" (RFC 3403) use the root. */
const hostOrRoot = { kind: "hostname", root: true } as const;
const characterStrings = { kind: "string", characterStrings: true } as const;
/** LOC sizes, precisions and altitude: meters, as in RFC 1876's text form (dyn-python: "altitude: measured in meters"). */
const meters = (min: number, max: number) => ({ kind: "int", min, max, unit: "meters" }) as const;

/** rdata keys per type, in the order dyn-python sends them (§6.3). */
export const RDATA_FIELDS = {
  A: { address: { kind: "ipv4" } },
  AAAA: { address: { kind: "ipv6" } },
  ALIAS: { alias: host },
  CAA: { flags: u8, tag: { kind: "enum", values: ["issue", "issuewild", "iodef"] }, value: text },
  CDNSKEY: { algorithm: u8, flags: u16, protocol: u8, public_key: base64 },
  CDS: { algorithm: u8, digest: hex, digtype: u8, keytag: u16 },
  CERT: { format: u16, tag: u16, algorithm: u8, certificate: base64 },
  CNAME: { cname: host },
  CSYNC: { soa_serial: u32, flags: text, types: text },
  DHCID: { digest: base64 },
  DNAME: { dname: host },
  DNSKEY: { algorithm: u8, flags: u16, protocol: u8, public_key: base64 },
  DS: { algorithm: u8, digest: hex, digtype: u8, keytag: u16 },
  IPSECKEY: {
    precedence: u8,
    gatetype: { kind: "int", min: 0, max: 3 },
    algorithm: { kind: "int", min: 0, max: 2 },
    gateway: text,
    public_key: base64,
  },
  KEY: { algorithm: u8, flags: u16, protocol: u8, public_key: base64 },
  KX: { exchange: host, preference: u16 },
  LOC: {
    altitude: meters(-100000, 42849672),
    horiz_pre: meters(0, 90000000),
    latitude: { kind: "coordinate", hemispheres: ["N", "S"], maxDegrees: 90 },
    longitude: { kind: "coordinate", hemispheres: ["E", "W"], maxDegrees: 180 },
    size: meters(0, 90000000),
    version: { kind: "int", min: 0, max: 0 },
    vert_pre: meters(0, 90000000),
  },
  MX: { exchange: hostOrRoot, preference: u16 },
  NAPTR: { order: u16, preference: u16, flags: text, services: text, regexp: text, replacement: hostOrRoot },
  NS: { nsdname: host },
  NSAP: { nsap: text },
  PTR: { ptrdname: host },
  PX: { preference: u16, map822: host, mapx400: host },
  RP: { mbox: text, txtdname: host },
  SOA: { mname: host, rname: text, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 },
  SPF: { txtdata: characterStrings },
  SRV: { priority: u16, weight: u16, port: u16, target: hostOrRoot },
  SSHFP: { algorithm: u8, fptype: u8, fingerprint: hex },
  TLSA: { cert_usage: u8, selector: u8, match_type: u8, certificate: hex },
  TXT: { txtdata: characterStrings },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type RecordType = keyof typeof RDATA_FIELDS;
export const RECORD_TYPES = Object.keys(RDATA_FIELDS) as RecordType[];

/** Types whose records users manage; SOA is system-owned (§6.4: no POST, no DELETE). */
export const USER_RECORD_TYPES = RECORD_TYPES.filter((t) => t !== "SOA");

export function isRecordType(value: string): value is RecordType {
  return Object.prototype.hasOwnProperty.call(RDATA_FIELDS, value);
}

type FieldValue<F> = F extends { kind: "int" } ? number : string;
/** The rdata object of one type, e.g. `Rdata<"MX">` = `{ exchange: string; preference: number }`. */
export type Rdata<T extends RecordType> = { -readonly [K in keyof (typeof RDATA_FIELDS)[T]]: FieldValue<(typeof RDATA_FIELDS)[T][K]> };
export type AnyRdata = { [T in RecordType]: Rdata<T> }[RecordType];

/** `0 | 1 | … | Hi`, for the small integer ranges of the table. */
type ZeroTo<Hi extends number, Acc extends number[] = []> = Acc["length"] extends Hi ? Acc[number] | Hi : ZeroTo<Hi, [...Acc, Acc["length"]]>;
type SmallMax = ZeroTo<15>;

/**
 * What a program may write for one field: what `checkField` accepts (after `canonicalRdata`), as far
 * as TypeScript can say it — a small integer range as its literals (also as strings), any other
 * integer as a number or an integer string (`"10"`, not `"ten"`), an enum as its values (lower or
 * upper case), a LOC coordinate ending in its hemisphere letter. Ranges of larger integers, host
 * names and addresses are checked by `check` only.
 */
export type FieldInput<F> = F extends { kind: "int"; min: 0; max: infer Hi extends SmallMax }
  ? ZeroTo<Hi> | `${ZeroTo<Hi>}`
  : F extends { kind: "int" }
    ? number | `${bigint}`
    : F extends { kind: "enum"; values: readonly (infer V extends string)[] }
      ? V | Uppercase<V>
      : F extends { kind: "coordinate"; hemispheres: readonly (infer H extends string)[] }
        ? `${string} ${H | Lowercase<H>}`
        : string;

/** The rdata a program writes for one type, e.g. `RdataInput<"CAA">["tag"]` = `"issue" | "issuewild" | "iodef" | …`. */
export type RdataInput<T extends RecordType> = { -readonly [K in keyof (typeof RDATA_FIELDS)[T]]: FieldInput<(typeof RDATA_FIELDS)[T][K]> };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.?$/i;
const COORDINATE = /^(\d{1,3})(?: (\d{1,2})(?: (\d{1,2}(?:\.\d{1,3})?))?)? ([NSEW])$/;

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(value) || value.length > 45) return false;
  const parts = value.split("::");
  if (parts.length > 2) return false;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(parts[0]);
  const tail = parts.length === 2 ? groups(parts[1]) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    if (!isIPv4(last)) return false;
    count += 1; // an embedded IPv4 takes two groups
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return parts.length === 2 ? count < 8 : count === 8;
}

/** A host name, or the root "." (null MX RFC 7505, SRV "no service" RFC 2782, NAPTR replacement). */
export function isHostname(value: string): boolean {
  if (value === ".") return true;
  return value.length > 0 && value.length <= 254 && HOSTNAME.test(value);
}

/**
 * Checks one rdata field against its spec. Returns `undefined` when valid, else a short reason
 * ("must be an integer from 0 to 65535"). `value` is what arrived in JSON; numeric strings are
 * accepted for integers, as DynECT accepts them (§6.1 ttl note applies to rdata ints too).
 */
export function checkField(spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case "int": {
      const n = coerceInt(value);
      if (typeof n !== "number" || !Number.isInteger(n) || n < spec.min || n > spec.max) {
        return spec.min === spec.max ? `must be ${spec.min}` : `must be an integer from ${spec.min} to ${spec.max}`;
      }
      return undefined;
    }
    case "string":
      if (typeof value !== "string" || value.length === 0) return "must be a non-empty string";
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters`;
      if (spec.encoding === "hex" && !/^([0-9a-f]{2})+$/i.test(value.replace(/\s+/g, ""))) return "must be hexadecimal digits (0-9, a-f), an even number of them";
      return spec.characterStrings ? checkCharacterStrings(value) : undefined;
    case "hostname":
      if (typeof value !== "string" || !isHostname(value)) return "must be a valid host name";
      if (value === ".") return spec.root ? undefined : 'cannot be the root "." — name the target host';
      return isIPv4(value.replace(/\.$/, "")) ? "must be a host name, not an IP address (DNS points this record at a name; give the address to an A/AAAA record of that name)" : undefined;
    case "ipv4":
      return typeof value === "string" && isIPv4(value) ? undefined : "must be an IPv4 address";
    case "ipv6":
      return typeof value === "string" && isIPv6(value) ? undefined : "must be an IPv6 address";
    case "enum":
      return typeof value === "string" && spec.values.includes(value) ? undefined : `must be one of ${spec.values.join(", ")}`;
    case "coordinate":
      return checkCoordinate(spec, value);
  }
}

/** degrees [minutes [seconds]] hemisphere, within ±`maxDegrees` (RFC 1876: latitude 90°, longitude 180°). */
function checkCoordinate(spec: { hemispheres: readonly [string, string]; maxDegrees: number }, value: unknown): string | undefined {
  const m = typeof value === "string" ? COORDINATE.exec(value.trim().toUpperCase()) : null;
  if (!m || !spec.hemispheres.includes(m[4])) return `must look like "42 21 54.000 ${spec.hemispheres[0]}"`;
  const [deg, min, sec] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (min >= 60 || sec >= 60) return "must have minutes and seconds below 60";
  if (deg > spec.maxDegrees || (deg === spec.maxDegrees && (min > 0 || sec > 0))) {
    return `must be at most ${spec.maxDegrees}° ${spec.hemispheres.join(" or ")} (got ${String(value).trim()})`;
  }
  return undefined;
}

/** RDLENGTH is 16 bits (RFC 1035 §3.2.1): all the character-strings of one TXT record. */
export const TXT_MAX_RDATA_BYTES = 65535;

/** TXT/SPF text that chunking cannot fit into one record. */
function checkCharacterStrings(value: string): string | undefined {
  const bytes = txtRdataBytes(value);
  if (bytes <= TXT_MAX_RDATA_BYTES) return undefined;
  return `is too long for one TXT record: as 255-byte DNS strings it takes ${bytes} bytes, more than the ${TXT_MAX_RDATA_BYTES} a record can hold — split it over several records of a RecordSet`;
}

/** Problems with an rdata object of `type`: one `{ field, reason }` per bad, missing or unknown key. */
export function validateRdata(type: RecordType, rdata: unknown): { field: string; reason: string }[] {
  if (typeof rdata !== "object" || rdata === null || Array.isArray(rdata)) return [{ field: "rdata", reason: "must be an object" }];
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const problems: { field: string; reason: string }[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const value = (rdata as Record<string, unknown>)[name];
    if (value === undefined || value === null || value === "") problems.push({ field: name, reason: "is required" });
    else {
      const reason = checkField(spec, value);
      if (reason) problems.push({ field: name, reason });
    }
  }
  for (const name of Object.keys(rdata)) {
    if (!(name in fields)) problems.push({ field: name, reason: `is not an rdata field of ${type} (expected ${Object.keys(fields).join(", ")})` });
  }
  return problems;
}

/** An integer given as a numeric string (`"10"`, `" -5 "`) becomes a number; anything else is returned unchanged. */
export function coerceInt(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** Coerces integer fields given as numeric strings to numbers; other fields unchanged. */
export function coerceRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rdata)) {
    out[name] = fields[name]?.kind === "int" ? coerceInt(value) : value;
  }
  return out;
}

/**
 * Host names in rdata in the form DynECT returns them: lower-case, absolute, trailing dot (§6.2).
 * A blank value stays "" so the validator reports it as missing (only an explicit "." is the root).
 */
export function normalizeHostname(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (name === "") return "";
  return name.endsWith(".") ? name : `${name}.`;
}

/**
 * IPv6 in RFC 5952 form (lower-case, no leading zeros, longest zero run as `::`), so equal
 * addresses written differently compare equal whatever form DynECT returns. Addresses with an
 * embedded IPv4 part, or that do not parse, are only lower-cased.
 */
export function normalizeIPv6(raw: string): string {
  const value = raw.trim().toLowerCase();
  if (value.includes(".")) return value;
  const halves = value.split("::");
  if (halves.length > 2) return value;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return value;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return value;
  const short = groups.map((g) => g.replace(/^0+(?=.)/, ""));
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (short[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && short[j] === "0") j++;
    if (j - i > best.len) best = { start: i, len: j - i };
    i = j;
  }
  if (best.len < 2) return short.join(":");
  return `${short.slice(0, best.start).join(":")}::${short.slice(best.start + best.len).join(":")}`;
}

/**
 * The DNS mailbox form DynECT returns for e-mail fields (RP `mbox`, SOA `rname`, §6.3):
 * `admin@example.com` → `admin.example.com.`.
 */
export function mailboxForm(raw: string): string {
  return normalizeHostname(raw.trim().replace("@", "."));
}

function canonicalField(type: RecordType, name: string, spec: FieldSpec | undefined, value: unknown): unknown {
  if (typeof value !== "string" || spec === undefined) return value;
  switch (spec.kind) {
    case "hostname":
      return normalizeHostname(value);
    case "ipv4":
      return value.trim();
    case "ipv6":
      return normalizeIPv6(value);
    case "coordinate":
      return value.trim().toUpperCase();
    case "enum":
      return value.trim().toLowerCase();
    case "string":
      if (spec.encoding === "hex") return value.replace(/\s+/g, "").toLowerCase();
      if ((type === "TXT" || type === "SPF") && name === "txtdata") return txtText(value);
      if (type === "RP" && name === "mbox") return mailboxForm(value);
      return value;
    default:
      return value;
  }
}

/**
 * Canonical rdata of `type` — the one rdata comparison of the package (resources' check/diff/refresh
 * and the SDK's no-duplicate verification): integers given as strings become numbers, host names
 * get the DynECT form, IPv6 the RFC 5952 form, hex digits lower case, TXT is the joined text, keys
 * come in the table's order.
 * Values it cannot interpret (and unknown keys) are passed through untouched for the validator to
 * report. Also used on rdata read from DynECT. Free text is not trimmed (its spaces are data).
 */
export function canonicalRdata(type: RecordType, rdata: Record<string, unknown>): Record<string, unknown> {
  const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
  const coerced = coerceRdata(type, rdata);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    if (coerced[name] !== undefined) out[name] = canonicalField(type, name, fields[name], coerced[name]);
  }
  for (const [name, value] of Object.entries(coerced)) {
    if (!(name in fields) && value !== undefined) out[name] = value;
  }
  return out;
}

/** Lower-case key DynECT uses for a type in AllRecord detail (`mx_records`), §5.4. */
export function recordsKey(type: RecordType): string {
  return `${type.toLowerCase()}_records`;
}

/** Path segment of a type's record endpoint (`MXRecord`), §6.1. */
export function recordResource(type: RecordType): string {
  return `${type}Record`;
}
