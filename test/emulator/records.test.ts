/** Records of every §6.3 type over real HTTP: create, read, validation, replace, update, delete. */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { RDATA_FIELDS, USER_RECORD_TYPES, type FieldSpec } from "../../provider/sdk/schemas/rdata";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, OTHER_USER, isEnvelope, start, freshClient } from "./helpers";
import { SAMPLES } from "./samples";

const Z = "records.test";

describe("records", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await freshClient(emu, Z);
  });

  it("every type: create, read back pending and published, ids stable, other sessions see it only after publish", async () => {
    const other = new Client(emu.url, OTHER_USER);
    await other.login();
    const created: Record<string, number> = {};
    for (const type of USER_RECORD_TYPES) {
      const fqdn = `t-${type.toLowerCase()}.${Z}`;
      const sample = SAMPLES[type as keyof typeof SAMPLES];
      const r = await c.call("POST", `/REST/${type}Record/${Z}/${fqdn}/`, { rdata: sample.valid, ttl: "300" });
      assert.equal(r.status, 200, `${type}: ${r.text}`);
      assert.ok(isEnvelope(r.body));
      const rec = r.body.data;
      assert.deepEqual(Object.keys(rec).slice(0, 6), ["zone", "ttl", "fqdn", "record_type", "rdata", "record_id"]);
      assert.equal(rec.record_id, 0, "POST reply shows record_id 0 before publish (§6.2)");
      assert.equal(rec.ttl, 300);
      assert.equal(rec.record_type, type);
      const fields = RDATA_FIELDS[type] as Record<string, FieldSpec>;
      assert.deepEqual(Object.keys(rec.rdata).sort(), Object.keys(fields).sort(), type);
      for (const [name, spec] of Object.entries(fields)) {
        if (spec.kind === "int") assert.equal(typeof rec.rdata[name], "number", `${type}.${name} is a number`);
        if (spec.kind === "hostname") assert.match(rec.rdata[name], /\.$/, `${type}.${name} is absolute`);
      }
      if (type === "NS") assert.equal(rec.service_class, "");
      // the owning session sees the pending record with its id
      const list = await c.ok("GET", `/REST/${type}Record/${Z}/${fqdn}/`, { detail: "Y" });
      assert.equal(list.length, 1);
      assert.ok(list[0].record_id > 0);
      created[type] = list[0].record_id;
      const one = await c.ok("GET", `/REST/${type}Record/${Z}/${fqdn}/${created[type]}/`);
      assert.deepEqual(one.rdata, list[0].rdata);
      // another session of the same account does not
      assert.equal((await other.call("GET", `/REST/${type}Record/${Z}/${fqdn}/`)).status, 404);
    }
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    for (const type of USER_RECORD_TYPES) {
      const fqdn = `t-${type.toLowerCase()}.${Z}`;
      const list = await other.ok("GET", `/REST/${type}Record/${Z}/${fqdn}/`, undefined, { headers: {} });
      assert.deepEqual(list, [`/REST/${type}Record/${Z}/${fqdn}/${created[type]}`]);
      const again = await other.ok("GET", `/REST/${type}Record/${Z}/${fqdn}/?detail=Y`);
      assert.equal(again[0].record_id, created[type], "ids stable across publish and reads");
    }
  });

  it("every type: a bad or missing rdata field → 400 INVALID_DATA naming the field", async () => {
    for (const type of USER_RECORD_TYPES) {
      const sample = SAMPLES[type as keyof typeof SAMPLES];
      const r = await c.call("POST", `/REST/${type}Record/${Z}/bad.${Z}/`, { rdata: sample.invalid, ttl: 60 });
      assert.equal(r.status, 400, `${type}: ${r.text}`);
      assert.equal(r.body.status, "failure");
      assert.equal(r.body.msgs[0].ERR_CD, "INVALID_DATA", type);
      assert.equal(r.body.msgs[0].LVL, "ERROR");
      assert.ok(r.body.msgs.some((m: any) => m.INFO.startsWith(`${sample.field}: `)), `${type} names ${sample.field}: ${r.text}`);
      assert.equal(r.body.msgs.at(-1).INFO, "add: Record not added");
    }
    assert.equal((await c.call("POST", `/REST/ARecord/${Z}/x.${Z}/`, { ttl: 60 })).body.msgs[0].ERR_CD, "MISSING_DATA");
    const ttl = await c.call("POST", `/REST/ARecord/${Z}/x.${Z}/`, { rdata: { address: "192.0.2.1" }, ttl: "soon" });
    assert.equal(ttl.status, 400);
    assert.match(ttl.body.msgs[0].INFO, /^ttl: /);
  });

  it("ttl as string or number, 0 = zone default; response ttl is an integer", async () => {
    const a = await c.ok("POST", `/REST/ARecord/${Z}/a.${Z}/`, { rdata: { address: "192.0.2.1" }, ttl: "0" });
    assert.equal(a.ttl, 3600);
    const b = await c.ok("POST", `/REST/ARecord/${Z}/b.${Z}/`, { rdata: { address: "192.0.2.1" } });
    assert.equal(b.ttl, 3600);
    const d = await c.ok("POST", `/REST/ARecord/${Z}/d.${Z}/`, { rdata: { address: "192.0.2.1" }, ttl: 42 });
    assert.equal(d.ttl, 42);
  });

  it("the same record twice → 400 TARGET_EXISTS, whatever the TTL", async () => {
    await c.ok("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "v=1" }, ttl: 60 });
    const r = await c.call("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "v=1" }, ttl: 120 });
    assert.equal(r.status, 400);
    assert.equal(r.body.msgs[0].ERR_CD, "TARGET_EXISTS");
    await c.ok("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "v=2" }, ttl: 60 });
  });

  it("CNAME exclusivity and a single CNAME per node", async () => {
    await c.ok("POST", `/REST/CNAMERecord/${Z}/www.${Z}/`, { rdata: { cname: "a.example.net" } });
    const second = await c.call("POST", `/REST/CNAMERecord/${Z}/www.${Z}/`, { rdata: { cname: "b.example.net" } });
    assert.equal(second.status, 400);
    assert.match(second.body.msgs[0].INFO, /^cname: /);
    const other = await c.call("POST", `/REST/ARecord/${Z}/www.${Z}/`, { rdata: { address: "192.0.2.1" } });
    assert.equal(other.status, 400);
    assert.equal(other.body.msgs[0].ERR_CD, "INVALID_DATA");
    assert.match(other.body.msgs[0].INFO, /^cname: .*coexist/);
    const apex = await c.call("POST", `/REST/CNAMERecord/${Z}/${Z}/`, { rdata: { cname: "a.example.net" } });
    assert.equal(apex.status, 400, "the apex has SOA and NS");
  });

  it("names outside the zone → 400 INVALID_DATA fqdn; trailing dots tolerated and never echoed", async () => {
    const r = await c.call("POST", `/REST/ARecord/${Z}/www.elsewhere.test/`, { rdata: { address: "192.0.2.1" } });
    assert.equal(r.status, 400);
    assert.equal(r.body.msgs[0].INFO, `fqdn: www.elsewhere.test is not in zone ${Z}`);
    const ok = await c.ok("POST", `/REST/ARecord/${Z}./WWW.${Z}./`, { rdata: { address: "192.0.2.1" } });
    assert.equal(ok.fqdn, `www.${Z}`);
    assert.equal(ok.zone, Z);
  });

  it("at most 13 A records per node", async () => {
    for (let i = 1; i <= 13; i++) await c.ok("POST", `/REST/ARecord/${Z}/many.${Z}/`, { rdata: { address: `192.0.2.${i}` } });
    const r = await c.call("POST", `/REST/ARecord/${Z}/many.${Z}/`, { rdata: { address: "192.0.2.14" } });
    assert.equal(r.status, 400);
    assert.match(r.body.msgs[0].INFO, /13 A records/);
  });

  it("PUT on the node replaces the whole set; unchanged records keep their ids", async () => {
    await c.ok("POST", `/REST/ARecord/${Z}/set.${Z}/`, { rdata: { address: "192.0.2.1" } });
    await c.ok("POST", `/REST/ARecord/${Z}/set.${Z}/`, { rdata: { address: "192.0.2.2" } });
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const before = await c.ok("GET", `/REST/ARecord/${Z}/set.${Z}/`, { detail: "Y" });
    const keptId = before.find((r: any) => r.rdata.address === "192.0.2.2").record_id;
    const reply = await c.ok("PUT", `/REST/ARecord/${Z}/set.${Z}/`, {
      ARecords: [
        { rdata: { address: "192.0.2.2" }, ttl: 60 },
        { rdata: { address: "192.0.2.3" }, ttl: "60" },
      ],
    });
    assert.equal(reply.length, 2);
    assert.ok(reply.every((r: any) => r.record_id === 0 && r.ttl === 60));
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const after = await c.ok("GET", `/REST/ARecord/${Z}/set.${Z}/`, { detail: "Y" });
    assert.deepEqual(after.map((r: any) => r.rdata.address).sort(), ["192.0.2.2", "192.0.2.3"]);
    assert.equal(after.find((r: any) => r.rdata.address === "192.0.2.2").record_id, keptId);
    const missing = await c.call("PUT", `/REST/ARecord/${Z}/set.${Z}/`, { records: [] });
    assert.equal(missing.body.msgs[0].INFO, "ARecords: Missing required argument");
  });

  it("PUT on one record updates it in place, keeping its id", async () => {
    await c.ok("POST", `/REST/MXRecord/${Z}/${Z}/`, { rdata: { exchange: "mx1.example.net", preference: 10 } });
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const [rec] = await c.ok("GET", `/REST/MXRecord/${Z}/${Z}/`, { detail: "Y" });
    const upd = await c.ok("PUT", `/REST/MXRecord/${Z}/${Z}/${rec.record_id}/`, { rdata: { exchange: "mx2.example.net", preference: "20" }, ttl: "900" });
    assert.equal(upd.record_id, rec.record_id);
    assert.deepEqual(upd.rdata, { exchange: "mx2.example.net.", preference: 20 });
    assert.equal(upd.ttl, 900);
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const got = await c.ok("GET", `/REST/MXRecord/${Z}/${Z}/${rec.record_id}/`);
    assert.equal(got.rdata.exchange, "mx2.example.net.");
    const nf = await c.call("PUT", `/REST/MXRecord/${Z}/${Z}/999/`, { rdata: { exchange: "x.example.net", preference: 1 } });
    assert.equal(nf.status, 404);
  });

  it("DELETE one record (remove_node when last) and all of a type at a node", async () => {
    await c.ok("POST", `/REST/ARecord/${Z}/del.${Z}/`, { rdata: { address: "192.0.2.1" } });
    await c.ok("POST", `/REST/ARecord/${Z}/del.${Z}/`, { rdata: { address: "192.0.2.2" } });
    await c.ok("POST", `/REST/TXTRecord/${Z}/solo.${Z}/`, { rdata: { txtdata: "x" } });
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const [txt] = await c.ok("GET", `/REST/TXTRecord/${Z}/solo.${Z}/`, { detail: "Y" });
    const one = await c.call("DELETE", `/REST/TXTRecord/${Z}/solo.${Z}/${txt.record_id}/`);
    assert.deepEqual(
      one.body.msgs.map((m: any) => m.INFO),
      ["delete: Record will be deleted on zone publish", `remove_node: solo.${Z} removed from tree.`],
    );
    const all = await c.call("DELETE", `/REST/ARecord/${Z}/del.${Z}/`);
    assert.equal(all.status, 200);
    assert.equal(all.body.msgs[0].INFO, "delete: 2 records deleted");
    assert.equal(all.body.msgs[0].SOURCE, "API-B");
    const none = await c.call("DELETE", `/REST/ARecord/${Z}/del.${Z}/`);
    assert.equal(none.status, 404);
    assert.deepEqual(none.body.msgs.map((m: any) => m.INFO), ["node: Not in zone", "get: Host not found in this zone"]);
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    assert.equal((await c.call("GET", `/REST/AllRecord/${Z}/del.${Z}/`)).status, 404);
  });

  it("SOA and Primary NS records are system records; SOA updates need rname and change zone TTL/serial style", async () => {
    const soaList = await c.ok("GET", `/REST/SOARecord/${Z}/${Z}/`, { detail: "Y" });
    assert.equal(soaList.length, 1);
    const soa = soaList[0];
    assert.equal(soa.serial_style, "increment");
    assert.deepEqual(Object.keys(soa.rdata).sort(), ["expire", "minimum", "mname", "refresh", "retry", "rname", "serial"]);
    assert.equal(soa.rdata.rname, `admin.${Z}.`);
    assert.equal((await c.call("POST", `/REST/SOARecord/${Z}/${Z}/`, { rdata: SAMPLES.A.valid })).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
    assert.equal((await c.call("DELETE", `/REST/SOARecord/${Z}/${Z}/${soa.record_id}/`)).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
    const noRname = await c.call("PUT", `/REST/SOARecord/${Z}/${Z}/${soa.record_id}/`, { rdata: { minimum: 60 } });
    assert.equal(noRname.status, 400);
    assert.match(noRname.body.msgs[0].INFO, /^rname: /);
    const upd = await c.ok("PUT", `/REST/SOARecord/${Z}/${Z}/${soa.record_id}/`, { rdata: { rname: "dns@example.org", minimum: 60 }, ttl: "7200", serial_style: "epoch" });
    assert.equal(upd.rdata.rname, "dns.example.org.");
    assert.equal(upd.ttl, 7200);
    assert.equal(upd.serial_style, "epoch");
    const pub = await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    assert.equal(pub.serial_style, "epoch");
    assert.ok(pub.serial >= Math.floor(Date.now() / 1000) - 5);
    const ns = await c.ok("GET", `/REST/NSRecord/${Z}/${Z}/`, { detail: "Y" });
    assert.equal(ns.length, 4);
    for (const [i, r] of ns.entries()) {
      assert.match(r.rdata.nsdname, new RegExp(`^ns${i + 1}\\.p\\d+\\.dynect\\.net\\.$`));
      assert.equal(r.ttl, 86400);
      assert.equal(r.service_class, "Primary");
    }
    assert.equal((await c.call("DELETE", `/REST/NSRecord/${Z}/${Z}/${ns[0].record_id}/`)).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
    assert.equal((await c.call("PUT", `/REST/NSRecord/${Z}/${Z}/${ns[0].record_id}/`, { rdata: { nsdname: "x.example.net" } })).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
    assert.equal((await c.call("DELETE", `/REST/NSRecord/${Z}/${Z}/`)).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
  });

  it("CAA needs API-Version ≥ 3.7.6 when an older version is requested", async () => {
    const old = await c.call("POST", `/REST/CAARecord/${Z}/${Z}/`, { rdata: SAMPLES.CAA.valid }, { headers: { "API-Version": "3.5.0" } });
    assert.equal(old.status, 400);
    assert.equal(old.body.msgs[0].ERR_CD, "INVALID_VERSION");
    await c.ok("POST", `/REST/CAARecord/${Z}/${Z}/`, { rdata: SAMPLES.CAA.valid }, { headers: { "API-Version": "3.7.6" } });
    await c.ok("GET", `/REST/CAARecord/${Z}/${Z}/`, undefined, { headers: { "API-Version": "current" } });
    const junk = await c.call("GET", `/REST/Zone/`, undefined, { headers: { "API-Version": "banana" } });
    assert.equal(junk.body.msgs[0].ERR_CD, "INVALID_VERSION");
  });

  it("arguments in the query string or in a JSON body on GET; detail is case-insensitive", async () => {
    await c.ok("POST", `/REST/ARecord/${Z}/q.${Z}/`, { rdata: { address: "192.0.2.1" } });
    for (const [p, body] of [
      [`/REST/ARecord/${Z}/q.${Z}?detail=Y`, undefined],
      [`/REST/ARecord/${Z}/q.${Z}/?detail=y`, undefined],
      [`/REST/ARecord/${Z}/q.${Z}`, { detail: "Y" }],
    ] as const) {
      const data = await c.ok("GET", p, body);
      assert.equal(typeof data[0], "object", p);
    }
    const uris = await c.ok("GET", `/REST/ARecord/${Z}/q.${Z}`, {});
    assert.equal(typeof uris[0], "string");
    const nul = await c.call("GET", "/REST/Zone/", undefined, { rawBody: "null" });
    assert.equal(nul.status, 400);
    assert.ok(isEnvelope(nul.body));
  });
});
