import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession } from "../../provider/sdk/index";
import { SingleFlightQueue } from "../../provider/sdk/engine/queue";
import { emulator, sessionOptions, teardown } from "./helpers";

describe("single-flight queue", () => {
  it("runs tasks one at a time, in order; nested runs join the running task", async () => {
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
    const outer = async () => {
      log.push("outer");
      assert.equal(q.isInside(), true);
      return q.run(async () => "inner"); // would dead-lock if queued behind itself
    };
    const results = await Promise.all([q.run(task("a", 20)), q.run(task("b", 5)), q.run(outer), q.run(task("c", 1))]);
    assert.deepEqual(results, ["a", "b", "inner", "c"]);
    assert.deepEqual(log, ["start a", "end a", "start b", "end b", "outer", "start c", "end c"]);
    assert.equal(q.isInside(), false);
    assert.equal(q.size, 0);
  });

  it("a timer created inside a task queues normally once the task is over", async () => {
    const q = new SingleFlightQueue();
    let later: Promise<string> | undefined;
    await q.run(async () => {
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          resolve();
        }, 1),
      );
      setTimeout(() => undefined, 0);
      later = new Promise<string>((resolve) => setTimeout(() => resolve(q.run(async () => (q.isInside() ? "queued" : "outside"))), 5));
    });
    assert.equal(await later, "queued");
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

  it("exclusive() keeps other callers out until it is done", async () => {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { historySize: 50 } }));
    await s.login();
    const order: string[] = [];
    const batch = s.exclusive(async () => {
      await s.call("GET", "/REST/Zone/", { detail: "Y" });
      order.push("batch 1");
      await s.call("GET", "/REST/Zone/", { detail: "Y" });
      order.push("batch 2");
    });
    const other = s.call("GET", "/REST/Zone/").then(() => order.push("other"));
    await Promise.all([batch, other]);
    assert.deepEqual(order, ["batch 1", "batch 2", "other"]);
  });
});
