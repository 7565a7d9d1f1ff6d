/**
 * Writes docs/record-types.md, the per-type rdata reference, from the table `check` validates with
 * (provider/sdk/schemas/rdata.ts RDATA_FIELDS: kinds, ranges, enums, units, encodings) and the
 * examples its failures quote (provider/resources/examples.ts). Only the one-line meaning of each
 * field is written here, and the compiler makes sure every field of the table has one.
 * `npm run docs` regenerates the file; test/provider/docs.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleText } from "../provider/resources/examples";
import { RDATA_FIELDS, USER_RECORD_TYPES, type FieldSpec, type RecordType } from "../provider/sdk/schemas/rdata";

type UserType = Exclude<RecordType, "SOA">;

/** The fields DNSKEY and CDNSKEY share, and those DS and CDS share. */
const KEY_FIELDS = { algorithm: "the DNSSEC algorithm number", flags: "257 for a key-signing key, 256 for a zone-signing key", protocol: "always 3", public_key: "the public key" };
const DIGEST_FIELDS = { algorithm: "the key's DNSSEC algorithm number", digest: "the digest of the key", digtype: "the digest algorithm (1 SHA-1, 2 SHA-256, 4 SHA-384)", keytag: "the key tag of the key" };

/** What each type is for, and what each field means (the rest comes from the table). */
const MEANING: { [T in UserType]: { about: string; fields: { [F in keyof (typeof RDATA_FIELDS)[T]]: string } } } = {
  A: { about: "an IPv4 address of the node", fields: { address: "the IPv4 address" } },
  AAAA: { about: "an IPv6 address of the node", fields: { address: "the IPv6 address" } },
  ALIAS: { about: "DynECT's apex alias: the node answers with the addresses of another name", fields: { alias: "the name whose addresses are served" } },
  CAA: {
    about: "which certificate authorities may issue for the name (RFC 8659)",
    fields: { flags: "128 marks the property critical, 0 otherwise", tag: "the property", value: "the CA's domain (issue, issuewild) or a report URL (iodef)" },
  },
  CDNSKEY: { about: "the DNSKEY the parent should publish a DS for (RFC 7344)", fields: { ...KEY_FIELDS, algorithm: "the key's DNSSEC algorithm number" } },
  CDS: { about: "the DS the parent should publish (RFC 7344)", fields: DIGEST_FIELDS },
  CERT: {
    about: "a certificate or CRL (RFC 4398)",
    fields: { format: "the certificate type (1 X.509, 2 SPKI, 3 PGP, …)", tag: "the key tag", algorithm: "the DNSSEC algorithm number", certificate: "the certificate" },
  },
  CNAME: { about: "the node is an alias of another name (nothing else may live at the node)", fields: { cname: "the canonical name" } },
  CSYNC: {
    about: "what a parent should copy from the child zone (RFC 7477)",
    fields: { soa_serial: "the child's SOA serial", flags: "comma-separated: soaminimum, immediate", types: "comma-separated record types, e.g. A,AAAA,NS" },
  },
  DHCID: { about: "a DHCP client identifier (RFC 4701)", fields: { digest: "the identifier digest" } },
  DNAME: { about: "redirects the whole subtree below the node to another name (RFC 6672)", fields: { dname: "the target name" } },
  DNSKEY: { about: "a DNSSEC public key (RFC 4034)", fields: KEY_FIELDS },
  DS: { about: "a delegation signer: the digest of a child zone's key (RFC 4034)", fields: DIGEST_FIELDS },
  IPSECKEY: {
    about: "an IPsec public key (RFC 4025)",
    fields: {
      precedence: "lower is preferred",
      gatetype: "0 no gateway, 1 IPv4, 2 IPv6, 3 a domain name",
      algorithm: "0 none, 1 DSA, 2 RSA",
      gateway: "the gateway, written as its gatetype says",
      public_key: "the public key",
    },
  },
  KEY: {
    about: "a public key (RFC 2535, historic)",
    fields: { algorithm: "the algorithm number", flags: "the key flags", protocol: "the protocol number", public_key: "the public key" },
  },
  KX: { about: "a key exchanger for the name (RFC 2230)", fields: { exchange: "the key exchanger's host name", preference: "lower is preferred" } },
  LOC: {
    about: "a geographic location (RFC 1876)",
    fields: {
      altitude: "above sea level",
      horiz_pre: "horizontal precision: the diameter of the circle of error",
      latitude: "degrees, minutes, seconds and N or S",
      longitude: "degrees, minutes, seconds and E or W",
      size: "the diameter of a sphere around the location",
      version: "always 0",
      vert_pre: "vertical precision",
    },
  },
  MX: { about: "a mail exchanger for the name", fields: { exchange: 'the mail server ("." for a null MX, RFC 7505)', preference: "lower is preferred" } },
  NAPTR: {
    about: "a rewrite rule (RFC 3403), e.g. for SIP or ENUM",
    fields: {
      order: "rules are tried in this order, lowest first",
      preference: "among rules of one order, lower is preferred",
      flags: "e.g. U (terminal, the result is a URI), S, A, P",
      services: "e.g. E2U+sip, SIP+D2U",
      regexp: "the substitution expression",
      replacement: 'the next name to look up ("." when regexp is used)',
    },
  },
  NS: { about: "a name server of a delegated child zone (Dyn's own apex NS belong to the zone)", fields: { nsdname: "the name server" } },
  NSAP: { about: "an OSI network service access point (RFC 1706)", fields: { nsap: "the address, hexadecimal with a 0x prefix" } },
  PTR: { about: "a pointer to a name, e.g. for reverse DNS", fields: { ptrdname: "the name pointed to" } },
  PX: { about: "X.400 mail mapping (RFC 2163)", fields: { preference: "lower is preferred", map822: "the RFC 822 domain", mapx400: "the X.400 domain" } },
  RP: { about: "the person responsible for the name (RFC 1183)", fields: { mbox: "their mailbox", txtdname: "a name whose TXT records say more (\".\" for none)" } },
  SPF: { about: "an SPF policy in the historic SPF type (publish it as TXT too)", fields: { txtdata: "the policy text" } },
  SRV: {
    about: "where a service runs (RFC 2782); the node is `_service._proto`",
    fields: { priority: "lower is tried first", weight: "share among records of one priority", port: "the service's port", target: 'the host ("." for no service)' },
  },
  SSHFP: {
    about: "an SSH host key fingerprint (RFC 4255)",
    fields: { algorithm: "the key's algorithm (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519)", fptype: "the fingerprint's hash (1 SHA-1, 2 SHA-256)", fingerprint: "the fingerprint" },
  },
  TLSA: {
    about: "a TLS certificate association for DANE (RFC 6698); the node is `_port._proto.host`",
    fields: {
      cert_usage: "0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE",
      selector: "0 the full certificate, 1 the public key",
      match_type: "0 exact, 1 SHA-256, 2 SHA-512",
      certificate: "the certificate data or its hash",
    },
  },
  TXT: { about: "free text (SPF, DKIM, verification tokens, …)", fields: { txtdata: "the text" } },
};

function typeText(spec: FieldSpec): string {
  switch (spec.kind) {
    case "int": {
      if (spec.min === spec.max) return `the integer ${spec.min}`;
      return `integer, ${spec.min.toLocaleString("en-US")} to ${spec.max.toLocaleString("en-US")}${spec.unit ? ` ${spec.unit}` : ""}`;
    }
    case "string":
      return spec.encoding === "hex" ? "hex digits" : spec.encoding === "base64" ? "base64 text" : "text";
    case "hostname":
      return "host name";
    case "ipv4":
      return "IPv4 address";
    case "ipv6":
      return "IPv6 address";
    case "enum":
      return `one of ${spec.values.map((v) => `\`${v}\``).join(", ")}`;
    case "coordinate":
      return `\`"D M S.sss ${spec.hemispheres[0]}"\`, ending in ${spec.hemispheres.join(" or ")}`;
  }
}

/** How `check` reads the value, i.e. what counts as the same value (no diff). */
function formText(type: UserType, name: string, spec: FieldSpec): string {
  if ((type === "TXT" || type === "SPF") && name === "txtdata") {
    return 'as written, any length; sent to DynECT as quoted 255-byte strings `"…" "…"` (text in that form is read as the joined text)';
  }
  if (type === "RP" && name === "mbox") return "an e-mail address or the mailbox form; stored in mailbox form (`admin@example.com` → `admin.example.com.`)";
  switch (spec.kind) {
    case "int":
      return "a number, or an integer string such as `\"10\"`";
    case "string":
      if (spec.encoding === "hex") return "case-insensitive: stored lower-case, spaces dropped; an even number of digits";
      return spec.encoding === "base64" ? "case-sensitive, kept as written" : "kept as written";
    case "hostname":
      return "case-insensitive: stored lower-case and absolute, with a trailing dot (`mail.example.com` → `mail.example.com.`)";
    case "ipv4":
      return "spaces around it dropped";
    case "ipv6":
      return "any form; stored in RFC 5952 form (lower case, shortest: `2001:DB8:0:0::1` → `2001:db8::1`)";
    case "enum":
      return "case-insensitive, stored lower-case";
    case "coordinate":
      return "stored upper-case, spaces around it dropped";
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export function recordTypesReference(): string {
  const out: string[] = [
    "# Record types: the rdata of each type",
    "",
    "<!-- Generated by `npm run docs` (scripts/record-types-doc.ts) from provider/sdk/schemas/rdata.ts and",
    "     provider/resources/examples.ts; test/provider/docs.test.ts fails when it is stale. Do not edit. -->",
    "",
    "The fields of `rdata` (a `Record`), of each entry of `records` (a `RecordSet`) and of `rdata` or",
    "`values` (a `ZoneRecords` entry), per record type — the table `check` validates with before any",
    "call to DynECT (field names as in dynect-api §6.3). \"Written as\" is what counts as the same value:",
    "two ways of writing one value show no diff. `SOA` is not a record type you declare: the `Zone`",
    "resource sets its contact, TTL and serial style.",
    "",
    `Types: ${USER_RECORD_TYPES.map((t) => `[${t}](#${t.toLowerCase()})`).join(" · ")}`,
    "",
  ];
  for (const type of USER_RECORD_TYPES as UserType[]) {
    const meaning = MEANING[type];
    const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
    const notes = meaning.fields as Record<string, string>;
    out.push(`## ${type}`, "", `${meaning.about[0].toUpperCase()}${meaning.about.slice(1)}.`, "");
    out.push("| field | type | meaning | written as |", "| --- | --- | --- | --- |");
    for (const [name, spec] of Object.entries(fields)) out.push(`| \`${name}\` | ${cell(typeText(spec))} | ${cell(notes[name])} | ${cell(formText(type, name, spec))} |`);
    out.push("", "```ts", `new dyn.Record("${type.toLowerCase()}", { zone: zone.name, name: "${exampleNode(type)}", type: "${type}", rdata: ${exampleText(type)} });`, "```", "");
  }
  return out.join("\n");
}

/** A node name that suits the type in the examples. */
function exampleNode(type: UserType): string {
  const nodes: Partial<Record<UserType, string>> = { ALIAS: "@", CAA: "@", MX: "@", NS: "child", SRV: "_sip._tcp", TLSA: "_443._tcp.www", SPF: "@", TXT: "@", DS: "child", CDS: "@", CDNSKEY: "@", DNSKEY: "@", CSYNC: "@", NAPTR: "@", PTR: "10" };
  return nodes[type] ?? "www";
}

export const REFERENCE_PATH = join(__dirname, "..", "docs", "record-types.md");

if (require.main === module) {
  writeFileSync(REFERENCE_PATH, recordTypesReference());
  console.log(`wrote ${REFERENCE_PATH}`);
}
