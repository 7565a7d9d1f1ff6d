/**
 * DynECT's record types and their rdata fields as the emulator serves them, written from
 * docs/dynect-api.md §6.3 (field names and JSON types) and the DNS wire formats the fields come
 * from (integer widths). The emulator is the ground truth the SDK and the resources are tested
 * against, so this table is its own: it never imports the SDK's (provider/sdk/schemas/rdata.ts).
 * test/emulator/rdata-table.test.ts compares the two and lists every intentional difference.
 */

export type FieldSpec =
  /** JSON integer; numeric strings are accepted in requests (§6.1 ttl note), numbers are returned. */
  | { kind: "int"; min: number; max: number }
  /**
   * JSON string, non-empty, stored as sent. `characterStrings`: TXT/SPF text, DNS character-strings
   * (255 octets each, 65535 in all, RFC 1035 §3.3.14 — checked by txt.ts).
   */
  | { kind: "string"; characterStrings?: true }
  /**
   * A domain name, returned lower-case and absolute with a trailing dot (§6.2 `"foobar.go-dynect.test."`);
   * never an IP address. The root `.` only where `root` says an RFC gives it a meaning.
   */
  | { kind: "hostname"; root?: true }
  /** An e-mail address returned in DNS mailbox form, `@` replaced by `.` (§6.3 RP, §6.4 SOA rname). */
  | { kind: "mailbox" }
  | { kind: "ipv4" }
  /** Returned lower-cased, otherwise as sent (DynECT does not rewrite it to RFC 5952). */
  | { kind: "ipv6" }
  | { kind: "enum"; values: readonly string[] }
  /** LOC latitude/longitude, a string such as `"42 21 54.000 N"` (§6.3), at most `maxDegrees` (RFC 1876). */
  | { kind: "coordinate"; hemispheres: readonly [string, string]; maxDegrees: number };

/** 8-, 16- and 32-bit unsigned fields of the wire formats (RFC 1035, 4034, 6844, 4255, 6698, …). */
const octet = { kind: "int", min: 0, max: 0xff } as const;
const short = { kind: "int", min: 0, max: 0xffff } as const;
const long = { kind: "int", min: 0, max: 0xffffffff } as const;
const str = { kind: "string" } as const;
const name = { kind: "hostname" } as const;
/** A target that may be the root: null MX (RFC 7505), SRV "no service" (RFC 2782), NAPTR "no replacement" (RFC 3403). */
const nameOrRoot = { kind: "hostname", root: true } as const;
const characterStrings = { kind: "string", characterStrings: true } as const;
const mailbox = { kind: "mailbox" } as const;
/** LOC size and precisions in metres (RFC 1876: at most 9 × 10⁹ cm). */
const locMetres = { kind: "int", min: 0, max: 90_000_000 } as const;

/** §6.3, one row per type; keys in the order replies list them. */
export const RDATA_FIELDS = {
  A: { address: { kind: "ipv4" } },
  AAAA: { address: { kind: "ipv6" } },
  ALIAS: { alias: name },
  CAA: { flags: octet, tag: { kind: "enum", values: ["issue", "issuewild", "iodef"] }, value: str },
  CDNSKEY: { algorithm: octet, flags: short, protocol: octet, public_key: str },
  CDS: { algorithm: octet, digest: str, digtype: octet, keytag: short },
  CERT: { format: short, tag: short, algorithm: octet, certificate: str },
  CNAME: { cname: name },
  CSYNC: { soa_serial: long, flags: str, types: str },
  DHCID: { digest: str },
  DNAME: { dname: name },
  DNSKEY: { algorithm: octet, flags: short, protocol: octet, public_key: str },
  DS: { algorithm: octet, digest: str, digtype: octet, keytag: short },
  IPSECKEY: {
    precedence: octet,
    gatetype: { kind: "int", min: 0, max: 3 }, // §6.3: 0–3
    algorithm: { kind: "int", min: 0, max: 2 }, // §6.3: 0–2
    gateway: str,
    public_key: str,
  },
  KEY: { algorithm: octet, flags: short, protocol: octet, public_key: str },
  KX: { exchange: name, preference: short },
  LOC: {
    // RFC 1876 altitude: metres above the reference spheroid, −100000.00 to 42849672.95
    altitude: { kind: "int", min: -100_000, max: 42_849_672 },
    horiz_pre: locMetres,
    latitude: { kind: "coordinate", hemispheres: ["N", "S"], maxDegrees: 90 },
    longitude: { kind: "coordinate", hemispheres: ["E", "W"], maxDegrees: 180 },
    size: locMetres,
    version: { kind: "int", min: 0, max: 0 }, // §6.3: must be 0
    vert_pre: locMetres,
  },
  MX: { exchange: nameOrRoot, preference: short },
  NAPTR: { order: short, preference: short, flags: str, services: str, regexp: str, replacement: nameOrRoot },
  NS: { nsdname: name },
  NSAP: { nsap: str },
  PTR: { ptrdname: name },
  PX: { preference: short, map822: name, mapx400: name },
  RP: { mbox: mailbox, txtdname: name },
  SOA: { mname: name, rname: mailbox, serial: long, refresh: long, retry: long, expire: long, minimum: long },
  SPF: { txtdata: characterStrings },
  SRV: { priority: short, weight: short, port: short, target: nameOrRoot },
  SSHFP: { algorithm: octet, fptype: octet, fingerprint: str },
  TLSA: { cert_usage: octet, selector: octet, match_type: octet, certificate: str },
  TXT: { txtdata: characterStrings },
} as const satisfies Record<string, Record<string, FieldSpec>>;

export type RecordType = keyof typeof RDATA_FIELDS;

/** Every type, alphabetically (the order of AllRecord's keys and of the zone tree's types). */
export const RECORD_TYPES = Object.keys(RDATA_FIELDS) as RecordType[];

export function isRecordType(value: string): value is RecordType {
  return Object.prototype.hasOwnProperty.call(RDATA_FIELDS, value);
}

/** The fields of a type, for iteration. */
export function fieldsOf(type: RecordType): Readonly<Record<string, FieldSpec>> {
  return RDATA_FIELDS[type];
}

/** The REST resource of a type's records: `MXRecord` (§6.1). */
export function recordResource(type: RecordType): string {
  return `${type}Record`;
}

/** The key of a type's records in AllRecord `detail=Y`: `mx_records` (§5.4). */
export function recordsKey(type: RecordType): string {
  return `${type.toLowerCase()}_records`;
}
