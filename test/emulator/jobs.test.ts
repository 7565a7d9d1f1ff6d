/** One job per session (§3.3), slow requests promoted to jobs (307 / incomplete) and polling (§4). */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, control, isEnvelope, start, freshClient } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pollUntilDone(c: Client, jobId: number): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const r = await c.call("GET", `/REST/Job/${jobId}/`);
    if (r.body.status !== "incomplete") return r;
    await sleep(10);
  }
  throw new Error("job never finished");
}

describe("jobs", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await freshClient(emu, "jobs.test");
  });

  it("two requests on one token at once: the second gets the job-running reply", async () => {
    await control(emu.url, "POST", "faults", { latencyMs: 300 });
    const before = emu.control.metrics().requestsTotal;
    const first = c.call("GET", "/REST/Zone/jobs.test/");
    // wait until the emulator is processing the first request (counted = session already busy)
    while (emu.control.metrics().requestsTotal === before) await sleep(5);
    const second = await c.call("GET", "/REST/Zone/");
    assert.equal(second.status, 400);
    assert.equal(second.body.status, "running");
    assert.deepEqual(second.body.data, {});
    assert.deepEqual(second.body.msgs, [{ INFO: "token: This session already has a job running", SOURCE: "API-B", ERR_CD: "OPERATION_FAILED", LVL: "ERROR" }]);
    assert.equal((await first).status, 200);
    // another session of the same account is not affected
    const other = new Client(emu.url);
    await other.login();
    const [a, b] = await Promise.all([other.call("GET", "/REST/Zone/"), c.call("GET", "/REST/Zone/")]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(emu.control.metrics().jobRunningReplies, 1);
    await control(emu.url, "POST", "faults", { latencyMs: 0 });
  });

  it("slow mode redirect: 307 with a text job path, job-running while it runs, polling gives the original envelope", async () => {
    await control(emu.url, "POST", "slow", { mode: "redirect", match: "POST /REST/ARecord", jobMs: 400, count: 1 });
    const r = await c.call("POST", "/REST/ARecord/jobs.test/www.jobs.test/", { rdata: { address: "192.0.2.1" } });
    assert.equal(r.status, 307);
    assert.match(String(r.headers["content-type"]), /^text\/html/);
    assert.match(String(r.headers.location), /^\/REST\/Job\/\d+$/);
    assert.equal(r.text, r.headers.location);
    const jobId = Number(String(r.headers.location).split("/").pop());
    const busy = await c.call("GET", "/REST/Zone/");
    assert.equal(busy.body.status, "running");
    const early = await c.call("GET", `/REST/Job/${jobId}`);
    assert.deepEqual(early.body, { status: "incomplete", data: null, job_id: jobId }, "no msgs key, like the real log");
    const done = await pollUntilDone(c, jobId);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, "success");
    assert.equal(done.body.job_id, jobId);
    assert.equal(done.body.msgs[0].INFO, "add: Record added");
    assert.equal(done.body.data.record_id, 0);
    // the change really was applied, and the session is free again
    assert.equal((await c.ok("GET", "/REST/ARecord/jobs.test/www.jobs.test/")).length, 1);
    // a client whose HTTP stack replays the original method on the Location still gets the job
    const replayed = await c.call("POST", String(r.headers.location), { rdata: { address: "192.0.2.1" } });
    assert.deepEqual(replayed.body, done.body);
  });

  it("slow mode incomplete: 200 incomplete; a failed job is returned as its failure envelope with HTTP 200", async () => {
    await control(emu.url, "POST", "slow", { mode: "incomplete", match: "AllRecord", jobMs: 30 });
    const r = await c.call("GET", "/REST/AllRecord/jobs.test/nothing.jobs.test/");
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ["data", "job_id", "status"]);
    assert.equal(r.body.status, "incomplete");
    const done = await pollUntilDone(c, r.body.job_id);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, "failure");
    assert.equal(done.body.msgs[0].INFO, "node: Node is not in the zone");
    const ok = await c.call("GET", "/REST/AllRecord/jobs.test/");
    assert.equal(ok.body.status, "incomplete", "without count, every matching request is promoted");
    await pollUntilDone(c, ok.body.job_id);
    await control(emu.url, "POST", "slow", { mode: "off", jobMs: 0 });
    assert.equal((await c.call("GET", "/REST/AllRecord/jobs.test/")).body.status, "success");
  });

  it("every reply carries a new integer job_id, retrievable as a job of the same session only", async () => {
    const a = await c.call("GET", "/REST/Zone/jobs.test/");
    const b = await c.call("GET", "/REST/Zone/jobs.test/");
    assert.ok(b.body.job_id > a.body.job_id);
    const again = await c.call("GET", `/REST/Job/${a.body.job_id}/`);
    assert.deepEqual({ ...again.body }, { ...a.body });
    const other = new Client(emu.url);
    await other.login();
    const foreign = await other.call("GET", `/REST/Job/${a.body.job_id}/`);
    assert.equal(foreign.status, 404);
    assert.ok(isEnvelope(foreign.body));
  });
});
