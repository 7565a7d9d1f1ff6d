/** Nodes and whole-zone reads (§5.3, §5.4): NodeList, Node delete, AllRecord, ANYRecord, stable ids. */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { RECORD_TYPES, recordsKey } from "../../provider/sdk/schemas/rdata";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, OTHER_USER, start, freshClient } from "./helpers";

const Z = "nodes.test";

describe("nodes and AllRecord", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await freshClient(emu, Z);
    await c.ok("POST", `/REST/ARecord/${Z}/www.${Z}/`, { rdata: { address: "192.0.2.1" } });
    await c.ok("POST", `/REST/AAAARecord/${Z}/www.${Z}/`, { rdata: { address: "2001:db8::1" } });
    await c.ok("POST", `/REST/CNAMERecord/${Z}/a.b.${Z}/`, { rdata: { cname: `www.${Z}` } });
    await c.ok("POST", `/REST/MXRecord/${Z}/${Z}/`, { rdata: { exchange: `mail.${Z}`, preference: 10 } });
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
  });

  it("AllRecord without detail: URIs of every record (SOA and Dyn NS included), no trailing slash", async () => {
    const uris: string[] = await c.ok("GET", `/REST/AllRecord/${Z}/`);
    assert.equal(uris.length, 9);
    assert.ok(uris.every((u) => /^\/REST\/[A-Z]+Record\/nodes\.test\/[a-z.]+\/\d+$/.test(u)));
    assert.equal(uris.filter((u) => u.startsWith("/REST/NSRecord/")).length, 4);
    assert.equal(uris.filter((u) => u.startsWith("/REST/SOARecord/")).length, 1);
    const r = await c.call("GET", `/REST/AllRecord/${Z}/`);
    assert.equal(r.body.msgs[0].INFO, "get_tree: Here is your zone tree");
    const sub: string[] = await c.ok("GET", `/REST/AllRecord/${Z}/b.${Z}/`);
    assert.deepEqual(sub.map((u) => u.replace(/\d+$/, "")), [`/REST/CNAMERecord/${Z}/a.b.${Z}/`]);
  });

  it("AllRecord with detail: every <type>_records key present; ids stable across reads and publishes", async () => {
    const d = await c.ok("GET", `/REST/AllRecord/${Z}/`, { detail: "Y" });
    for (const t of RECORD_TYPES) assert.ok(Array.isArray(d[recordsKey(t)]), recordsKey(t));
    assert.equal(Object.keys(d).length, RECORD_TYPES.length);
    assert.equal(d.a_records[0].rdata.address, "192.0.2.1");
    assert.equal(d.soa_records[0].serial_style, "increment");
    assert.equal(d.ns_records.length, 4);
    const ids = (x: any) => Object.values(x).flat().map((r: any) => r.record_id).sort();
    const again = await c.ok("GET", `/REST/AllRecord/${Z}/?detail=Y`);
    assert.deepEqual(ids(again), ids(d));
    await c.ok("POST", `/REST/TXTRecord/${Z}/${Z}/`, { rdata: { txtdata: "x" } });
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    const third = await c.ok("GET", `/REST/AllRecord/${Z}/?detail=Y`);
    assert.deepEqual(ids(third).filter((id: number) => ids(d).includes(id)), ids(d), "existing ids unchanged");
  });

  it("unknown node → 404 node: Node is not in the zone", async () => {
    const r = await c.call("GET", `/REST/AllRecord/${Z}/nope.${Z}/`);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body.msgs.map((m: any) => m.INFO), ["node: Node is not in the zone", "get_tree: Node name not found within the zone"]);
  });

  it("ANYRecord returns one node's records", async () => {
    const d = await c.ok("GET", `/REST/ANYRecord/${Z}/www.${Z}/`, { detail: "Y" });
    assert.equal(d.a_records.length, 1);
    assert.equal(d.aaaa_records.length, 1);
    assert.equal(d.cname_records.length, 0);
    assert.equal((await c.ok("GET", `/REST/ANYRecord/${Z}/www.${Z}/`)).length, 2);
  });

  it("NodeList lists the base node and everything below it", async () => {
    assert.deepEqual(await c.ok("GET", `/REST/NodeList/${Z}/`), [Z, `a.b.${Z}`, `www.${Z}`]);
    assert.deepEqual(await c.ok("GET", `/REST/NodeList/${Z}/b.${Z}/`), [`a.b.${Z}`]);
    const r = await c.call("GET", `/REST/NodeList/${Z}/`);
    assert.equal(r.body.msgs[0].INFO, "get_node_list: Here is your node list");
  });

  it("DELETE Node prunes the node and everything below, pending until publish", async () => {
    const bob = new Client(emu.url, OTHER_USER);
    await bob.login();
    const r = await c.call("DELETE", `/REST/Node/${Z}/b.${Z}/`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.data, { zone_type: "Primary", serial_style: "increment", serial: 2, zone: Z });
    assert.equal(r.body.msgs[0].INFO, `remove_node: b.${Z} removed from tree. All records also removed.`);
    assert.deepEqual(await c.ok("GET", `/REST/NodeList/${Z}/`), [Z, `www.${Z}`]);
    assert.deepEqual(await bob.ok("GET", `/REST/NodeList/${Z}/`), [Z, `a.b.${Z}`, `www.${Z}`], "others still see it");
    await c.ok("PUT", `/REST/Zone/${Z}/`, { publish: true });
    assert.deepEqual(await bob.ok("GET", `/REST/NodeList/${Z}/`), [Z, `www.${Z}`]);
    assert.equal((await c.call("DELETE", `/REST/Node/${Z}/b.${Z}/`)).status, 404);
    assert.equal((await c.call("DELETE", `/REST/Node/${Z}/${Z}/`)).body.msgs[0].ERR_CD, "ILLEGAL_OPERATION");
  });
});
