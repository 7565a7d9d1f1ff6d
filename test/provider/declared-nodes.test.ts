/**
 * DeclaredNodes (provider/resources/declared-nodes.ts), the program-wide part of `check`: what a
 * conflict is, and what must not be one — the same resource checked twice (check has no URN),
 * values still unknown in a preview, a resource refused for a conflict (it claims nothing).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeclaredNodes } from "../../provider/resources/declared-nodes";
import { UNKNOWN } from "../../provider/resources/unknown";

const zone = "example.com";
const record = (name: string, type: string, rdata: Record<string, unknown>) => ({ zone, name, type, ttl: 0, rdata });
const recordSet = (name: string, type: string, records: Record<string, unknown>[]) => ({ zone, name, type, ttl: 0, records });

describe("DeclaredNodes: conflicts between the resources of one program", () => {
  it("the same Record or RecordSet checked twice does not conflict with itself", () => {
    const d = new DeclaredNodes();
    assert.deepEqual(d.claim("record", record("www", "A", { address: "192.0.2.1" })), []);
    assert.deepEqual(d.claim("record", record("www", "A", { address: "192.0.2.1" })), []);
    assert.deepEqual(d.claim("recordSet", recordSet("api", "A", [{ address: "192.0.2.1" }])), []);
    assert.deepEqual(d.claim("recordSet", recordSet("api", "A", [{ address: "192.0.2.1" }])), []);
    // Several Records of one type at a node are fine; so are other types beside them.
    assert.deepEqual(d.claim("record", record("www", "A", { address: "192.0.2.2" })), []);
    assert.deepEqual(d.claim("record", record("www", "AAAA", { address: "2001:db8::1" })), []);
    assert.deepEqual(d.claim("recordSet", recordSet("www", "TXT", [{ txtdata: "x" }])), []);
  });

  it("names resolve like check's: '@', the zone name and an absolute name are one node", () => {
    const d = new DeclaredNodes();
    assert.deepEqual(d.claim("record", record("@", "MX", { preference: 10, exchange: "mail.example.com." })), []);
    assert.equal(d.claim("recordSet", recordSet("example.com.", "MX", [{ preference: 20, exchange: "mx.example.com." }]))[0]?.property, "type");
  });

  it("a refused resource claims nothing; unknown values (preview) are skipped", () => {
    const d = new DeclaredNodes();
    assert.deepEqual(d.claim("record", record("mixed", "A", { address: "192.0.2.1" })), []);
    assert.equal(d.claim("record", record("mixed", "CNAME", { cname: "x.example.net." })).length, 1);
    // The CNAME was not recorded: another A record at the node is still fine.
    assert.deepEqual(d.claim("record", record("mixed", "A", { address: "192.0.2.2" })), []);
    assert.deepEqual(d.claim("record", { ...record("mixed", "CNAME", { cname: "x.example.net." }), zone: UNKNOWN }), []);
    assert.deepEqual(d.claim("record", { ...record("mixed", "CNAME", { cname: "x.example.net." }), name: UNKNOWN }), []);
  });

  it("13 A records at a node pass, a 14th distinct one fails; the same value again does not count", () => {
    const d = new DeclaredNodes();
    for (let i = 1; i <= 13; i++) assert.deepEqual(d.claim("record", record("crowded", "A", { address: `192.0.2.${i}` })), []);
    assert.deepEqual(d.claim("record", record("crowded", "A", { address: "192.0.2.13" })), []);
    assert.match(d.claim("record", record("crowded", "A", { address: "192.0.2.14" }))[0]?.reason ?? "", /declares 14 A records/);
    // An A record set with an unknown entry is not counted (it could be any of them).
    assert.deepEqual(d.claim("recordSet", recordSet("other", "A", [{ address: UNKNOWN }])), []);
  });

  it("a ZoneRecords owns its zone: no second one, no Record or RecordSet there unless it ignores it", () => {
    const d = new DeclaredNodes();
    const zr = (ignore?: string[]) => ({ zone, records: { "www A": { ttl: 0, values: { "192.0.2.1": { address: "192.0.2.1" } } } }, ...(ignore ? { ignore } : {}) });
    assert.deepEqual(d.claim("record", record("_acme-challenge", "TXT", { txtdata: "token" })), []);
    // The Record came first: a ZoneRecords that does not ignore it is refused…
    assert.match(d.claim("zoneRecords", zr())[0]?.reason ?? "", /declares "_acme-challenge TXT" in zone example\.com.*add "_acme-challenge TXT" to ignore/);
    // …one that ignores it is fine, and so is the same one checked again.
    assert.deepEqual(d.claim("zoneRecords", zr(["_acme-challenge"])), []);
    assert.deepEqual(d.claim("zoneRecords", zr(["_acme-challenge"])), []);
    assert.match(d.claim("zoneRecords", zr(["_acme-challenge", "@ TXT"]))[0]?.reason ?? "", /another ZoneRecords already manages zone example\.com/);
    // Records it does not ignore are refused; ignored ones and other zones are fine.
    assert.equal(d.claim("record", record("api", "A", { address: "192.0.2.9" }))[0]?.property, "zone");
    assert.deepEqual(d.claim("record", record("_acme-challenge", "TXT", { txtdata: "other" })), []);
    assert.deepEqual(d.claim("record", { ...record("api", "A", { address: "192.0.2.9" }), zone: "example.net" }), []);
  });
});
