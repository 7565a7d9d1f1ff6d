import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkRecord, checkRecordSet, checkZone } from "../../provider/resources/check";
import { diffResource } from "../../provider/resources/diff";
import { UNKNOWN } from "../../provider/resources/unknown";

describe("check", () => {
  it("normalises a zone and fills defaults", () => {
    const r = checkZone({ name: "Example.COM.", contact: "Hostmaster@example.com" });
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.inputs, { name: "example.com", contact: "hostmaster@example.com", ttl: 3600, serialStyle: "increment" });
  });

  it("reports each bad zone property with the fix", () => {
    const r = checkZone({ name: "not a zone", contact: "x", ttl: -1, serialStyle: "weekly", colour: "red" });
    const props = r.failures.map((f) => f.property).sort();
    assert.deepEqual(props, ["colour", "contact", "name", "serialStyle", "ttl"]);
    assert.match(r.failures.find((f) => f.property === "contact")!.reason, /hostmaster@example.com/);
    assert.match(r.failures.find((f) => f.property === "serialStyle")!.reason, /increment, epoch, day, minute/);
  });

  it("normalises a record", () => {
    const r = checkRecord({ zone: "example.com", name: "Mail.example.com.", type: "mx", rdata: { preference: "10", exchange: "MX1.example.com" } });
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.inputs, { zone: "example.com", name: "mail", type: "MX", ttl: 0, rdata: { exchange: "mx1.example.com.", preference: 10 } });
  });

  it("names the rdata field and shows an example", () => {
    const r = checkRecord({ zone: "example.com", name: "@", type: "MX", rdata: { preference: 70000, exchange: "mail.example.com" } });
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0].property, "rdata.preference");
    assert.equal(r.failures[0].reason, 'rdata.preference must be an integer from 0 to 65535, got 70000 — e.g. rdata: { preference: 10, exchange: "mail.example.com" }');
  });

  it("rejects names outside the zone, unknown types and SOA", () => {
    assert.equal(checkRecord({ zone: "example.com", name: "www.example.org.", type: "A", rdata: { address: "192.0.2.1" } }).failures[0].property, "name");
    assert.equal(checkRecord({ zone: "example.com", name: "www", type: "XYZ", rdata: {} }).failures[0].property, "type");
    assert.match(checkRecord({ zone: "example.com", name: "@", type: "SOA", rdata: {} }).failures[0].reason, /Zone resource/);
  });

  it("reports an unknown rdata field and a missing one", () => {
    const r = checkRecord({ zone: "example.com", name: "www", type: "A", rdata: { adress: "192.0.2.1" } });
    assert.deepEqual(r.failures.map((f) => f.property).sort(), ["rdata.address", "rdata.adress"]);
  });

  it("reports an empty or blank host name as missing, while the root \".\" is valid", () => {
    for (const blank of ["", "  "]) {
      const cname = checkRecord({ zone: "example.com", name: "www", type: "CNAME", rdata: { cname: blank } });
      assert.deepEqual(cname.failures.map((f) => f.property), ["rdata.cname"]);
      assert.match(cname.failures[0].reason, /^rdata\.cname is required/);
      const mx = checkRecord({ zone: "example.com", name: "@", type: "MX", rdata: { preference: 10, exchange: blank } });
      assert.deepEqual(mx.failures.map((f) => f.property), ["rdata.exchange"]);
      assert.match(mx.failures[0].reason, /^rdata\.exchange is required/);
      const set = checkRecordSet({ zone: "example.com", name: "_sip._tcp", type: "SRV", records: [{ priority: 0, weight: 0, port: 0, target: blank }] });
      assert.deepEqual(set.failures.map((f) => f.property), ["records[0].target"]);
      assert.match(set.failures[0].reason, /^records\[0\]\.target is required/);
    }
    const nullMx = checkRecord({ zone: "example.com", name: "@", type: "MX", rdata: { preference: 0, exchange: "." } });
    assert.deepEqual(nullMx.failures, []);
    assert.deepEqual(nullMx.inputs.rdata, { exchange: ".", preference: 0 });
    const noService = checkRecord({ zone: "example.com", name: "_sip._tcp", type: "SRV", rdata: { priority: 0, weight: 0, port: 0, target: "." } });
    assert.deepEqual(noService.failures, []);
  });

  it("allows one record in a CNAME, ALIAS or DNAME set", () => {
    const two = {
      CNAME: [{ cname: "a.example.net" }, { cname: "b.example.net" }],
      ALIAS: [{ alias: "a.example.net" }, { alias: "b.example.net" }],
      DNAME: [{ dname: "a.example.net" }, { dname: "b.example.net" }],
    };
    for (const [type, records] of Object.entries(two)) {
      const r = checkRecordSet({ zone: "example.com", name: "x", type, records });
      assert.deepEqual(r.failures, [{ property: "records", reason: `a ${type} node holds exactly one record — keep one entry` }]);
      assert.deepEqual(checkRecordSet({ zone: "example.com", name: "x", type, records: records.slice(0, 1) }).failures, []);
    }
    assert.deepEqual(checkRecordSet({ zone: "example.com", name: "x", type: "MX", records: [{ preference: 1, exchange: "a.example.net" }, { preference: 2, exchange: "b.example.net" }] }).failures, []);
  });

  it("tolerates unknown values during preview", () => {
    const r = checkRecord({ zone: UNKNOWN, name: "www", type: "A", rdata: { address: UNKNOWN }, ttl: UNKNOWN });
    assert.deepEqual(r.failures, []);
    assert.equal(r.inputs.zone, UNKNOWN);
    assert.equal(r.inputs.ttl, UNKNOWN);
    const s = checkRecordSet({ zone: "example.com", name: "www", type: "A", records: UNKNOWN });
    assert.deepEqual(s.failures, []);
  });

  it("sorts record sets and flags duplicates", () => {
    const ok = checkRecordSet({ zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.2" }, { address: "192.0.2.1" }] });
    assert.deepEqual(ok.failures, []);
    assert.deepEqual(ok.inputs.records, { "192.0.2.1": { address: "192.0.2.1" }, "192.0.2.2": { address: "192.0.2.2" } });
    assert.deepEqual(Object.keys(ok.inputs.records as object), ["192.0.2.1", "192.0.2.2"], "keys sorted");
    // The stored keyed form is accepted as it is (diff re-checks old outputs).
    assert.deepEqual(checkRecordSet({ zone: "example.com", name: "www", type: "A", records: ok.inputs.records }).inputs.records, ok.inputs.records);
    const dup = checkRecordSet({ zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.1" }, { address: "192.0.2.1" }] });
    assert.equal(dup.failures[0].property, "records[1]");
    assert.equal(dup.failures[0].reason, 'records[1] duplicates records[0], got {"address":"192.0.2.1"} — list each value once');
    const bad = checkRecordSet({ zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.1" }, { address: "999.0.2.1" }] });
    assert.equal(bad.failures[0].property, "records[1].address");
    assert.equal(checkRecordSet({ zone: "example.com", name: "www", type: "A", records: [] }).failures[0].property, "records");
  });
});

describe("diff", () => {
  const zoneOut = { name: "example.com", contact: "hostmaster@example.com", ttl: 3600, serialStyle: "increment", serial: 1, zoneType: "Primary", __provider: "p" };

  it("sees no change for an unchanged program", () => {
    const news = checkZone({ name: "EXAMPLE.com", contact: "hostmaster@example.com", __provider: "q" }).inputs;
    assert.deepEqual(diffResource("zone", zoneOut, news), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces on identity keys and updates the rest", () => {
    const renamed = checkZone({ name: "example.org", contact: "hostmaster@example.com" }).inputs;
    assert.deepEqual(diffResource("zone", zoneOut, renamed).replaces, ["name"]);
    const ttl = checkZone({ name: "example.com", contact: "hostmaster@example.com", ttl: 60 }).inputs;
    assert.deepEqual(diffResource("zone", zoneOut, ttl), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("compares long TXT in any chunking as equal", () => {
    const text = "v=DKIM1; k=rsa; p=" + "Q".repeat(380);
    const old = { ...checkRecord({ zone: "example.com", name: "k._domainkey", type: "TXT", rdata: { txtdata: text } }).inputs, fqdn: "k._domainkey.example.com", recordId: 5 };
    const news = checkRecord({ zone: "example.com", name: "k._domainkey", type: "TXT", rdata: { txtdata: `"${text.slice(0, 10)}" "${text.slice(10)}"` } }).inputs;
    assert.equal(diffResource("record", old, news).changes, false);
  });

  it("replaces a record whose type changes, deleting first when CNAME is involved", () => {
    const old = { zone: "example.com", name: "www", type: "A", ttl: 0, rdata: { address: "192.0.2.1" }, fqdn: "www.example.com", recordId: 1 };
    const news = checkRecord({ zone: "example.com", name: "www", type: "CNAME", rdata: { cname: "web.example.com" } }).inputs;
    assert.deepEqual(diffResource("record", old, news), { changes: true, replaces: ["type"], deleteBeforeReplace: true });
    const aaaa = checkRecord({ zone: "example.com", name: "www", type: "AAAA", rdata: { address: "2001:db8::1" } }).inputs;
    assert.equal(diffResource("record", old, aaaa).deleteBeforeReplace, false);
  });

  it("deletes first when ALIAS or DNAME is involved in a replacement at the same node", () => {
    const old = { zone: "example.com", name: "@", type: "A", ttl: 0, rdata: { address: "192.0.2.1" }, fqdn: "example.com", recordId: 1 };
    const alias = checkRecord({ zone: "example.com", name: "@", type: "ALIAS", rdata: { alias: "lb.example.net" } }).inputs;
    assert.deepEqual(diffResource("record", old, alias), { changes: true, replaces: ["type"], deleteBeforeReplace: true });
    const oldDname = { zone: "example.com", name: "old", type: "DNAME", ttl: 0, rdata: { dname: "new.example.com." }, fqdn: "old.example.com", recordId: 2 };
    const a = checkRecord({ zone: "example.com", name: "old", type: "A", rdata: { address: "192.0.2.2" } }).inputs;
    assert.equal(diffResource("record", oldDname, a).deleteBeforeReplace, true);
    const elsewhere = checkRecord({ zone: "example.com", name: "other", type: "ALIAS", rdata: { alias: "lb.example.net" } }).inputs;
    assert.equal(diffResource("record", old, elsewhere).deleteBeforeReplace, false);
  });

  it("treats unknown identity as a replacement and unknown data as a change", () => {
    const old = { zone: "example.com", name: "www", type: "A", ttl: 0, rdata: { address: "192.0.2.1" }, fqdn: "www.example.com", recordId: 1 };
    const d = diffResource("record", old, { ...old, name: UNKNOWN });
    assert.deepEqual(d.replaces, ["name"]);
    assert.equal(d.deleteBeforeReplace, true);
    assert.deepEqual(diffResource("record", old, { ...old, rdata: { address: UNKNOWN } }), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("keys a RecordSet's members by their zone-file text; a list in old state is the same set", () => {
    const mx = checkRecordSet({ zone: "example.com", name: "@", type: "MX", records: [{ preference: 20, exchange: "mx2.example.com" }, { preference: 10, exchange: "mx1.example.com" }] }).inputs;
    assert.deepEqual(Object.keys(mx.records as object), ["10 mx1.example.com.", "20 mx2.example.com."]);
    const oldState = { zone: "example.com", name: "@", type: "MX", ttl: 0, records: [{ exchange: "mx1.example.com.", preference: 10 }, { exchange: "mx2.example.com.", preference: 20 }], fqdn: "example.com", recordIds: [1, 2] };
    assert.equal(diffResource("recordSet", oldState, mx).changes, false);
    const one = checkRecordSet({ zone: "example.com", name: "@", type: "MX", records: [{ preference: 10, exchange: "mx1.example.com" }, { preference: 30, exchange: "mx3.example.com" }] }).inputs;
    assert.deepEqual(diffResource("recordSet", oldState, one), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("ignores adopt and __provider", () => {
    const old = { zone: "example.com", name: "www", type: "A", ttl: 0, records: [{ address: "192.0.2.1" }], fqdn: "www.example.com", recordIds: [1], __provider: "a" };
    assert.equal(diffResource("recordSet", old, { ...old, adopt: true, __provider: "b" }).changes, false);
  });
});
