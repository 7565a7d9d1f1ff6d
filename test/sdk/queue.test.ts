import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, createRecord, createZone, publishZone } from "../../provider/sdk/index";
import { SingleFlightQueue } from "../../provider/sdk/engine/queue";
import { emulator, sessionOptions, teardown, uniqueZone } from "./helpers";

describe("single-flight queue", () => {
  it("runs tasks one at a time, in order", async () => {
    const q = new SingleFlightQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      assert.equal(running, 1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([q.run(task("a", 20)), q.run(task("b", 5)), q.run(task("c", 1))]);
    assert.deepEqual(results, ["a", "b", "c"]);
    assert.deepEqual(log, ["start a", "end a", "start b", "end b", "start c", "end c"]);
    assert.equal(q.size, 0);
  });

  it("a task queued from inside a running task (directly or from a timer) runs after it: no re-entry", async () => {
    const q = new SingleFlightQueue();
    const log: string[] = [];
    let direct: Promise<void> | undefined;
    let fromTimer: Promise<void> | undefined;
    let timerFired!: () => void;
    const timer = new Promise<void>((resolve) => (timerFired = resolve));
    await q.run(async () => {
      log.push("first start");
      direct = q.run(async () => void log.push("queued directly"));
      setTimeout(() => {
        fromTimer = q.run(async () => void log.push("queued from a timer"));
        timerFired();
      }, 0);
      await timer;
      log.push("first end");
    });
    await direct;
    await fromTimer;
    assert.deepEqual(log, ["first start", "first end", "queued directly", "queued from a timer"]);
    assert.equal(q.size, 0);
  });

  it("a failed task does not stop the queue", async () => {
    const q = new SingleFlightQueue();
    const failed = q.run(async () => {
      throw new Error("boom");
    });
    const next = q.run(async () => "next");
    await assert.rejects(failed, /boom/);
    assert.equal(await next, "next");
  });
});

describe("one request in flight per session, whatever starts it", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    await DynectSession.closeAll();
    emu.control.reset();
    emu.control.resetMetrics();
    emu.control.setFaults({ latencyMs: 3 });
  });

  it("calls made by an epoch listener wait their turn", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    const fromListener: Promise<unknown>[] = [];
    s.onNewToken(() => {
      for (let i = 0; i < 5; i++) fromListener.push(s.call("GET", "/REST/Zone/"));
    });
    await Promise.all(Array.from({ length: 10 }, () => s.call("GET", "/REST/Zone/")));
    await Promise.all(fromListener);
    assert.equal(fromListener.length, 5);
    assert.equal(emu.control.metrics().jobRunningReplies, 0);
  });

  it("keep-alive pings only an idle session and never overlaps other calls", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { keepAliveMs: 5 } }));
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 10 }, () => s.call("GET", "/REST/Zone/")));
      await new Promise((r) => setTimeout(r, 15)); // idle: a ping or two
    }
    const pings = () =>
      Object.entries(emu.control.metrics().requests)
        .filter(([k]) => k.startsWith("PUT /REST/Session"))
        .reduce((n, [, v]) => n + v, 0);
    for (let i = 0; i < 200 && pings() < 1; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(pings() >= 1, "an idle session was pinged");
    const m = emu.control.metrics();
    assert.equal(m.jobRunningReplies, 0);
    assert.equal(m.rateLimited, 0);
    await s.close();
  });

  it("exclusive() keeps other callers out until it is done; its calls take the unqueued path", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { historySize: 50 } }));
    await s.login();
    const order: string[] = [];
    const batch = s.exclusive(async (unqueued) => {
      await unqueued.call("GET", "/REST/Zone/", { detail: "Y" });
      order.push("batch 1");
      await unqueued.call("GET", "/REST/Zone/", { detail: "Y" });
      order.push("batch 2");
    });
    const other = s.call("GET", "/REST/Zone/").then(() => order.push("other"));
    await Promise.all([batch, other]);
    assert.deepEqual(order, ["batch 1", "batch 2", "other"]);
  });

  it("the verifier of an ambiguous create lists records on the unqueued path, before the calls queued behind the create", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu));
    const zone = uniqueZone("verify");
    await createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
    await publishZone(s, zone);
    s.history.clear();
    emu.control.setFaults({ latencyMs: 3, failNext: { count: 1, mode: "reset-after", match: "POST /REST/ARecord" } });
    const fqdn = `www.${zone}`;
    const created = createRecord(s, "A", zone, fqdn, { address: "192.0.2.7" }, 300);
    const behind = s.call("GET", `/REST/Zone/${zone}/`);
    const [rec] = await Promise.all([created, behind]);
    assert.equal(rec.rdata.address, "192.0.2.7", "the verifier found the record the lost POST created");
    assert.deepEqual(
      s.history.entries().map((e) => `${e.method} ${e.path}`),
      [`POST /REST/ARecord/${zone}/${fqdn}/`, `GET /REST/ARecord/${zone}/${fqdn}/`, `GET /REST/Zone/${zone}/`],
      "the verification ran inside the create's turn, the queued call after it",
    );
    assert.equal(emu.control.metrics().jobRunningReplies, 0);
  });
});
