/**
 * ZoneBatcher with real SDK sessions against the emulator: a change refused for its own data fails
 * alone, any other failure discards the zone's changeset and fails the whole batch with the cause;
 * zones spread over sessions; batches start when waiting cannot make them bigger.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { DeploymentActivity } from "../../provider/deployment/deployment-activity";
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
        engine: { requestsPerMinute: 0, delayScale: 0 },
      });
      return sessions[slot];
    };
    batcher = new ZoneBatcher({
      maxSessions: 2,
      sessionFor,
      ensureSession: (s) => s.login(),
      publish: (s, zone) => sdk.publishZone(s, zone),
      discard: (s, zone) => sdk.discardZoneChanges(s, zone),
      abandonToken: (s, epoch) => s.abandonToken(epoch),
      isOwnFault: (e) => sdk.isDynError(e, ["INVALID_DATA", "TARGET_EXISTS"]),
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

  it("a change refused for its own data fails alone; the rest of the batch is published once", async () => {
    emu.control.resetMetrics();
    const ops = [1, 2, 3, 4].map((i) =>
      batcher.run("one.example", async (s) => {
        if (i === 3) await sdk.createRecord(s, "A", "one.example", "bad.one.example", { address: "not-an-ip" }, 0);
        else await sdk.createRecord(s, "A", "one.example", `ok${i}.one.example`, { address: `192.0.2.${i}` }, 0);
      }),
    );
    const results = await Promise.allSettled(ops);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    assert.ok(sdk.isDynError((results[2] as PromiseRejectedResult).reason, "INVALID_DATA"), "the bad change gets its own error");
    assert.equal(emu.control.metrics().publishes["one.example"], 1, "one publish for the three good changes");
    assert.deepEqual(published("one.example").map((r) => r.fqdn).sort(), ["ok1.one.example", "ok2.one.example", "ok4.one.example"]);
  });

  it("a change refused after it wrote something: the changeset is discarded and the rest replayed without it", async () => {
    emu.control.resetMetrics();
    const runs: number[] = [];
    const ops = [1, 2].map((i) =>
      batcher.run("two.example", async (s, ctx) => {
        runs.push(i);
        await sdk.createRecord(s, "A", "two.example", `half${i}.two.example`, { address: `192.0.2.${10 + i}` }, 0);
        // the second change writes one record, then is refused for its own data
        if (i === 2) await sdk.createRecord(s, "A", "two.example", `half${i}.two.example`, { address: `192.0.2.${10 + i}` }, 0);
        return ctx.replay;
      }),
    );
    const [first, second] = await Promise.allSettled(ops);
    assert.equal(first.status, "fulfilled");
    assert.equal((first as PromiseFulfilledResult<{ value: boolean }>).value.value, true, "the surviving change ran again (replay)");
    assert.ok(sdk.isDynError((second as PromiseRejectedResult).reason, "TARGET_EXISTS"));
    assert.deepEqual(runs, [1, 2, 1]);
    assert.deepEqual(published("two.example").map((r) => r.fqdn), ["half1.two.example"], "nothing of the refused change was published");
    assert.equal(emu.control.metrics().publishes["two.example"], 1);
  });

  it("a failed publish fails every change of the batch with the cause and discards the changeset", async () => {
    emu.control.resetMetrics();
    // Every attempt of the publish answers 503 (the engine retries a PUT maxAttempts times).
    emu.control.setFaults({ failNext: { count: 4, mode: "http503", match: "PUT /REST/Zone/one.example" } });
    const ops = [5, 6].map((i) => batcher.run("one.example", (s) => sdk.createRecord(s, "A", "one.example", `lost${i}.one.example`, { address: `192.0.2.${i}` }, 0)));
    const results = await Promise.allSettled(ops);
    assert.ok(results.every((r) => r.status === "rejected"));
    for (const r of results) {
      const reason = (r as PromiseRejectedResult).reason;
      assert.ok(reason instanceof BatchFailedError, String(reason));
      assert.ok(sdk.isDynError(reason.cause), "the cause is the publish's DynError");
    }
    assert.equal(emu.control.metrics().requests["DELETE /REST/ZoneChanges/:zone"], 1, "the changeset was discarded");
    // Nothing of that batch survives into the next one.
    await batcher.run("one.example", (s) => sdk.createRecord(s, "A", "one.example", "next.one.example", { address: "192.0.2.7" }, 0));
    assert.ok(!published("one.example").some((r) => r.fqdn.startsWith("lost")));
  });

  it("a failed publish whose discard fails too gives up the token: the changes reported failed are never published later", async () => {
    emu.control.resetMetrics();
    // Every attempt of the publish and then every attempt of the discard answers 503.
    emu.control.setFaults({ failNext: { count: 8, mode: "http503", match: "/REST/Zone" } });
    const ops = [8, 9].map((i) => batcher.run("one.example", (s) => sdk.createRecord(s, "A", "one.example", `doomed${i}.one.example`, { address: `192.0.2.${i}` }, 0)));
    const results = await Promise.allSettled(ops);
    assert.ok(results.every((r) => r.status === "rejected"), "both changes were reported failed");
    assert.equal(emu.control.metrics().requests["DELETE /REST/ZoneChanges/:zone"], 4, "the discard was tried and failed");
    // The next batch must not publish what the failed one left pending on the token.
    await batcher.run("one.example", (s) => sdk.createRecord(s, "A", "one.example", "after.one.example", { address: "192.0.2.10" }, 0));
    const names = published("one.example").map((r) => r.fqdn);
    assert.ok(names.includes("after.one.example"));
    assert.deepEqual(names.filter((n) => n.startsWith("doomed")), [], "a change reported failed went live");
    assert.equal(emu.control.metrics().logins, 1, "the next batch logged in anew");
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
    const write = (name: string) => async (s: sdk.DynectSession) => {
      order.push(name);
      await sdk.createRecord(s, "A", "two.example", `order-${name}.two.example`, { address: "192.0.2.50" }, 0);
    };
    const a = batcher.run("two.example", write("a"));
    const b = batcher.run("two.example", async () => void order.push("b"), { publish: false });
    const c = batcher.run("two.example", write("c"));
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    assert.deepEqual(order, ["a", "b", "c"]);
    assert.ok(ra.published && rc.published);
    assert.equal(rb.published, undefined);
  });

  it("does not publish a batch that wrote nothing (a publish would only move the serial)", async () => {
    emu.control.resetMetrics();
    const r = await batcher.run("two.example", async (s) => void (await sdk.listRecords(s, "A", "two.example", "two.example")));
    assert.equal(r.published, undefined);
    assert.equal(emu.control.metrics().publishesTotal, 0);
  });

  describe("when a batch starts (deployment activity)", () => {
    function gatedBatcher(activity: DeploymentActivity, opts: { maxWaitMs?: number; settleMs?: number; staleMs?: number } = {}) {
      return new ZoneBatcher({
        maxSessions: 1,
        sessionFor: (slot: number) => sessions[slot],
        ensureSession: (s: sdk.DynectSession) => s.login(),
        publish: (s: sdk.DynectSession, zone: string) => sdk.publishZone(s, zone),
        discard: (s: sdk.DynectSession, zone: string) => sdk.discardZoneChanges(s, zone),
        activity,
        ...opts,
      });
    }
    const create = (zone: string, host: string, i: number) => (s: sdk.DynectSession) => sdk.createRecord(s, "A", zone, `${host}.${zone}`, { address: `203.0.113.${i}` }, 0);

    it("waits for the changes announced for its zone, then publishes them once", async () => {
      emu.control.resetMetrics();
      const activity = new DeploymentActivity(100);
      const b = gatedBatcher(activity, { maxWaitMs: 60_000, settleMs: 0 });
      for (let i = 0; i < 3; i++) activity.announce("two.example");
      const first = b.run("two.example", create("two.example", "ann1", 1));
      // The first change arrived; two more are announced: nothing is sent yet.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      assert.equal(emu.control.metrics().requestsTotal, 0, "nothing sent while announced changes are on their way");
      const rest = [b.run("two.example", create("two.example", "ann2", 2)), b.run("two.example", create("two.example", "ann3", 3))];
      const results = await Promise.all([first, ...rest]);
      assert.ok(results.every((r) => r.batchSize === 3));
      assert.equal(emu.control.metrics().publishes["two.example"], 1);
    });

    it("starts at once when the engine is saturated: every operation in flight is a parked change", async () => {
      emu.control.resetMetrics();
      const activity = new DeploymentActivity(2);
      const b = gatedBatcher(activity, { maxWaitMs: 60_000, settleMs: 0 });
      for (let i = 0; i < 10; i++) activity.announce("one.example");
      activity.enter();
      activity.enter();
      const ops = [b.run("one.example", create("one.example", "sat1", 1)), b.run("one.example", create("one.example", "sat2", 2))];
      const results = await Promise.all(ops);
      activity.leave();
      activity.leave();
      assert.ok(results.every((r) => r.batchSize === 2), "both parked changes formed one batch although 8 more were announced");
      assert.equal(emu.control.metrics().publishes["one.example"], 1);
    });

    it("treats announcements as stale once the engine is silent and everything in flight is parked", async () => {
      emu.control.resetMetrics();
      const activity = new DeploymentActivity(100);
      const b = gatedBatcher(activity, { maxWaitMs: 60_000, settleMs: 0, staleMs: 50 });
      for (let i = 0; i < 3; i++) activity.announce("one.example"); // two of them will never come
      activity.enter();
      const result = await b.run("one.example", create("one.example", "stale1", 21));
      activity.leave();
      assert.equal(result.batchSize, 1);
      assert.equal(emu.control.metrics().publishes["one.example"], 1);
    });

    it("starts as soon as it is idle when nothing more is announced (group commit)", async () => {
      emu.control.resetMetrics();
      const b = gatedBatcher(new DeploymentActivity(100), { maxWaitMs: 60_000, settleMs: 0 });
      const result = await b.run("one.example", create("one.example", "alone", 9));
      assert.equal(result.batchSize, 1);
    });
  });
});
