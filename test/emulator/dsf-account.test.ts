/**
 * Account-level DSF objects over real HTTP (dynect-api.md §7.2, §7.5): `/REST/DSFMonitor/` and
 * `/REST/Notifier/` — immediate, options flattened to strings in replies, endpoints limited to the
 * four keys dyn-python accepts; plus the monitoring-state test control.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, OTHER_CUSTOMER, control, start } from "./helpers";
import { assertFailure, dsfClient, firstIds, wwwService } from "./dsf-helpers";

describe("DSF monitors and notifiers", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
  });

  const https = {
    label: "www",
    protocol: "HTTPS",
    response_count: 2,
    probe_interval: 60,
    retries: 2,
    active: "Y",
    options: { timeout: 10, port: 443, path: "/health", host: "www.td.test", header: "User-Agent: Dyn Monitor", expected: "OK" },
    endpoints: [{ address: "192.0.2.1", label: "one", active: "Y", site_prefs: ["US"] }, { address: "192.0.2.2", label: "two" }],
  };

  it("POST answers the monitor with its options flattened to strings; GET (list and item) and PUT too", async () => {
    const r = await c.call("POST", "/REST/DSFMonitor/", https);
    assert.equal(r.body.msgs[0].INFO, "add: Here is the new monitor");
    const m = r.body.data;
    assert.deepEqual(m, {
      active: "Y",
      agent_scheme: "geo",
      dsf_monitor_id: m.dsf_monitor_id,
      endpoints: [
        { address: "192.0.2.1", label: "one", active: "Y", site_prefs: ["US"] },
        { address: "192.0.2.2", label: "two", active: "Y", site_prefs: [] },
      ],
      label: "www",
      notifier: "",
      timeout: "10",
      port: "443",
      path: "/health",
      host: "www.td.test",
      header: "User-Agent: Dyn Monitor",
      expected: "OK",
      probe_interval: "60",
      protocol: "HTTPS",
      response_count: "2",
      retries: "2",
      services: [],
    });
    const list = await c.call("GET", "/REST/DSFMonitor/", { detail: "Y" });
    assert.equal(list.body.msgs[0].INFO, "DSFMonitor_get: Here are your monitors");
    assert.deepEqual(list.body.data, [{ ...m, notifier: [] }], "the recorded list has notifier []");
    assert.deepEqual(await c.ok("GET", "/REST/DSFMonitor"), [`/REST/DSFMonitor/${m.dsf_monitor_id}/`]);
    assert.deepEqual(await c.ok("GET", `/REST/DSFMonitor/${m.dsf_monitor_id}`), { ...m, notifier: [] });
    // octoDNS's update: protocol plus the options it uses; options merge key by key
    const put = await c.ok("PUT", `/REST/DSFMonitor/${m.dsf_monitor_id}/`, { protocol: "HTTP", options: { host: "api.td.test", path: "/", port: "80", timeout: 10, header: "X: y" } });
    assert.deepEqual([put.protocol, put.host, put.path, put.port, put.expected, put.notifier], ["HTTP", "api.td.test", "/", "80", "OK", ""]);
    const renamed = await c.ok("PUT", `/REST/DSFMonitor/${m.dsf_monitor_id}/`, { label: "renamed", active: false, endpoints: [] });
    assert.deepEqual([renamed.label, renamed.active, renamed.endpoints, renamed.host], ["renamed", "N", [], "api.td.test"]);
    // the flattened spellings of the replies are accepted in requests as well
    const flat = await c.ok("PUT", `/REST/DSFMonitor/${m.dsf_monitor_id}/`, { port: 8080 });
    assert.equal(flat.port, "8080");
  });

  it("validates protocol, counts, options and endpoints", async () => {
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { protocol: "HTTPS" }), 400, "MISSING_DATA", /^label: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m" }), 400, "MISSING_DATA", /^protocol: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "FTP" }), 400, "INVALID_DATA", /^protocol: must be one of HTTP, HTTPS, PING, SMTP, TCP/);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", response_count: 3 }), 400, "INVALID_DATA", /^response_count: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", probe_interval: 0 }), 400, "INVALID_DATA", /^probe_interval: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", options: { port: 70000 } }), 400, "INVALID_DATA", /^port: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", options: "port=1" }), 400, "INVALID_DATA", /^options: must be an object/);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", endpoints: [{ label: "no address" }] }), 400, "MISSING_DATA", /^endpoints\.address: /);
    assertFailure(await c.call("POST", "/REST/DSFMonitor/", { label: "m", protocol: "TCP", active: "maybe" }), 400, "INVALID_DATA", /^active: /);
    assertFailure(await c.call("GET", "/REST/DSFMonitor/nope/"), 404, "NOT_FOUND", /^dsf_monitor_id: No such monitor nope/);
    assert.deepEqual(await c.ok("GET", "/REST/DSFMonitor/"), [], "nothing created");
    const lower = await c.ok("POST", "/REST/DSFMonitor/", { label: "m", protocol: "ping" });
    assert.deepEqual([lower.protocol, lower.port, lower.response_count, lower.probe_interval, lower.retries], ["PING", "", "2", "60", "2"], "defaults where absent");
  });

  it("monitors are per customer, immediate, and cannot be deleted while record sets use them", async () => {
    const m = await c.ok("POST", "/REST/DSFMonitor/", https);
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecordSet/${svc.service_id}/${ids.set}/`, { dsf_monitor_id: m.dsf_monitor_id, publish: "Y" });
    assert.deepEqual((await c.ok("GET", `/REST/DSFMonitor/${m.dsf_monitor_id}/`)).services, [svc.service_id]);
    const inUse = await c.call("DELETE", `/REST/DSFMonitor/${m.dsf_monitor_id}/`, {});
    assertFailure(inUse, 400, "ILLEGAL_OPERATION", new RegExp(`^dsf_monitor_id: The monitor is used by service ${svc.service_id}`));
    const hank = new Client(emu.url, OTHER_CUSTOMER);
    await hank.login();
    assert.deepEqual(await hank.ok("GET", "/REST/DSFMonitor/"), []);
    assertFailure(await hank.call("GET", `/REST/DSFMonitor/${m.dsf_monitor_id}/`), 404, "NOT_FOUND", /^dsf_monitor_id: /);
    assertFailure(await hank.call("POST", "/REST/DSF/", { label: "x", rulesets: [{ label: "r", response_pools: [{ label: "p", rs_chains: [{ label: "c", record_sets: [{ rdata_class: "A", dsf_monitor_id: m.dsf_monitor_id }] }] }] }], publish: "Y" }), 404, "NOT_FOUND", /^dsf_monitor_id: /);
    await c.ok("DELETE", `/REST/DSF/${svc.service_id}/`);
    await c.ok("DELETE", `/REST/DSFMonitor/${m.dsf_monitor_id}`);
    assert.deepEqual(emu.control.state().dsf.monitors, {});
  });

  it("notifiers: POST/GET/PUT/DELETE; DSF services entries link the notifier to those services", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const created = await c.call("POST", "/REST/Notifier/", {
      label: "ops",
      recipients: [{ recipient: "ops@example.net", format: "email", features: ["detailed"] }, "oncall"],
      services: [{ service_class: "DSF", service_id: svc.service_id }, { service_class: "Monitor", service_id: "m1" }],
    });
    assert.equal(created.status, 200, created.text);
    const n = created.body.data;
    assert.deepEqual(n, {
      notifier_id: n.notifier_id,
      label: "ops",
      recipients: [
        { format: "email", recipient: "ops@example.net", features: ["detailed"] },
        { format: "email", recipient: "oncall" },
      ],
      active: "Y",
      services: [
        { service_class: "DSF", service_id: svc.service_id, active: "Y" },
        { service_class: "Monitor", service_id: "m1", active: "Y" },
      ],
    });
    assert.deepEqual((await c.ok("GET", `/REST/DSF/${svc.service_id}/`)).notifiers.map((l: any) => l.notifier.notifier_id), [n.notifier_id]);
    assert.deepEqual(await c.ok("GET", "/REST/Notifier/", { detail: "Y" }), [n]);
    assert.deepEqual(await c.ok("GET", "/REST/Notifier/"), [`/REST/Notifier/${n.notifier_id}/`]);
    const put = await c.ok("PUT", `/REST/Notifier/${n.notifier_id}/`, { label: "ops2", services: [] });
    assert.deepEqual([put.label, put.services], ["ops2", []]);
    assert.deepEqual((await c.ok("GET", `/REST/DSF/${svc.service_id}/`)).notifiers, [], "unlinked by the PUT");
    assertFailure(await c.call("POST", "/REST/Notifier/", { recipients: ["x"] }), 400, "MISSING_DATA", /^label: /);
    assertFailure(await c.call("POST", "/REST/Notifier/", { label: "x", services: [{ service_class: "GSLB", service_id: "1" }] }), 400, "INVALID_DATA", /^services\.service_class: /);
    assertFailure(await c.call("POST", "/REST/Notifier/", { label: "x", services: [{ service_class: "DSF", service_id: "nope" }] }), 404, "NOT_FOUND", /^service_add: No service found$/);
    assertFailure(await c.call("POST", "/REST/Notifier/", { label: "x", recipients: [{ format: "email" }] }), 400, "INVALID_DATA", /^recipients: /);
    await c.ok("DELETE", `/REST/Notifier/${n.notifier_id}/`);
    assertFailure(await c.call("GET", `/REST/Notifier/${n.notifier_id}/`), 404, "NOT_FOUND", /^notifier_id: /);
  });

  it("POST /__emulator/dsf-monitoring: records report status and the eligibility their automation gives, never as a pending change", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const S = svc.service_id;
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { automation: "manual", publish: "Y" });
    const down = await control(emu.url, "POST", "dsf-monitoring", { serviceId: S, status: "down" });
    assert.deepEqual(down, { ok: true, records: 3 });
    const recs = async () => (await c.ok("GET", `/REST/DSFRecord/${S}/`, { detail: "Y" })).map((r: any) => [r.master_line, r.status, r.eligible, r.torpidity]);
    assert.deepEqual(await recs(), [
      ["192.0.2.1", "down", "true", 4294967295],
      ["192.0.2.2", "down", "false", 4294967295],
      ["203.0.113.1", "down", "false", 4294967295],
    ], "manual keeps its eligibility, auto turns ineligible");
    await control(emu.url, "POST", "dsf-monitoring", { serviceId: S, address: "192.0.2.2", status: "up" });
    const up = (await recs())[1];
    assert.deepEqual(up, ["192.0.2.2", "up", "true", 0]);
    const set = await c.ok("GET", `/REST/DSFRecordSet/${S}/${ids.set}/`);
    assert.match(set.last_monitored, /^[1-9]\d+$/);
    assert.equal(emu.control.state().dsf.services[S].pending, 0);
    const bad = await c.call("POST", "/__emulator/dsf-monitoring", { status: "sideways" });
    assert.equal(bad.status, 400);
  });
});
