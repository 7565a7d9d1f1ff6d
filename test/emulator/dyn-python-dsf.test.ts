/**
 * Third-party client check: dyn-python's Traffic Director classes (`dyn.tm.services.dsf`, PyPI
 * `dyn` 1.8.6, unmodified) against the emulator over plain HTTP — the one-call
 * `TrafficDirector(label, rulesets=[…])` path and the step-by-step path (python/dyn_python_dsf.py).
 * The venv is made by scripts/setup-python.mjs; a failure there fails this test loudly.
 */
import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { RunningEmulator } from "../../provider/emulator";
import { ensurePython, runPython } from "../helpers/python";
import { ACCOUNT, start } from "./helpers";

const SCRIPT = path.join(__dirname, "python/dyn_python_dsf.py");

describe("dyn-python's DSF classes against the emulator", () => {
  let emu: RunningEmulator;
  let py = "";
  before(async () => {
    py = ensurePython("py");
    emu = await start();
  });
  after(() => emu?.close());

  it("builds, reads, changes and deletes services both ways; what it reads back is what it wrote", async () => {
    const url = new URL(emu.url);
    const run = await runPython(py, [SCRIPT, url.hostname, url.port, ACCOUNT.customer, ACCOUNT.user, "DYN_TEST_PASSWORD"], { env: { DYN_TEST_PASSWORD: ACCOUNT.password }, timeoutMs: 90_000 });
    assert.equal(run.code, 0, `dyn-python DSF script failed:\n${run.stderr.slice(-4000)}`);
    const out = run.summary;
    assert.deepEqual(out.monitor_created, { id_len: 27, port: "443", host: "www.pydsf.test", protocol: "HTTPS", probe_interval: "60" });

    // path 1: one call
    assert.equal(out.one_call.id_len, 27);
    assert.equal(out.one_call.label, "www.pydsf.test.:A");
    assert.equal(out.one_call.ttl, 60);
    assert.deepEqual(out.one_call.rulesets, [
      ["north-america", "1", "geoip", { geoip: { region: ["11"], country: [], province: [] } }],
      ["europe", "2", "geoip", { geoip: { region: [], country: ["DE", "FR"], province: [] } }],
      ["default", "3", "always", { geoip: { region: [], country: [], province: [] } }],
    ]);
    assert.deepEqual(out.one_call.pools, [["na"], ["eu"], ["default", "backup.pydsf.test."]], "a {failover} entry becomes a last pool labelled with its value");
    assert.deepEqual(out.one_call_read.nodes, [{ zone: "pydsf.test", fqdn: "www.pydsf.test" }], "no trailing dots");
    assert.deepEqual(out.one_call_read.records, [
      ["192.0.2.1", 5, ""],
      ["192.0.2.2", 10, "second"],
      ["198.51.100.1", 1, ""],
      ["203.0.113.1", 1, ""],
    ]);
    assert.deepEqual(out.one_call_read.failover, [["backup.pydsf.test.", [["CNAME", ["backup.pydsf.test."]]]]]);
    assert.equal(out.one_call_read.monitor_on_na, true);
    assert.equal(out.all_records.length, 5, "DSFRecord list + one GET per record");
    assert.deepEqual(out.all_counts, { record_sets: 4, chains: 4, pools: 4, rulesets: 3 });
    assert.deepEqual(out.listed_services, ["www.pydsf.test.:A"]);
    assert.deepEqual(out.listed_www_rulesets, ["north-america", "europe", "default"]);
    assert.deepEqual(out.listed_monitor, { host: "www.pydsf.test", path: "/health", port: "443", services: true, active: "Y" });
    assert.equal(out.get_monitor, "www-https");
    assert.deepEqual(out.getters, { ruleset: "north-america", pool: "na", pool_rulesets: true, chain: "na", record_set: "2", record: "192.0.2.1" });

    // path 2: step by step
    assert.deepEqual(out.empty_service, { rulesets: 0, nodes: [{ zone: "pydsf.test", fqdn: "api.pydsf.test" }] });
    assert.deepEqual(out.step_order, [
      ["eu", "1", ["eu-pool", "default-pool"]],
      ["default", "2", ["default-pool"]],
    ], "create(index=0) inserts first; add_response_pool(index=999) appends");
    assert.equal(out.shared_pool_rulesets, true, "one pool, referenced by two rulesets, lists both");
    assert.deepEqual(out.children, { chains: ["eu-chain", "eu-chain-2"], v6: [["2001:db8::7", 3]] });
    assert.deepEqual(out.monitor_setter, { attached: true, detached: "", label: "eu-renamed" });
    assert.equal(out.unknown_monitor_refused, true);
    assert.deepEqual(out.record_update, ["198.51.100.8", 9]);
    assert.deepEqual(out.staged, { published_weight: 9, pending_read_weight: 9, pending_change: "modify", after_publish: 4 }, "a pending read flags the change on the published record");
    assert.deepEqual(out.doc_example, { after_put: "api-renamed", after_refresh: "api.pydsf.test.:A", after_publish: "api-renamed" }, "dyn-python's documented implicit-publish example");
    assert.deepEqual(out.nodes, {
      added: [
        { zone: "pydsf.test", fqdn: "api.pydsf.test" },
        { zone: "pydsf.test", fqdn: "api2.pydsf.test" },
      ],
      after_remove: [{ zone: "pydsf.test", fqdn: "api.pydsf.test" }],
      ttl: 90,
    });
    assert.deepEqual(out.reordered, ["default", "eu"]);
    assert.deepEqual(out.notifier, { linked: ["ops"], link_id: true, after_unlink: 0 });
    assert.deepEqual(out.classes, { mx: [["mail.pydsf.test.", 10]], txt: ["hello from dyn-python"] });
    assert.deepEqual(out.after_pool_delete, [
      ["default", ["default-pool"]],
      ["eu", ["default-pool"]],
    ]);
    assert.deepEqual(out.after_ruleset_delete, { rulesets: ["default"], pools: ["default-pool"] }, "a ruleset delete keeps its pools");
    assert.equal(out.deleted_pool_gone, true);
    assert.equal(out.bad_label_refused, true);
    assert.equal(out.prototype_update, "record_update: No service found.", "the live text dyn-python's docs show");
    assert.equal(out.refresh_deleted, "detail: No service found.", "the live text dyn-python's docs show");
    assert.deepEqual(out.services_left, []);
    assert.deepEqual(out.monitors_left, []);

    const m = emu.control.metrics();
    assert.ok(m.dsfPublishesTotal >= 20, `dyn-python publishes every change (${m.dsfPublishesTotal})`);
    assert.equal(m.errors.NOT_FOUND, 4, "the unknown monitor, the deleted pool, the prototype, the deleted service");
    const state = emu.control.state();
    assert.deepEqual(state.dsf.services, {}, "both services deleted");
  });
});
