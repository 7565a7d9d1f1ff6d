import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { Worker, threadId } from "node:worker_threads";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession } from "../../provider/sdk/index";
import { emulator, sessionOptions, teardown } from "./helpers";

interface WorkerResult {
  threadId: number;
  first: string;
  second: string;
  epoch: number;
  error?: string;
}

function runWorker(data: unknown): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // The worker compiles its TypeScript entry with tsx's CommonJS hook (a .ts entry path is
    // rejected by Node 20 before `--import tsx` can apply in a worker).
    const entry = join(__dirname, "fixtures", "registry-worker.ts");
    const w = new Worker(`require("tsx/cjs"); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
    w.once("message", (m: WorkerResult) => resolve(m));
    w.once("error", reject);
    w.once("exit", (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

describe("session registry (class × thread × stack × account × URL × slot)", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await emulator({ accounts: [{ customer: "acme", user: "ops", password: "S3cret-pa55word!" }, { customer: "acme", user: "dev", password: "an0ther-Pa55" }] });
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    await DynectSession.closeAll();
    emu.control.reset();
    emu.control.resetMetrics();
  });

  it("returns the same instance for the same key on the same thread", () => {
    const o = sessionOptions(emu);
    const a = DynectSession.getOrCreate(o);
    const b = DynectSession.getOrCreate({ ...o, password: o.password });
    assert.equal(a, b);
    assert.equal(DynectSession.getSession(o), a);
    assert.equal(DynectSession.getSession({ ...o, stack: "never-created" }), undefined);
  });

  it("getSession() / closeSession() without options work on this thread's latest session (dyn-python style)", async () => {
    const first = DynectSession.getOrCreate(sessionOptions(emu));
    const latest = DynectSession.getOrCreate(sessionOptions(emu));
    assert.equal(DynectSession.getSession(), latest);
    await latest.login();
    await DynectSession.closeSession();
    assert.equal(emu.control.metrics().logouts, 1);
    assert.equal(DynectSession.getSession(), first);
  });

  it("treats a trailing slash in the API URL as the same URL", () => {
    const o = sessionOptions(emu);
    assert.equal(DynectSession.getOrCreate({ ...o, apiUrl: `${emu.url}/` }), DynectSession.getOrCreate(o));
  });

  it("two stacks in one process get two sessions, each with its own login", async () => {
    const one = DynectSession.getOrCreate(sessionOptions(emu, { stack: "dev" }));
    const two = DynectSession.getOrCreate(sessionOptions(emu, { stack: "prod" }));
    assert.notEqual(one, two);
    await Promise.all([one.call("GET", "/REST/Zone/"), two.call("GET", "/REST/Zone/")]);
    assert.equal(emu.control.metrics().logins, 2);
  });

  it("separates users, slots and subclasses", () => {
    const o = sessionOptions(emu, { stack: "s" });
    const base = DynectSession.getOrCreate(o);
    assert.notEqual(DynectSession.getOrCreate({ ...o, userName: "dev", password: "an0ther-Pa55" }), base);
    assert.notEqual(DynectSession.getOrCreate({ ...o, slot: 1 }), base);
    class AuditSession extends DynectSession {}
    const sub = AuditSession.getOrCreate(o);
    assert.ok(sub instanceof AuditSession);
    assert.notEqual(sub as DynectSession, base);
    assert.equal(AuditSession.getOrCreate(o), sub);
  });

  it("another worker thread gets its own instance; the same one within that thread", async () => {
    const o = sessionOptions(emu);
    const main = DynectSession.getOrCreate(o);
    await main.login();
    const r = await runWorker(o);
    assert.equal(r.error, undefined);
    assert.notEqual(r.threadId, threadId);
    assert.equal(r.first, r.second);
    assert.notEqual(r.first, main.instanceId);
    assert.equal(r.epoch, 1);
    const m = emu.control.metrics();
    assert.equal(m.logins, 2);
    assert.equal(m.logouts, 1); // the worker closed its own session; ours is still alive
    assert.equal(await main.verify(), true);
  });
});
