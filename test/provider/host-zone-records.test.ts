/**
 * ZoneRecords through the real dynamic-provider host: one resource owns a zone's record sets; create
 * and update read the zone once, write one RRset PUT per changed node and type and publish once;
 * refresh reads the zone once and shows drift per record set; Dyn's own SOA/NS and ignored names are
 * left alone. Requests, publishes and logins are counted (never timings).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sdk from "../../provider/sdk";
import type { MetricsSnapshot } from "../../provider/emulator";
import { oobZone, startFixture, type Fixture } from "../helpers/provider-fixture";
import { plain } from "../helpers/provider-host";

type Props = Record<string, any>;

function writes(m: MetricsSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(m.requests).filter(([k]) => !k.startsWith("GET ") && !k.includes("/REST/Session")));
}

function total(m: MetricsSnapshot, prefix: string): number {
  return Object.entries(m.requests)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

describe("ZoneRecords over the dynamic-provider host", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ config: { "dyn:maxSessions": "1" } });
  });
  after(async () => {
    await f?.close();
  });

  function published(zone: string): { fqdn: string; record_type: string; ttl: number; rdata: Props }[] {
    const z = f.emulator.control.state().zones[zone] as { records: any[] } | undefined;
    return (z?.records ?? []).filter((r) => r.record_type !== "SOA" && !(r.record_type === "NS" && r.service_class === "Primary"));
  }

  const ZONE = "whole.example";
  const declared = [
    { name: "@", type: "A", ttl: 300, values: [{ address: "192.0.2.2" }, { address: "192.0.2.1" }] },
    { name: "www", type: "CNAME", rdata: { cname: ZONE } },
    { name: "@", type: "MX", rdata: { preference: 10, exchange: `mail.${ZONE}` } },
    { name: "mail", type: "A", ttl: 600, rdata: { address: "192.0.2.25" } },
    { name: "_sip._tcp", type: "SRV", rdata: { priority: 10, weight: 5, port: 5060, target: `sip.${ZONE}` } },
    { name: "@", type: "TXT", rdata: { txtdata: "v=spf1 mx -all" } },
  ];

  let id = "";
  let outputs: Props = {};
  let inputs: Props = {};

  it("create: one zone read, one PUT per node and type, one publish — 6 sets in 8 requests", async () => {
    await oobZone(f.oob, ZONE, 3600);
    f.emulator.control.resetMetrics();
    const res = await f.host.up("zoneRecords", "zr", { zone: ZONE, records: declared });
    id = res.id;
    outputs = res.outputs;
    inputs = res.inputs;
    assert.equal(id, ZONE);
    assert.equal(outputs.recordCount, 7);
    const m = f.emulator.control.metrics();
    assert.equal(m.requests["GET /REST/AllRecord/:zone"], 1, JSON.stringify(m.requests));
    assert.equal(total(m, "PUT /REST/") - (m.requests["PUT /REST/Zone/:zone"] ?? 0), 6, JSON.stringify(writes(m)));
    assert.equal(m.publishesTotal, 1);
    assert.equal(m.logins, 1);
    assert.equal(m.requestsTotal, 1 + 1 + 6 + 1, JSON.stringify(m.requests)); // login, read, 6 PUTs, publish
    const live = published(ZONE);
    assert.equal(live.length, 7);
    assert.ok(live.every((r) => r.fqdn !== `www.${ZONE}` || r.ttl === 3600), "TTL 0 became the zone default");
  });

  it("an unchanged program has no diff, also after a refresh (one read of the zone)", async () => {
    assert.equal((await f.host.diff("zoneRecords", "zr", id, outputs, inputs)).changes, "none");
    await f.host.newDeployment();
    f.emulator.control.resetMetrics();
    const read = await f.host.read("zoneRecords", "zr", id, outputs, inputs);
    assert.deepEqual(plain(read.outputs), plain(outputs));
    assert.equal((await f.host.diff("zoneRecords", "zr", id, read.outputs, inputs)).changes, "none");
    const m = f.emulator.control.metrics();
    assert.equal(m.requestsTotal, 2, JSON.stringify(m.requests)); // login + AllRecord
  });

  it("update: only the changed sets are written (one PUT for a new member, one DELETE for a removed set), one publish", async () => {
    const next = declared.filter((r) => !(r.name === "@" && r.type === "TXT")).map((r) => (r.name === "@" && r.type === "A" ? { ...r, values: [...r.values!, { address: "192.0.2.3" }] } : r));
    const news = (await f.host.check("zoneRecords", "zr", inputs, { zone: ZONE, records: next })).inputs;
    assert.deepEqual(await f.host.diff("zoneRecords", "zr", id, outputs, news), { changes: "some", replaces: [], deleteBeforeReplace: false });
    f.emulator.control.resetMetrics();
    outputs = await f.host.update("zoneRecords", "zr", id, outputs, news);
    inputs = news;
    const m = f.emulator.control.metrics();
    assert.deepEqual(writes(m), { "PUT /REST/ARecord/:zone/:fqdn": 1, "DELETE /REST/TXTRecord/:zone/:fqdn": 1, "PUT /REST/Zone/:zone": 1 });
    assert.equal(m.requests["GET /REST/AllRecord/:zone"], 1);
    assert.deepEqual(
      published(ZONE)
        .filter((r) => r.fqdn === ZONE && r.record_type === "A")
        .map((r) => r.rdata.address)
        .sort(),
      ["192.0.2.1", "192.0.2.2", "192.0.2.3"],
    );
    assert.equal(published(ZONE).filter((r) => r.record_type === "TXT").length, 0);
  });

  it("refresh shows drift per record set: an extra set, a changed value, a changed TTL", async () => {
    const [mail] = await sdk.listRecords(f.oob, "A", ZONE, `mail.${ZONE}`);
    await sdk.updateRecord(f.oob, "A", ZONE, `mail.${ZONE}`, mail.record_id, { address: "192.0.2.26" }, 900);
    await sdk.createRecord(f.oob, "TXT", ZONE, `extra.${ZONE}`, { txtdata: "added by hand" }, 300);
    await sdk.publishZone(f.oob, ZONE);
    await f.host.newDeployment();
    const read = (await f.host.read("zoneRecords", "zr", id, outputs, inputs)) as { outputs: Props };
    assert.deepEqual(read.outputs.records["mail A"], { ttl: 900, values: { "192.0.2.26": { address: "192.0.2.26" } } });
    assert.deepEqual(read.outputs.records["extra TXT"], { ttl: 300, values: { '"added by hand"': { txtdata: "added by hand" } } });
    assert.equal((await f.host.diff("zoneRecords", "zr", id, read.outputs, inputs)).changes, "some");
    // The next up converges: the changed set rewritten, the extra one deleted.
    f.emulator.control.resetMetrics();
    outputs = await f.host.update("zoneRecords", "zr", id, read.outputs, inputs);
    assert.deepEqual(writes(f.emulator.control.metrics()), { "PUT /REST/ARecord/:zone/:fqdn": 1, "DELETE /REST/TXTRecord/:zone/:fqdn": 1, "PUT /REST/Zone/:zone": 1 });
    assert.equal(published(ZONE).filter((r) => r.fqdn === `extra.${ZONE}`).length, 0);
  });

  it("an update with nothing left to change writes nothing and does not publish", async () => {
    f.emulator.control.resetMetrics();
    await f.host.update("zoneRecords", "zr", id, outputs, inputs);
    const m = f.emulator.control.metrics();
    assert.deepEqual(writes(m), {});
    assert.equal(m.publishesTotal, 0);
  });

  it("refuses a zone that already holds records without adopt; adopt takes it over; ignore leaves names alone", async () => {
    const zone = "legacy-whole.example";
    await oobZone(f.oob, zone);
    await sdk.createRecord(f.oob, "A", zone, `old.${zone}`, { address: "198.51.100.1" }, 300);
    await sdk.createRecord(f.oob, "TXT", zone, `_acme-challenge.${zone}`, { txtdata: "token" }, 60);
    await sdk.createRecord(f.oob, "A", zone, `keep.${zone}`, { address: "198.51.100.2" }, 300);
    await sdk.publishZone(f.oob, zone);
    await f.host.newDeployment();
    const args = { zone, records: [{ name: "keep", type: "A", ttl: 300, rdata: { address: "198.51.100.2" } }], ignore: ["_acme-challenge"] };
    await assert.rejects(f.host.up("zoneRecords", "legacy", args), /already holds 2 record set\(s\).*set adopt: true/);
    const adopted = await f.host.up("zoneRecords", "legacy", { ...args, adopt: true });
    assert.equal(adopted.outputs.recordCount, 1);
    const live = published(zone).map((r) => `${r.fqdn} ${r.record_type}`).sort();
    assert.deepEqual(live, [`_acme-challenge.${zone} TXT`, `keep.${zone} A`], "the undeclared set is gone, the ignored one stays");
    // Refresh never reports the ignored set.
    await f.host.newDeployment();
    const read = await f.host.read("zoneRecords", "legacy", zone, adopted.outputs, adopted.inputs);
    assert.deepEqual(Object.keys(read.outputs.records as Props), ["keep A"]);
  });

  it("bulk: a large create is one zone-file upload plus one publish — delegations (NS below the apex) included, an ignored one kept", async () => {
    const zone = "bulk.example";
    await oobZone(f.oob, zone);
    await sdk.createRecord(f.oob, "NS", zone, `legacy.${zone}`, { nsdname: "ns.legacy.example.net." }, 3600);
    await sdk.publishZone(f.oob, zone);
    await f.host.newDeployment();
    const records = Array.from({ length: 60 }, (_, i) => ({ name: `h${i}`, type: "A", ttl: 300, rdata: { address: `203.0.113.${i}` } }));
    records.push({ name: "txt", type: "TXT", ttl: 300, rdata: { txtdata: "hello world" } } as any);
    records.push({ name: "sub", type: "NS", ttl: 3600, rdata: { nsdname: "ns1.sub.example.net." } } as any);
    f.emulator.control.resetMetrics();
    const res = await f.host.up("zoneRecords", "bulk", { zone, records, ignore: ["legacy NS"], bulk: true });
    const m = f.emulator.control.metrics();
    assert.deepEqual(writes(m), { "PUT /REST/ZoneFile/:zone": 1, "PUT /REST/Zone/:zone": 1 });
    assert.equal(published(zone).length, 63);
    const ns = published(zone).filter((r) => r.record_type === "NS").map((r) => `${r.fqdn} ${r.rdata.nsdname}`).sort();
    assert.deepEqual(ns, [`legacy.${zone} ns.legacy.example.net.`, `sub.${zone} ns1.sub.example.net.`]);
    await f.host.newDeployment();
    const read = await f.host.read("zoneRecords", "bulk", zone, res.outputs, res.inputs);
    assert.equal((await f.host.diff("zoneRecords", "bulk", zone, read.outputs, res.inputs)).changes, "none", "what the zone file wrote reads back as declared");
  });

  it("delete removes every owned set (one DELETE each) and publishes once; Dyn's SOA and NS stay", async () => {
    f.emulator.control.resetMetrics();
    await f.host.delete("zoneRecords", "zr", id, outputs);
    const m = f.emulator.control.metrics();
    assert.equal(m.publishesTotal, 1);
    assert.equal(total(m, "DELETE /REST/"), 5, JSON.stringify(writes(m)));
    assert.deepEqual(published(ZONE), []);
    const soa = await sdk.getSoa(f.oob, ZONE);
    assert.ok(soa.record_id > 0);
  });
  it("check normalises into sets keyed by node and type, values keyed by their zone-file text", async () => {
    const { inputs, failures } = (await f.host.check("zoneRecords", "zr2", {}, { zone: ZONE.toUpperCase() + ".", records: declared })) as { inputs: Props; failures: unknown[] };
    assert.deepEqual(failures, []);
    assert.equal(inputs.zone, ZONE);
    assert.deepEqual(Object.keys(inputs.records), ["@ A", "@ MX", "@ TXT", "_sip._tcp SRV", "mail A", "www CNAME"]);
    assert.deepEqual(inputs.records["@ A"], { ttl: 300, values: { "192.0.2.1": { address: "192.0.2.1" }, "192.0.2.2": { address: "192.0.2.2" } } });
    assert.deepEqual(Object.keys(inputs.records["@ MX"].values), [`10 mail.${ZONE}.`]);
    assert.equal(inputs.records["www CNAME"].ttl, 0);
    // The stored form checks to itself (diff re-checks old outputs).
    const again = (await f.host.check("zoneRecords", "zr2", {}, { zone: ZONE, records: inputs.records })) as { inputs: Props };
    assert.deepEqual(again.inputs.records, inputs.records);
  });

  it("check reports bad records with their path, before any call", async () => {
    f.emulator.control.resetMetrics();
    const { failures } = await f.host.check("zoneRecords", "bad", {}, {
      zone: ZONE,
      records: [
        { name: "a", type: "A", rdata: { address: "192.0.2.256" } },
        { name: "b", type: "A", ttl: 60, rdata: { address: "192.0.2.1" } },
        { name: "b", type: "A", ttl: 120, rdata: { address: "192.0.2.2" } },
        { name: "@", type: "CNAME", rdata: { cname: "elsewhere.example" } },
        { name: "c", type: "CNAME", rdata: { cname: "x.example" } },
        { name: "c", type: "TXT", rdata: { txtdata: "hello" } },
        { name: "outside.example.", type: "A", rdata: { address: "192.0.2.3" } },
        { name: "d", type: "SOA", rdata: {} },
      ],
      ignore: ["not a pattern at all"],
    });
    // Nested failures reach the engine without a property: their reason starts with the path.
    assert.ok(failures.every((x) => x.property === "" || x.property === "ignore"), JSON.stringify(failures));
    const byPath = Object.fromEntries(failures.map((x) => [x.reason.split(" ")[0], x.reason]));
    assert.match(byPath["records[0].rdata.address"], /must be an IPv4 address, got "192\.0\.2\.256"/);
    assert.match(byPath["records[2].ttl"], /differs from the TTL of records\[1\] \(60\), got 120/);
    assert.match(byPath["records[3]"], /CNAME at the zone apex/);
    assert.match(byPath["records[4]"], /a CNAME must be alone at its node/);
    assert.match(byPath["records[6].name"], /outside the zone/);
    assert.match(byPath["records[7].type"], /must not be SOA: the Zone resource manages the SOA record, got "SOA"/);
    assert.match(byPath["ignore[0]"], /must be "<name>" or "<name> <TYPE>", got "not a pattern at all"/);
    assert.equal(f.emulator.control.metrics().requestsTotal, 0);
  });

});
