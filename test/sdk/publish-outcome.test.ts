/**
 * A publish whose outcome is unknown — its job outlives the deadline, or contact is lost — is
 * resolved before the caller hears anything (§4, §5.2): the job is followed further, else the
 * token's pending changes are read. Time is a TestClock: a deadline passes because the clock says
 * so, and a held emulator job ends when the test releases it.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { DynectSession, createRecord, isDynError, publishZone, type DynError } from "../../provider/sdk/index";
import { TestClock } from "../helpers/test-clock";
import { caught, emulator, freshSession, sessionOptions, teardown } from "./helpers";

describe("publish outcome: never 'failed' for a zone that went live", () => {
  let emu: RunningEmulator;
  let zone: string;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));
  beforeEach(async () => {
    ({ zone } = await freshSession(emu, "pub"));
  });

  function published(): string[] {
    const z = emu.control.state().zones[zone] as { records: { fqdn: string; record_type: string }[] };
    return z.records.filter((r) => r.record_type === "A").map((r) => r.fqdn);
  }

  /** A session on `clock` with one pending record in the zone. */
  async function sessionWithPendingChange(clock: TestClock): Promise<DynectSession> {
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { clock, jobDeadlineMs: 300 } }));
    await createRecord(s, "A", zone, `www.${zone}`, { address: "192.0.2.1" }, 300);
    return s;
  }

  it("a publish job that outlives the deadline is followed further, for several deadlines: the caller hears success", async () => {
    const clock = new TestClock();
    const s = await sessionWithPendingChange(clock);
    emu.control.slow({ mode: "redirect", match: `PUT /REST/Zone/${zone}`, jobMs: 0, hold: true, count: 1 });
    // The job ends only after three deadlines (300 ms each on the test clock) have passed.
    clock.after(1_000, () => emu.control.releaseJobs());
    const result = await publishZone(s, zone);
    assert.ok(result.serial > 0);
    assert.deepEqual(published(), [`www.${zone}`]);
    assert.ok(clock.elapsed() > 900, "three deadlines did pass");
  });

  it("a publish job still running after every further wait (5 more deadlines): 'outcome unknown', not retryable — never a plain failure", async () => {
    const clock = new TestClock();
    const s = await sessionWithPendingChange(clock);
    emu.control.slow({ mode: "redirect", match: `PUT /REST/Zone/${zone}`, jobMs: 0, hold: true, count: 1 });
    const e = (await caught(() => publishZone(s, zone))) as DynError;
    assert.ok(isDynError(e, "JOB_TIMEOUT"), String(e));
    assert.equal(e.retryable, false);
    assert.match(e.message, /outcome unknown/);
    emu.control.releaseJobs();
  });

  it("contact lost after the server published (every attempt): resolved by the token's pending changes — published", async () => {
    const s = await sessionWithPendingChange(new TestClock());
    emu.control.setFaults({ failNext: { count: 4, mode: "reset-after", match: `PUT /REST/Zone/${zone}` } });
    const result = await publishZone(s, zone);
    assert.ok(result.serial > 0);
    assert.deepEqual(published(), [`www.${zone}`]);
  });

  it("contact lost before the server published (every attempt): the changes are still pending — a definite failure", async () => {
    const s = await sessionWithPendingChange(new TestClock());
    emu.control.setFaults({ failNext: { count: 4, mode: "reset-before", match: `PUT /REST/Zone/${zone}` } });
    const e = (await caught(() => publishZone(s, zone))) as DynError;
    assert.ok(isDynError(e, "API_ERROR"), String(e));
    assert.match(e.message, /^Publish of zone \S+ did not happen .*: 1 change\(s\) are still pending/);
    assert.deepEqual(published(), []);
  });

  it("a job that fails is the publish's definite failure", async () => {
    const s = await sessionWithPendingChange(new TestClock());
    emu.control.slow({ mode: "redirect", match: `PUT /REST/Zone/${zone}`, jobMs: 0, count: 1 });
    emu.control.blockZone({ zone, requests: 1 });
    const e = await caught(() => publishZone(s, zone));
    assert.ok(isDynError(e, "BLOCKED_BY_TASK") || isDynError(e, "API_ERROR"), String(e));
  });
});

describe("job deadline: the poll in flight ends with it", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));

  it("a poll answered later than the deadline is aborted at the deadline (TIMEOUT), not awaited", async () => {
    const { zone } = await freshSession(emu, "abort");
    const s = DynectSession.getOrCreate(sessionOptions(emu, { engine: { jobDeadlineMs: 300, requestTimeoutMs: 60_000 } }));
    await s.login();
    // The job itself is done at once, but every answer takes 1.5 s (the POST's too, within its
    // request timeout). Without a deadline on the poll in flight its answer (success) would arrive;
    // with it, the wait ends at 300 ms with the outcome unknown.
    emu.control.slow({ mode: "redirect", match: "POST /REST/ARecord", jobMs: 0, count: 1 });
    emu.control.setFaults({ latencyMs: 1_500 });
    const e = await caught(() => s.call("POST", `/REST/ARecord/${zone}/late.${zone}/`, { rdata: { address: "192.0.2.7" }, ttl: 60 }));
    assert.ok(isDynError(e, "JOB_TIMEOUT"), String(e));
    emu.control.setFaults({ latencyMs: 0 });
  });
});
