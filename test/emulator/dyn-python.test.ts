/**
 * Third-party client check: dyn-python (the official DynECT SDK, PyPI `dyn`) against the emulator
 * over plain HTTP. The virtualenv (<repo>/.tools/py, gitignored) is made by scripts/setup-python.mjs
 * (test/helpers/python.ts) — a failure there fails this test loudly.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { RunningEmulator } from "../../provider/emulator";
import { ensurePython, runPython } from "../helpers/python";
import { ACCOUNT, start } from "./helpers";

const SCRIPT = path.join(__dirname, "python/dyn_python_check.py");
let PY = "";

describe("dyn-python against the emulator", () => {
  let emu: RunningEmulator;
  before(async () => {
    PY = ensurePython();
    emu = await start();
  });
  after(() => emu?.close());

  it("logs in, creates a zone, adds records, publishes, reads back, updates, follows a job redirect, survives a reset, backs off a blocked zone", async () => {
    const url = new URL(emu.url);
    const run = await runPython(PY, [SCRIPT, url.hostname, url.port, ACCOUNT.customer, ACCOUNT.user, "DYN_TEST_PASSWORD"], { env: { DYN_TEST_PASSWORD: ACCOUNT.password } });
    assert.equal(run.code, 0, `dyn-python script failed:\n${run.stderr}`);
    const out = run.summary;
    assert.equal(out.logged_in, true);
    assert.equal(out.created_serial, 0);
    assert.equal(out.serial_after_publish, 1);
    assert.deepEqual(out.types, ["a_records", "cname_records", "mx_records", "ns_records", "soa_records", "srv_records", "txt_records"]);
    assert.deepEqual(out.a, [
      ["192.0.2.10", 300],
      ["192.0.2.11", 60],
    ]);
    assert.deepEqual(out.mx, [["mail.pyclient.test.", 10]]);
    assert.deepEqual(out.txt, ["v=spf1 -all"]);
    assert.deepEqual(out.cname, ["www.pyclient.test."]);
    assert.deepEqual(out.srv, [[5060, 10, "sip.pyclient.test.", 5]]);
    assert.equal(out.ns_count, 4);
    assert.deepEqual(out.a_after_update, ["192.0.2.11", "192.0.2.12"]);
    assert.deepEqual(out.a_ids_after_update, out.a_ids, "update in place keeps ids");
    assert.equal(out.duplicate_refused, true);
    assert.deepEqual(out.a_via_job, ["192.0.2.11", "192.0.2.12"]);
    assert.equal(out.zone_after_reset, 2);
    assert.equal(out.serial_after_blocked_publish, 3);
    assert.deepEqual(out.zones, ["pyclient.test"]);
    assert.equal(out.logged_out, true);
    const m = emu.control.metrics();
    assert.equal(m.logins, 1, "the reset was retried on the same token, no re-login");
    assert.equal(m.logouts, 1);
    assert.equal(m.publishesTotal, 3);
    assert.equal(m.requests["GET /REST/Job/:job_id"], 1);
    assert.equal(m.errors.ECONNRESET, 1);
    const state = emu.control.state().zones["pyclient.test"] as { serial: number; records: { record_type: string }[] };
    assert.equal(state.serial, 3);
    assert.equal(state.records.filter((r) => r.record_type === "A").length, 2);
  });
});
