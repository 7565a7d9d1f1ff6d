/** One job per session (§3.3), slow requests promoted to jobs (307 / incomplete) and polling (§4). */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, control, isEnvelope, start, freshClient } from "./helpers";

/** The answer of a finished job (the job must have finished: released, or jobMs 0). */
async function finished(c: Client, jobId: number): Promise<any> {
  const r = await c.call("GET", `/REST/Job/${jobId}/`);
  assert.notEqual(r.body.status, "incomplete", "the job has finished");
  return r;
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
    // The first request is a job that runs until released: the token is busy meanwhile.
    await control(emu.url, "POST", "slow", { mode: "redirect", match: "GET /REST/Zone/jobs.test", jobMs: 0, hold: true, count: 1 });
    const first = await c.call("GET", "/REST/Zone/jobs.test/");
    assert.equal(first.status, 307);
    const second = await c.call("GET", "/REST/Zone/");
    assert.equal(second.status, 400);
    assert.equal(second.body.status, "running");
    assert.deepEqual(second.body.data, {});
    assert.deepEqual(second.body.msgs, [{ INFO: "token: This session already has a job running", SOURCE: "API-B", ERR_CD: "OPERATION_FAILED", LVL: "ERROR" }]);
    // another session of the same account is not affected
    const other = new Client(emu.url);
    await other.login();
    assert.equal((await other.call("GET", "/REST/Zone/")).status, 200);
    assert.deepEqual(await control(emu.url, "POST", "jobs/release", {}), { ok: true, released: 1 });
    const jobId = Number(String(first.headers.location).split("/").pop());
    assert.equal((await finished(c, jobId)).body.status, "success");
    assert.equal((await c.call("GET", "/REST/Zone/")).status, 200, "free again once the job ended");
    assert.equal(emu.control.metrics().jobRunningReplies, 1);
  });

  it("slow mode redirect: 307 with a text job path, job-running while it runs, polling gives the original envelope", async () => {
    await control(emu.url, "POST", "slow", { mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, hold: true, count: 1 });
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
    assert.equal(emu.control.releaseJobs(), 1);
    const done = await finished(c, jobId);
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
    await control(emu.url, "POST", "slow", { mode: "incomplete", match: "AllRecord", jobMs: 0, hold: true });
    const r = await c.call("GET", "/REST/AllRecord/jobs.test/nothing.jobs.test/");
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ["data", "job_id", "status"]);
    assert.equal(r.body.status, "incomplete");
    assert.equal((await c.call("GET", `/REST/Job/${r.body.job_id}/`)).body.status, "incomplete", "still running until released");
    emu.control.releaseJobs();
    const done = await finished(c, r.body.job_id);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, "failure");
    assert.equal(done.body.msgs[0].INFO, "node: Node is not in the zone");
    const ok = await c.call("GET", "/REST/AllRecord/jobs.test/");
    assert.equal(ok.body.status, "incomplete", "without count, every matching request is promoted");
    emu.control.releaseJobs();
    await finished(c, ok.body.job_id);
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
