/**
 * ZoneBatcher with real SDK sessions against the emulator: failure of one change discards the
 * zone's changeset and fails the whole batch with the cause; zones spread over sessions.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { BatchFailedError, ZoneBatcher } from "../../provider/deployment/zone-batcher";

const ACCOUNT = { customer: "acme", user: "bob", password: "batch-pw" };

describe("ZoneBatcher (SDK sessions, emulator)", () => {
  let emu: RunningEmulator;
  const sessions: sdk.DynectSession[] = [];
  let batcher: ZoneBatcher<sdk.DynectSession, sdk.PublishResult>;

  before(async () => {
    emu = await startEmulator({ accounts: [ACCOUNT], rateLimitPerMinute: 1_000_000 });
    const sessionFor = (slot: number) => {
      sessions[slot] ??= new sdk.DynectSession({
        apiUrl: emu.url,
        customerName: ACCOUNT.customer,
        userName: ACCOUNT.user,
        password: ACCOUNT.password,
        stack: "batcher-test",
        slot,
        sessionKey: "",
        engine: { requestsPerMinute: 0 },
      });
      return sessions[slot];
    };
    batcher = new ZoneBatcher({
      maxSessions: 2,
      sessionFor,
      ensureSession: (s) => s.login(),
      publish: (s, zone) => sdk.publishZone(s, zone),
      discard: (s, zone) => sdk.discardZoneChanges(s, zone),
      coalesceMs: 20,
    });
    const admin = sessionFor(0);
    for (const zone of ["one.example", "two.example"]) {
      await sdk.createZone(admin, zone, { rname: `hostmaster@${zone}`, ttl: 3600 });
      await sdk.publishZone(admin, zone);
    }
  });
  after(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await emu.close();
  });

  function published(zone: string) {
    return ((emu.control.state().zones[zone] as { records: { fqdn: string; record_type: string }[] }).records ?? []).filter((r) => r.record_type === "A");
  }

  it("fails every change of a batch with the cause and discards the changeset", async () => {
    emu.control.resetMetrics();
    const ops = [1, 2, 3, 4].map((i) =>
      batcher.run("one.example", async (s) => {
        if (i === 3) await sdk.createRecord(s, "A", "one.example", "bad.one.example", { address: "not-an-ip" }, 0);
        else await sdk.createRecord(s, "A", "one.example", `ok${i}.one.example`, { address: `192.0.2.${i}` }, 0);
      }),
    );
    const results = await Promise.allSettled(ops);
    assert.ok(results.every((r) => r.status === "rejected"));
    const reasons = results.map((r) => (r as PromiseRejectedResult).reason);
    assert.ok(sdk.isDynError(reasons[2]), "the failing change gets its own error");
    for (const i of [0, 1, 3]) {
      assert.ok(reasons[i] instanceof BatchFailedError);
      assert.match(reasons[i].message, /batch of changes to zone one\.example failed because of/);
      assert.equal(reasons[i].cause, reasons[2]);
    }
    assert.equal(emu.control.metrics().publishes["one.example"] ?? 0, 0, "nothing published");
    // The changeset is gone: the next batch publishes only its own change.
    await batcher.run("one.example", (s) => sdk.createRecord(s, "A", "one.example", "after.one.example", { address: "192.0.2.9" }, 0));
    assert.deepEqual(published("one.example").map((r) => r.fqdn), ["after.one.example"]);
  });

  it("runs different zones on different sessions in parallel, one publish per batch", async () => {
    emu.control.resetMetrics();
    const ops = [];
    for (let i = 0; i < 10; i++) {
      for (const zone of ["one.example", "two.example"]) {
        ops.push(batcher.run(zone, (s) => sdk.createRecord(s, "A", zone, `p${i}.${zone}`, { address: `198.51.100.${i}` }, 0).then(() => s.slot)));
      }
    }
    const results = await Promise.all(ops);
    const slotsByZone = new Map<string, Set<number>>();
    results.forEach((r, i) => {
      const zone = i % 2 === 0 ? "one.example" : "two.example";
      if (!slotsByZone.has(zone)) slotsByZone.set(zone, new Set());
      slotsByZone.get(zone)!.add(r.value);
      assert.ok(r.published && r.published.serial > 0);
    });
    assert.equal(slotsByZone.get("one.example")!.size, 1, "a zone stays on one session");
    assert.notDeepEqual([...slotsByZone.get("one.example")!], [...slotsByZone.get("two.example")!], "the two zones used different sessions");
    const m = emu.control.metrics();
    assert.equal(m.publishes["one.example"], 1);
    assert.equal(m.publishes["two.example"], 1);
    assert.equal(m.jobRunningReplies, 0);
  });

  it("runs a non-publishing change alone and in order", async () => {
    const order: string[] = [];
    const a = batcher.run("two.example", async () => void order.push("a"));
    const b = batcher.run("two.example", async () => void order.push("b"), { publish: false });
    const c = batcher.run("two.example", async () => void order.push("c"));
    const [ra, rb] = await Promise.all([a, b, c]);
    assert.deepEqual(order, ["a", "b", "c"]);
    assert.ok(ra.published);
    assert.equal(rb.published, undefined);
  });
});
