/**
 * The bad-input table shared by the provider-host test (test/provider/bad-input.test.ts) and the
 * CLI test (test/e2e/bad-input.test.ts): each case is one resource whose `check` must fail naming
 * `property` with a reason that shows the fix (`fix`), before any API call. `partners` are good
 * resources declared with it (conflicts between resources): checked before it (host test), they
 * pass; the CLI checks a program's resources in no fixed order, so there the failure may land on a
 * partner — `fix` of a conflict case matches either side's wording.
 *
 * Every record case lives in ZONE, at a node of its own, so no two cases interact.
 */
export const ZONE = "bad-input.example.org";
/** The zone of the ZoneRecords cases (a ZoneRecords owns its whole zone; check never reads it). */
export const ZONE_RECORDS_ZONE = "zone-records.bad-input.example.org";

export type CaseKind = "zone" | "record" | "recordSet" | "zoneRecords";

export interface ResourceDecl {
  /** Pulumi logical name (unique over the table). */
  logical: string;
  kind: CaseKind;
  /** The resource's inputs as the program writes them (`zone` as a name; omitted = none). */
  args: Record<string, unknown>;
}

export interface BadInputCase extends ResourceDecl {
  title: string;
  /** The property path the failure must name. */
  property: string;
  /** What the reason must show: the fix or the allowed values. */
  fix: RegExp;
  partners?: ResourceDecl[];
}

const rec = (logical: string, name: string, type: string, rdata: unknown, extra: Record<string, unknown> = {}): ResourceDecl => ({
  logical,
  kind: "record",
  args: { zone: ZONE, name, type, rdata, ...extra },
});
const set = (logical: string, name: string, type: string, records: unknown, extra: Record<string, unknown> = {}): ResourceDecl => ({
  logical,
  kind: "recordSet",
  args: { zone: ZONE, name, type, records, ...extra },
});
const zone = (logical: string, args: Record<string, unknown>): ResourceDecl => ({ logical, kind: "zone", args });
const zoneRecords = (logical: string, records: unknown[]): ResourceDecl => ({ logical, kind: "zoneRecords", args: { zone: ZONE_RECORDS_ZONE, records } });

const LOC = { altitude: 0, horiz_pre: 100, latitude: "42 21 54.000 N", longitude: "71 6 18.000 W", size: 1, version: 0, vert_pre: 10 };

function bad(title: string, decl: ResourceDecl, property: string, fix: RegExp, partners?: ResourceDecl[]): BadInputCase {
  return { title, ...decl, property, fix, partners };
}

export const BAD_INPUT_CASES: BadInputCase[] = [
  // ── Zone ─────────────────────────────────────────────────────────────────────────────────────
  bad("zone without a name", zone("zone-no-name", { contact: "hostmaster@x.example.org" }), "name", /e\.g\. name: "example\.com"/),
  bad("zone name with an empty label", zone("zone-bad-name", { name: "bad..example.org", contact: "hostmaster@example.org" }), "name", /must be a DNS zone name such as "example\.com"/),
  bad("zone name of one label", zone("zone-one-label", { name: "localhost", contact: "hostmaster@example.org" }), "name", /must be a DNS zone name/),
  bad("zone without a contact", zone("zone-no-contact", { name: "no-contact.example.org" }), "contact", /e\.g\. contact: "hostmaster@example\.com"/),
  bad("zone contact that is no e-mail address", zone("zone-bad-contact", { name: "bad-contact.example.org", contact: "not an address" }), "contact", /administrator's e-mail address/),
  bad("zone TTL 0", zone("zone-ttl-0", { name: "ttl0.example.org", contact: "hostmaster@example.org", ttl: 0 }), "ttl", /integer from 1 to 2147483647.*e\.g\. ttl: 3600/),
  bad("zone TTL that is no number", zone("zone-ttl-text", { name: "ttltext.example.org", contact: "hostmaster@example.org", ttl: "an hour" }), "ttl", /e\.g\. ttl: 3600/),
  bad("unknown serial style", zone("zone-serial", { name: "serial.example.org", contact: "hostmaster@example.org", serialStyle: "weekly" }), "serialStyle", /one of increment, epoch, day, minute/),
  bad("misspelt zone input", zone("zone-typo", { name: "typo.example.org", contact: "hostmaster@example.org", contakt: "x" }), "contakt", /is not an input of Zone \(inputs: name, contact/),
  bad("adopt that is no boolean", zone("zone-adopt", { name: "adopt.example.org", contact: "hostmaster@example.org", adopt: "yes" }), "adopt", /must be true or false/),

  // ── Record: node, type, TTL ──────────────────────────────────────────────────────────────────
  bad("record without a zone", { logical: "rec-no-zone", kind: "record", args: { name: "www", type: "A", rdata: { address: "192.0.2.1" } } }, "zone", /e\.g\. zone: "example\.com"/),
  bad("record name outside the zone", rec("rec-outside", "www.other.example.net.", "A", { address: "192.0.2.1" }), "name", /outside the zone .* use a label such as "www"/),
  bad("record name with an invalid label", rec("rec-bad-label", "bad label!", "A", { address: "192.0.2.1" }), "name", /not a valid DNS name — labels are letters, digits/),
  bad("SOA as a record type", rec("rec-soa", "soa", "SOA", { mname: "ns1.example.org" }), "type", /the Zone resource manages the SOA record — set contact, ttl and serialStyle/),
  bad("unknown record type", rec("rec-axfr", "axfr", "AXFR", { address: "192.0.2.1" }), "type", /must be one of A, AAAA, .* e\.g\. type: "A"/),
  bad("negative TTL", rec("rec-ttl-neg", "ttlneg", "A", { address: "192.0.2.1" }, { ttl: -1 }), "ttl", /integer from 0 to 2147483647 seconds; 0 means the zone's default TTL/),
  bad("fractional TTL", rec("rec-ttl-frac", "ttlfrac", "A", { address: "192.0.2.1" }, { ttl: 1.5 }), "ttl", /e\.g\. ttl: 3600/),
  bad("misspelt record input", rec("rec-typo", "typo", "A", { address: "192.0.2.1" }, { value: "192.0.2.1" }), "value", /is not an input of Record \(inputs: zone, name, type, ttl, rdata, adopt\)/),

  // ── Record: rdata ────────────────────────────────────────────────────────────────────────────
  bad("record without rdata", rec("rec-no-rdata", "nordata", "A", undefined), "rdata", /is required — e\.g\. rdata: \{ address: "192\.0\.2\.10" \}/),
  bad("rdata that is a string", rec("rec-rdata-text", "rdatatext", "A", "192.0.2.1"), "rdata", /must be an object with the A fields — e\.g\. rdata: \{ address/),
  bad("A address out of range", rec("rec-a-range", "arange", "A", { address: "300.1.1.1" }), "rdata.address", /must be an IPv4 address, got "300\.1\.1\.1" — e\.g\. rdata: \{ address/),
  bad("AAAA address with a bad group", rec("rec-aaaa", "aaaa", "AAAA", { address: "2001:db8::zz" }), "rdata.address", /must be an IPv6 address, got "2001:db8::zz" — e\.g\. rdata/),
  bad("unknown rdata field", rec("rec-a-field", "afield", "A", { address: "192.0.2.1", ip: "192.0.2.1" }), "rdata.ip", /is not an rdata field of A \(expected address\)/),
  bad("MX preference beyond 16 bits", rec("rec-mx-pref", "mxpref", "MX", { preference: 70000, exchange: "mail.example.org" }), "rdata.preference", /integer from 0 to 65535, got 70000 — e\.g\. rdata: \{ preference/),
  bad("MX exchange with a space", rec("rec-mx-host", "mxhost", "MX", { preference: 10, exchange: "mail server" }), "rdata.exchange", /must be a valid host name, got "mail server" — e\.g\./),
  bad("MX exchange that is an IP address", rec("rec-mx-ip", "mxip", "MX", { preference: 10, exchange: "192.0.2.25" }), "rdata.exchange", /not an IP address .*give the address to an A\/AAAA record/),
  bad("NS target that is an IP address", rec("rec-ns-ip", "delegated", "NS", { nsdname: "192.0.2.53" }), "rdata.nsdname", /must be a host name, not an IP address/),
  bad("CNAME target that is an IP address", rec("rec-cname-ip", "cnameip", "CNAME", { cname: "192.0.2.80" }), "rdata.cname", /must be a host name, not an IP address/),
  bad("PTR target that is an IP address", rec("rec-ptr-ip", "ptrip", "PTR", { ptrdname: "198.51.100.7" }), "rdata.ptrdname", /must be a host name, not an IP address/),
  bad("SRV target that is an IP address", rec("rec-srv-ip", "_sip._udp", "SRV", { priority: 1, weight: 1, port: 5060, target: "192.0.2.5" }), "rdata.target", /must be a host name, not an IP address/),
  bad("SRV port beyond 16 bits", rec("rec-srv-port", "_xmpp._tcp", "SRV", { priority: 1, weight: 1, port: 70000, target: "xmpp.example.org" }), "rdata.port", /integer from 0 to 65535/),
  bad("CNAME at the zone apex", rec("rec-cname-apex", "@", "CNAME", { cname: "www.example.net" }), "name", /cannot be at the zone apex.*use type: "ALIAS" at the apex/),
  bad("CNAME to the root", rec("rec-cname-root", "cnameroot", "CNAME", { cname: "." }), "rdata.cname", /cannot be the root "\." — name the target host/),
  bad("TXT too long for one record", rec("rec-txt-long", "txtlong", "TXT", { txtdata: "k".repeat(66_000) }), "rdata.txtdata", /too long for one TXT record.*split it over several records of a RecordSet/),
  bad("LOC latitude beyond 90°", rec("rec-loc-lat", "loclat", "LOC", { ...LOC, latitude: "91 0 0.000 N" }), "rdata.latitude", /must be at most 90° N or S/),
  bad("LOC longitude beyond 180°", rec("rec-loc-lon", "loclon", "LOC", { ...LOC, longitude: "181 0 0.000 W" }), "rdata.longitude", /must be at most 180° E or W/),
  bad("LOC minutes of 60", rec("rec-loc-min", "locmin", "LOC", { ...LOC, latitude: "42 60 0.000 N" }), "rdata.latitude", /minutes and seconds below 60/),
  bad("CAA tag unknown", rec("rec-caa-tag", "caatag", "CAA", { flags: 0, tag: "issuer", value: "letsencrypt.org" }), "rdata.tag", /one of issue, issuewild, iodef/),
  bad("CAA flags beyond 8 bits", rec("rec-caa-flags", "caaflags", "CAA", { flags: 256, tag: "issue", value: "letsencrypt.org" }), "rdata.flags", /integer from 0 to 255/),
  bad("SSHFP without a fingerprint", rec("rec-sshfp", "sshfp", "SSHFP", { algorithm: 1, fptype: 1 }), "rdata.fingerprint", /is required — e\.g\./),

  // ── RecordSet ────────────────────────────────────────────────────────────────────────────────
  bad("record set without records", set("set-empty", "setempty", "A", []), "records", /non-empty list of rdata — e\.g\. records: \[\{ address/),
  bad("record set listing a value twice", set("set-dup", "setdup", "A", [{ address: "192.0.2.1" }, { address: "192.0.2.1" }]), "records[1]", /duplicates records\[0\], got .* — list each value once/),
  bad("CNAME set of two", set("set-cname-two", "settwo", "CNAME", [{ cname: "a.example.net" }, { cname: "b.example.net" }]), "records", /holds exactly one record — keep one entry/),
  bad("14 A records in one set", set("set-a-14", "set14", "A", Array.from({ length: 14 }, (_, i) => ({ address: `192.0.2.${i + 1}` }))), "records", /at most 13 A records at one node — keep at most 13/),
  bad("record set entry with a bad address", set("set-bad-entry", "setbad", "A", [{ address: "192.0.2.1" }, { address: "192.0.2.999" }]), "records[1].address", /must be an IPv4 address/),
  bad("CNAME set at the apex", set("set-cname-apex", "@", "CNAME", [{ cname: "www.example.net" }]), "name", /cannot be at the zone apex/),

  // ── ZoneRecords ──────────────────────────────────────────────────────────────────────────────
  bad("ZoneRecords with a CNAME at the apex", zoneRecords("zr-cname-apex", [{ name: "@", type: "CNAME", rdata: { cname: "www.example.net" } }]), "records[0]", /is a CNAME at the zone apex, .* — use ALIAS for the apex/),
  bad("ZoneRecords with an IP address as MX exchange", zoneRecords("zr-mx-ip", [{ name: "@", type: "MX", rdata: { preference: 10, exchange: "192.0.2.25" } }]), "records[0].rdata.exchange", /must be a host name, not an IP address/),
  bad("ZoneRecords with 14 A records at one node", zoneRecords("zr-a-14", [{ name: "crowd", type: "A", values: Array.from({ length: 14 }, (_, i) => ({ address: `192.0.2.${i + 1}` })) }]), "records[0]", /lists 14 A records for crowd A — a node holds at most 13 A records/),
  bad("ZoneRecords with a CNAME beside other data", zoneRecords("zr-cname-mixed", [{ name: "www", type: "CNAME", rdata: { cname: "a.example.net" } }, { name: "www", type: "A", rdata: { address: "192.0.2.2" } }]), "records[0]", /is a CNAME at www, which also has A records — a CNAME must be alone at its node/),
  bad("ZoneRecords with two TTLs for one record set", zoneRecords("zr-ttls", [{ name: "www", type: "A", ttl: 60, rdata: { address: "192.0.2.1" } }, { name: "www", type: "A", ttl: 300, rdata: { address: "192.0.2.2" } }]), "records[1].ttl", /records of one node and type share one TTL/),

  // ── conflicts between resources of one program ───────────────────────────────────────────────
  bad("a RecordSet beside a Record of the same type and node", set("set-beside-record", "owned", "A", [{ address: "192.0.2.2" }]), "type", /also declared by a (Record|RecordSet); a RecordSet owns every A record at its node, so the two would undo each other's changes — (list the Records' rdata in this RecordSet's records|put this rdata in that RecordSet's records)/, [
    rec("partner-owned-record", "owned", "A", { address: "192.0.2.1" }),
  ]),
  bad("a Record beside a RecordSet of the same type and node", rec("record-beside-set", "owned2", "TXT", { txtdata: "second" }), "type", /also declared by a (Record|RecordSet); a RecordSet owns every TXT record at its node, so the two would undo each other's changes — (list the Records' rdata in this RecordSet's records|put this rdata in that RecordSet's records)/, [
    set("partner-owned-set", "owned2", "TXT", [{ txtdata: "first" }]),
  ]),
  bad("a CNAME where an A record is declared", rec("cname-beside-a", "mixed", "CNAME", { cname: "www.example.net" }), "type", /also has (A|CNAME) records declared, and a CNAME cannot coexist with other data at a node — move the CNAME/, [
    rec("partner-mixed-a", "mixed", "A", { address: "192.0.2.3" }),
  ]),
  bad("two Records with different CNAMEs at one node", rec("cname-second", "twocnames", "CNAME", { cname: "b.example.net" }), "rdata", /a node holds one CNAME — keep one of them/, [
    rec("partner-cname-first", "twocnames", "CNAME", { cname: "a.example.net" }),
  ]),
  bad(
    "a 14th A Record at one node",
    rec("a-fourteenth", "crowded", "A", { address: "198.51.100.14" }),
    "rdata",
    /declares 14 A records at crowded\.bad-input\.example\.org; DynECT allows at most 13/,
    Array.from({ length: 13 }, (_, i) => rec(`partner-crowded-${i + 1}`, "crowded", "A", { address: `198.51.100.${i + 1}` })),
  ),
];
