import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, createRecord, getJob, isDynError, listRecords, type SessionOptions } from "../../provider/sdk/index";
import { TestClock } from "../helpers/test-clock";
import { FAST, caught, emulator, freshSession, sessionOptions, teardown } from "./helpers";

function count(emu: RunningEmulator, prefix: string): number {
  return Object.entries(emu.control.metrics().requests)
    .filter(([k]) => k.startsWith(prefix))
    .reduce((n, [, v]) => n + v, 0);
}

describe("jobs: 307 redirects and incomplete answers (§4)", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  let zone: string;
  // One clock for the emulator and every session: a deadline, a Retry-After wait or a lockout ends
  // because this clock moved (it moves by what the engine waits), never because the machine was slow.
  // Jobs that matter end when the test releases them.
  const clock = new TestClock(Date.now());
  const withClock = (over: Partial<SessionOptions> = {}) => sessionOptions(emu, { ...over, engine: { ...over.engine, clock } });
  before(async () => {
    emu = await emulator({ clock });
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    ({ s, zone } = await freshSession(emu, "job", { session: { engine: { ...FAST, clock } } }));
  });

  it("follows a 307 to /REST/Job/<id> with GET until done, without re-sending the POST", async () => {
    emu.control.slow({ mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, hold: true, count: 1 });
    clock.after(100, () => emu.control.releaseJobs()); // a few polls find it running first
    const rec = await createRecord(s, "A", zone, `www.${zone}`, { address: "192.0.2.1" }, 300);
    assert.equal(rec.rdata.address, "192.0.2.1");
    assert.equal(count(emu, "POST /REST/ARecord"), 1);
    assert.ok(count(emu, "GET /REST/Job") >= 2, "polled while running, then once more");
    assert.equal(emu.control.metrics().jobRunningReplies, 0);
    assert.equal((await listRecords(s, "A", zone, `www.${zone}`)).length, 1);
  });

  it("polls a 200 'incomplete' answer until the job completes", async () => {
    emu.control.slow({ mode: "incomplete", match: "GET /REST/Zone/", jobMs: 0, hold: true, count: 1 });
    clock.after(100, () => emu.control.releaseJobs());
    const res = await s.call<{ zone: string }>("GET", `/REST/Zone/${zone}/`);
    assert.equal(res.status, "success");
    assert.equal(res.data.zone, zone);
    assert.ok(count(emu, "GET /REST/Job") >= 2);
  });

  it("a failed job comes back as the original call's error, not re-sent", async () => {
    await createRecord(s, "A", zone, `dup.${zone}`, { address: "192.0.2.9" }, 300);
    emu.control.resetMetrics();
    emu.control.slow({ mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, count: 1 });
    const e = await caught(() => createRecord(s, "A", zone, `dup.${zone}`, { address: "192.0.2.9" }, 300));
    assert.ok(isDynError(e, "TARGET_EXISTS"), String(e));
    assert.deepEqual(e.call, { method: "POST", path: `/REST/ARecord/${zone}/dup.${zone}/` });
    assert.equal(count(emu, "POST /REST/ARecord"), 1);
  });

  it("gives up at the deadline with JOB_TIMEOUT (not retryable) and never re-sends the request", async () => {
    // The job runs until released, the deadline is 300 ms: only a working deadline yields JOB_TIMEOUT.
    emu.control.slow({ mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, hold: true, count: 1 });
    const e = await caught(() =>
      s.call("POST", `/REST/ARecord/${zone}/slow.${zone}/`, { rdata: { address: "192.0.2.2" }, ttl: 60 }, { jobDeadlineMs: 300 }),
    );
    assert.ok(isDynError(e, "JOB_TIMEOUT"), String(e));
    assert.equal(e.retryable, false);
    assert.ok(typeof e.jobId === "number" && e.jobId > 0);
    assert.match(e.message, /\(POST \/REST\/ARecord\//);
    assert.equal(count(emu, "POST /REST/ARecord"), 1);
    // The job still runs on the server: the next call first waits for it instead of colliding.
    clock.after(50, () => emu.control.releaseJobs());
    assert.equal((await listRecords(s, "A", zone, `slow.${zone}`)).length, 1);
    assert.equal(emu.control.metrics().jobRunningReplies, 0);
  });

  it("a 429 while polling a job waits per Retry-After and pauses the account's budget, then completes", async () => {
    // 2/min: the POST and the first poll pass, the second poll locks the account for 1 s and is
    // answered 429 with Retry-After: 1. Polling on at the job-poll cadence would hit the lock-out
    // again and again; waiting as told means exactly one 429 — also for another session of the
    // same customer that calls meanwhile (the shared budget holds it back instead of letting it in).
    const other = DynectSession.getOrCreate(withClock());
    await other.login();
    emu.control.resetMetrics();
    emu.control.slow({ mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, hold: true, count: 1 });
    emu.control.setRateLimit({ perMinute: 2, lockoutMs: 1_000 });
    try {
      const created = createRecord(s, "A", zone, `rl.${zone}`, { address: "192.0.2.3" }, 300);
      // A macrotask that sees the 429 in history also sees what the engine did with it (the pause).
      while (!s.history.entries().some((h) => h.httpStatus === 429)) await new Promise((r) => setImmediate(r));
      emu.control.releaseJobs(); // the job is done by the time the lock-out ends
      const meanwhile = await other.call("GET", "/REST/Zone/");
      assert.equal(meanwhile.status, "success");
      const rec = await created;
      assert.equal(rec.rdata.address, "192.0.2.3");
    } finally {
      emu.control.setRateLimit({ perMinute: 300, lockoutMs: 60_000 });
    }
    const m = emu.control.metrics();
    assert.equal(m.rateLimited, 1, "one 429, then the wait it asked for");
    assert.equal(count(emu, "POST /REST/ARecord"), 1, "the job was polled, the POST never re-sent");
    assert.ok(count(emu, "GET /REST/Job") >= 3);
    assert.equal((await listRecords(s, "A", zone, `rl.${zone}`)).length, 1);
  });

  it("getJob returns the raw job answer without following it", async () => {
    emu.control.slow({ mode: "incomplete", match: "GET /REST/Zone/", jobMs: 0, hold: true, count: 1 });
    const first = await s.call("GET", `/REST/Zone/${zone}/`, undefined, { followJobs: false });
    assert.equal(first.status, "incomplete");
    const running = await getJob(s, first.jobId);
    assert.equal(running.status, "incomplete");
    emu.control.releaseJobs();
    const done = await getJob(s, first.jobId);
    assert.equal(done.status, "success");
    assert.equal((done.data as { zone: string }).zone, zone);
  });
});
