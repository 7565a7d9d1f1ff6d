import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import {
  DynectSession,
  createRecord,
  createZone,
  deleteNode,
  deleteZone,
  discardZoneChanges,
  freezeZone,
  getAllRecords,
  getSoa,
  getZone,
  getZoneChanges,
  isDynError,
  listNodes,
  listRecords,
  listZones,
  publishZone,
  thawZone,
  updateSoa,
  uploadZoneFile,
} from "../../provider/sdk/index";
import { caught, emulator, teardown, freshSession } from "./helpers";

describe("zones and nodes API over the emulator", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  let zone: string;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    ({ s, zone } = await freshSession(emu, "zn", { createZone: false }));
  });

  it("create → get → list → publish with notes → delete", async () => {
    const created = await createZone(s, zone, { rname: "admin@example.com", ttl: 1800, serialStyle: "increment" });
    assert.deepEqual(created, { zone, serial: 0, serial_style: "increment", zone_type: "Primary" });
    const published = await publishZone(s, zone, "first publish");
    assert.equal(published.zone, zone);
    assert.equal(published.serial, 1);
    assert.equal(typeof published.task_id, "string");
    assert.equal((await getZone(s, zone)).serial, 1);
    assert.ok((await listZones(s)).some((z) => z.zone === zone));
    assert.equal(emu.control.metrics().publishes[zone], 1);
    await deleteZone(s, zone);
    const e = await caught(() => getZone(s, zone));
    assert.ok(isDynError(e, "NOT_FOUND"));
  });

  it("refuses names that could turn into another path (dot segments, separators, pre-encoding) before sending anything", async () => {
    emu.control.resetMetrics();
    for (const bad of ["..", ".", "../x", "a..b.example", ".example.com", "x\\y.example", "%2e%2e", "a b.example", "ex\u0000ample.com"]) {
      const e = await caught(() => getZone(s, bad));
      assert.ok(isDynError(e, "INVALID_DATA"), `${JSON.stringify(bad)}: ${String(e)}`);
      assert.match(e.message, /expected a DNS name such as example\.com/);
    }
    const r = await caught(() => listRecords(s, "A", zone, `..`));
    assert.ok(isDynError(r, "INVALID_DATA"), String(r));
    assert.equal(emu.control.metrics().requestsTotal, 0);
  });

  it("accepts zone names with a trailing dot or upper case", async () => {
    await createZone(s, `${zone.toUpperCase()}.`, { rname: "admin@example.com", ttl: 600 });
    assert.equal((await getZone(s, `${zone}.`)).zone, zone);
  });

  it("pending changes: listed for this session, discarded on request", async () => {
    await createZone(s, zone, { rname: "admin@example.com", ttl: 600 });
    await publishZone(s, zone);
    await createRecord(s, "A", zone, `p.${zone}`, { address: "192.0.2.7" }, 60);
    const changes = await getZoneChanges(s, zone);
    assert.ok(changes.length >= 1);
    await discardZoneChanges(s, zone);
    assert.deepEqual(await getZoneChanges(s, zone), []);
    assert.deepEqual(await listRecords(s, "A", zone, `p.${zone}`), []);
  });

  it("freeze blocks edits until thaw", async () => {
    await createZone(s, zone, { rname: "admin@example.com", ttl: 600 });
    await publishZone(s, zone);
    await freezeZone(s, zone);
    const e = await caught(() => createRecord(s, "A", zone, `f.${zone}`, { address: "192.0.2.8" }, 60));
    assert.ok(isDynError(e) && e.retryable === false, String(e));
    await thawZone(s, zone);
    await createRecord(s, "A", zone, `f.${zone}`, { address: "192.0.2.8" }, 60);
  });

  it("SOA: read and update contact, default TTL and serial style", async () => {
    await createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
    await publishZone(s, zone);
    const soa = await getSoa(s, zone);
    assert.equal(soa.record_type, "SOA");
    assert.equal(soa.rdata.rname, "admin.example.com.");
    const updated = await updateSoa(s, zone, { rname: "dns@example.org", ttl: 900, serialStyle: "day" });
    assert.equal(updated.rdata.rname, "dns.example.org.");
    await publishZone(s, zone);
    const after = await getSoa(s, zone);
    assert.equal(after.ttl, 900);
    assert.equal((await getZone(s, zone)).serial_style, "day");
  });

  it("nodes: list (base node included) and delete a subtree", async () => {
    await createZone(s, zone, { rname: "admin@example.com", ttl: 600 });
    await createRecord(s, "A", zone, `a.b.${zone}`, { address: "192.0.2.1" }, 60);
    await createRecord(s, "A", zone, `b.${zone}`, { address: "192.0.2.2" }, 60);
    await publishZone(s, zone);
    const nodes = await listNodes(s, zone);
    assert.ok(nodes.includes(zone) && nodes.includes(`b.${zone}`) && nodes.includes(`a.b.${zone}`));
    assert.deepEqual((await listNodes(s, zone, `b.${zone}`)).sort(), [`a.b.${zone}`, `b.${zone}`]);
    const info = await deleteNode(s, zone, `b.${zone}`);
    assert.equal(info?.zone, zone);
    await publishZone(s, zone);
    assert.deepEqual(await getAllRecords(s, zone, `b.${zone}`), []);
  });

  it("zone file upload", async () => {
    const file = [`$ORIGIN ${zone}.`, "$TTL 300", `@ IN SOA ns1.example.net. admin.example.com. 1 3600 600 604800 300`, `www IN A 192.0.2.50`, `mail IN MX 10 mx.example.net.`, ""].join("\n");
    await uploadZoneFile(s, zone, file);
    await publishZone(s, zone);
    const recs = await getAllRecords(s, zone);
    assert.ok(recs.some((r) => r.record_type === "A" && r.fqdn === `www.${zone}` && r.rdata.address === "192.0.2.50"));
    assert.ok(recs.some((r) => r.record_type === "MX" && r.fqdn === `mail.${zone}`));
    const e = await caught(() => uploadZoneFile(s, zone, ""));
    assert.ok(isDynError(e, "INVALID_DATA") && e.field === "file");
  });
});
