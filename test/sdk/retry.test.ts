import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, createRecord, createZone, deleteRecord, getZone, isDynError, listRecords, publishZone } from "../../provider/sdk/index";
import { caught, emulator, teardown, uniqueZone, freshSession } from "./helpers";

function count(emu: RunningEmulator, prefix: string): number {
  return Object.entries(emu.control.metrics().requests)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

interface StateZone {
  records: { fqdn: string; record_type: string; rdata: Record<string, unknown> }[];
}

describe("retries of transient failures and ambiguous creates", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  let zone: string;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    ({ s, zone } = await freshSession(emu, "rt"));
  });

  const published = (fqdn: string) =>
    ((emu.control.state().zones[zone] as StateZone).records ?? []).filter((r) => r.fqdn === fqdn && r.record_type === "A");

  for (const mode of ["http500", "http503", "reset-before", "reset-after"] as const) {
    it(`GET is retried after ${mode}`, async () => {
      emu.control.setFaults({ failNext: { count: 2, mode, match: `GET /REST/Zone/${zone}` } });
      const info = await getZone(s, zone);
      assert.equal(info.zone, zone);
      assert.equal(count(emu, "GET /REST/Zone/:zone"), 3);
    });
  }

  it("no duplicate after a connection reset that happened after the server applied a POST", async () => {
    const fqdn = `www.${zone}`;
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-after", match: "POST /REST/ARecord" } });
    const rec = await createRecord(s, "A", zone, fqdn, { address: "192.0.2.10" }, 300);
    assert.equal(rec.rdata.address, "192.0.2.10");
    assert.equal(count(emu, "POST /REST/ARecord"), 1, "verified, not re-sent");
    assert.equal((await listRecords(s, "A", zone, fqdn)).length, 1);
    await publishZone(s, zone);
    assert.equal(published(fqdn).length, 1);
  });

  it("a POST lost before the server applied it is verified absent, then sent once more", async () => {
    const fqdn = `api.${zone}`;
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-before", match: "POST /REST/ARecord" } });
    await createRecord(s, "A", zone, fqdn, { address: "192.0.2.11" }, 300);
    assert.equal(count(emu, "POST /REST/ARecord"), 2);
    await publishZone(s, zone);
    assert.equal(published(fqdn).length, 1);
  });

  it("a POST answered 5xx is verified before any re-send", async () => {
    const fqdn = `five.${zone}`;
    emu.control.setFaults({ failNext: { count: 1, mode: "http500", match: "POST /REST/ARecord" } });
    await createRecord(s, "A", zone, fqdn, { address: "192.0.2.12" }, 300);
    assert.equal(count(emu, "POST /REST/ARecord"), 2);
    assert.equal(count(emu, "GET /REST/ARecord"), 1, "one verification listing");
    await publishZone(s, zone);
    assert.equal(published(fqdn).length, 1);
  });

  it("without a verifier an ambiguous POST is never re-sent: TRANSPORT, not retryable, outcome unknown", async () => {
    const fqdn = `raw.${zone}`;
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-after", match: "POST /REST/ARecord" } });
    const e = await caught(() => s.call("POST", `/REST/ARecord/${zone}/${fqdn}/`, { rdata: { address: "192.0.2.13" }, ttl: 60 }));
    assert.ok(isDynError(e, "TRANSPORT"), String(e));
    assert.equal(e.retryable, false);
    assert.equal(e.sent, "unknown");
    assert.match(e.message, /outcome unknown/);
    assert.deepEqual(e.call, { method: "POST", path: `/REST/ARecord/${zone}/${fqdn}/` });
    assert.equal(count(emu, "POST /REST/ARecord"), 1);
  });

  it("a DELETE repeated after a lost answer that finds its target gone counts as done", async () => {
    const fqdn = `del.${zone}`;
    await createRecord(s, "A", zone, fqdn, { address: "192.0.2.14" }, 60);
    await publishZone(s, zone);
    const [rec] = await listRecords(s, "A", zone, fqdn);
    emu.control.resetMetrics();
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-after", match: "DELETE /REST/ARecord" } });
    await deleteRecord(s, "A", zone, fqdn, rec.record_id);
    assert.equal(count(emu, "DELETE /REST/ARecord"), 2);
    assert.deepEqual(await listRecords(s, "A", zone, fqdn), []);
    // a plain NOT_FOUND is still an error
    const e = await caught(() => deleteRecord(s, "A", zone, fqdn, rec.record_id));
    assert.ok(isDynError(e, "NOT_FOUND"), String(e));
  });

  it("a zone create lost after the server applied it is found by verification", async () => {
    const z2 = uniqueZone("rt2");
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-after", match: "POST /REST/Zone" } });
    const info = await createZone(s, z2, { rname: "admin@example.com", ttl: 600 });
    assert.equal(info.zone, z2);
    assert.equal(count(emu, "POST /REST/Zone/:zone"), 1);
  });

  it("a zone create lost before the server applied it does not take someone's existing zone for its own", async () => {
    // A published zone of the account; the create's connection drops before it is applied.
    const taken = uniqueZone("rt3");
    await createZone(s, taken, { rname: "owner@example.com", ttl: 600 });
    await publishZone(s, taken);
    emu.control.resetMetrics();
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-before", match: "POST /REST/Zone" } });
    const e = await caught(() => createZone(s, taken, { rname: "admin@example.com", ttl: 600 }));
    assert.ok(isDynError(e, "TARGET_EXISTS"), String(e));
    assert.equal(count(emu, "POST /REST/Zone/:zone"), 2, "verified as not ours, then sent once more: DynECT's own answer");
  });

  it("an unpublished zone with another contact is not ours either", async () => {
    const other = uniqueZone("rt4");
    await createZone(s, other, { rname: "someone@example.com", ttl: 600 });
    emu.control.setFaults({ failNext: { count: 1, mode: "reset-before", match: "POST /REST/Zone" } });
    const e = await caught(() => createZone(s, other, { rname: "admin@example.com", ttl: 600 }));
    assert.ok(isDynError(e, "TARGET_EXISTS"), String(e));
  });

  it("gives up after maxAttempts with the transient error", async () => {
    emu.control.setFaults({ failNext: { count: 10, mode: "http503", match: `GET /REST/Zone/${zone}` } });
    const e = await caught(() => getZone(s, zone));
    assert.ok(isDynError(e, "API_ERROR"), String(e));
    assert.equal(e.errCd, "SERVICE_UNAVAILABLE");
    assert.equal(e.httpStatus, 503);
    assert.equal(count(emu, "GET /REST/Zone/:zone"), 4);
    emu.control.setFaults({ failNext: { count: 0, mode: "http503" } });
  });
});
