/**
 * Publish semantics of dynect-api.md §7.3 over real HTTP: `publish` Y/N and its defaults,
 * `pending_change` add/modify/remove, `pending_changes=Y` reads, publish, revert, and the emulator's
 * choice that a service has one change set shared by every session of the customer.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, OTHER_USER, control, start } from "./helpers";
import { aPool, aRecord, dsfClient, firstIds, wwwService } from "./dsf-helpers";

describe("DSF publish, pending changes, revert", () => {
  let emu: RunningEmulator;
  let c: Client;
  let svc: any;
  let S: string;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
    svc = await c.ok("POST", "/REST/DSF/", wwwService());
    S = svc.service_id;
    emu.control.resetMetrics();
  });
  const published = () => c.ok("GET", `/REST/DSF/${S}/`);
  const pending = () => c.ok("GET", `/REST/DSF/${S}/`, { pending_changes: "Y" });
  const state = () => emu.control.state().dsf.services[S];

  it("publish N stages: the published tree is unchanged, pending reads show add/modify/remove, one publish applies all", async () => {
    const before = await published();
    const ids = firstIds(svc);
    // modify a record, add a ruleset, remove the default ruleset — all staged
    const rec = await c.call("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 9, publish: "N" });
    assert.equal(rec.body.data.weight, 9, "the reply shows the change");
    assert.equal(rec.body.data.pending_change, "modify");
    assert.deepEqual(
      rec.body.msgs.map((m: any) => m.INFO),
      ["update: Here is the updated record", "publish: Changes are pending until the service is published"],
    );
    const added = await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "eu", criteria_type: "geoip", criteria: { geoip: { region: "13" } }, response_pools: [aPool("eu", ["198.51.100.1"])], publish: "N" });
    assert.equal(added.pending_change, "add");
    assert.equal(added.response_pools[0].pending_change, "add");
    const defaultRs = svc.rulesets[1].dsf_ruleset_id;
    await c.ok("DELETE", `/REST/DSFRuleset/${S}/${defaultRs}/`, { publish: "N" });

    assert.deepEqual(await published(), before, "reads without pending_changes see the published service");
    assert.equal(state().pending > 0, true);
    assert.deepEqual(state().service, before, "/__emulator/state shows the published tree");
    const p = await pending();
    assert.equal(p.pending_change, "modify", "the ruleset order changed");
    assert.deepEqual(
      p.rulesets.map((r: any) => [r.label, r.pending_change]),
      [
        ["us", ""],
        ["default", "remove"],
        ["eu", "add"],
      ],
      "the published tree with the change set flagged: marks are about an object's own fields (us only changed below), added objects come after the published ones",
    );
    const staged = p.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0];
    assert.deepEqual([staged.pending_change, staged.weight], ["modify", 1], "a modified object keeps its published values in a pending read");
    assert.equal(p.rulesets[0].response_pools[0].pending_change, "", "objects that did not change stay \"\"");
    assert.deepEqual(p.rulesets[2].response_pools.map((x: any) => [x.label, x.pending_change]), [["eu", "add"]]);
    // sub-object reads honour pending_changes too
    assert.deepEqual(await c.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`), (before.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0]));
    const flagged = await c.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`, { pending_changes: "Y" });
    assert.deepEqual([flagged.weight, flagged.pending_change], [1, "modify"]);
    assert.equal((await c.call("GET", `/REST/DSFRuleset/${S}/${added.dsf_ruleset_id}/`)).status, 404, "a staged new object is not published yet");
    assert.deepEqual((await c.ok("GET", `/REST/DSFRuleset/${S}/${added.dsf_ruleset_id}/`, { pending_changes: "Y" })).pending_change, "add");

    assert.equal(emu.control.metrics().dsfPublishesTotal, 0);
    const pub = await c.call("PUT", `/REST/DSF/${S}/`, { publish: "Y", notes: "eu rollout" });
    assert.equal(pub.body.msgs[0].INFO, "publish: Service published");
    assert.equal(pub.body.msgs.length, 1);
    const after = await published();
    assert.deepEqual(after, await pending(), "after publish both views agree");
    assert.deepEqual(after.rulesets.map((r: any) => [r.label, r.ordering, r.pending_change]), [
      ["us", "1", ""],
      ["eu", "2", ""],
    ]);
    assert.equal(state().pending, 0);
    assert.equal(emu.control.metrics().dsfPublishesTotal, 1, "one publish");
    const notes = await c.ok("POST", "/REST/ZoneNoteReport/", { zone: "td.test" });
    assert.equal(notes[0].note, "eu rollout", "publish notes go to the attached zones");
  });

  it("revert discards the change set; revert with publish Y reverts and publishes", async () => {
    const before = await published();
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFResponsePool/${S}/${ids.pool}/`, { label: "changed", publish: "N" });
    await c.ok("PUT", `/REST/DSF/${S}/`, { ttl: 5, publish: "N" });
    await c.ok("POST", `/REST/DSFNode/${S}`, { node: { zone: "td.test", fqdn: "more.td.test" }, publish: "N" });
    const p = await pending();
    assert.deepEqual([p.ttl, p.nodes.length, p.pending_change], ["300", 1, "modify"], "service fields stay published in reads, flagged");
    assert.deepEqual(p.rulesets[0].response_pools[0].pending_change, "modify");
    assert.equal((await c.ok("GET", `/REST/DSFNode/${S}`, { pending_changes: "Y" })).length, 1);
    const r = await c.call("PUT", `/REST/DSF/${S}/`, { revert: true });
    assert.equal(r.body.msgs[0].INFO, "revert: Pending changes discarded");
    assert.equal(r.body.msgs.length, 1, "nothing pending any more");
    assert.deepEqual(await pending(), before);
    assert.equal(state().pending, 0);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 4, publish: "N" });
    await c.ok("PUT", `/REST/DSF/${S}/`, { revert: true, publish: "Y" });
    assert.deepEqual(await published(), before);
    assert.equal(emu.control.metrics().dsfPublishesTotal, 1);
  });

  it("publish absent: sub-object changes and the service POST are staged; service DELETE, monitors and notifiers are immediate", async () => {
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 2 });
    assert.equal((await c.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`)).weight, 1, "staged");
    await c.ok("PUT", `/REST/DSF/${S}/`, { publish: "y" });
    assert.equal((await c.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`)).weight, 2, "publish is case-insensitive");
    // a service created without publish exists as an empty shell until its first publish
    const draft = await c.ok("POST", "/REST/DSF/", wwwService({ label: "draft", publish: undefined, nodes: [{ zone: "td.test", fqdn: "draft.td.test" }] }));
    assert.equal(draft.pending_change, "add");
    assert.equal(draft.rulesets[0].pending_change, "add");
    const shell = await c.ok("GET", `/REST/DSF/${draft.service_id}/`);
    assert.deepEqual([shell.label, shell.rulesets, shell.nodes], ["draft", [], []]);
    assert.equal(emu.control.state().dsf.services[draft.service_id].published, false);
    assert.ok(!(await c.ok("GET", "/REST/NodeList/td.test/")).includes("draft.td.test"), "not a node before the publish");
    await c.ok("PUT", `/REST/DSF/${draft.service_id}/`, { publish: "Y" });
    assert.ok((await c.ok("GET", "/REST/NodeList/td.test/")).includes("draft.td.test"));
    assert.equal((await c.ok("GET", `/REST/DSF/${draft.service_id}/`)).rulesets.length, 2);
    assert.equal(emu.control.state().dsf.services[draft.service_id].published, true);
    // immediate ones
    const mon = await c.ok("POST", "/REST/DSFMonitor/", { label: "m", protocol: "PING" });
    assert.equal((await c.ok("GET", "/REST/DSFMonitor/", { detail: "Y" })).length, 1);
    await c.ok("PUT", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`, { label: "m2" });
    assert.equal((await c.ok("GET", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`)).label, "m2");
    await c.ok("DELETE", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`, {});
    assert.deepEqual(await c.ok("GET", "/REST/DSFMonitor/"), []);
    await c.ok("DELETE", `/REST/DSF/${draft.service_id}/`, { publish: "N" });
    assert.equal((await c.call("GET", `/REST/DSF/${draft.service_id}/`)).status, 404, "service DELETE ignores publish");
  });

  it("a staged delete of a whole subtree shows every removed object as remove", async () => {
    const ids = firstIds(svc);
    await c.ok("DELETE", `/REST/DSFResponsePool/${S}/${ids.pool}/`, { publish: "N" });
    const p = await pending();
    const us = p.rulesets[0];
    assert.equal(us.pending_change, "modify", "its pool list changed");
    assert.deepEqual(us.response_pools.map((x: any) => [x.label, x.pending_change]), [["us", "remove"]]);
    const chain = us.response_pools[0].rs_chains[0];
    assert.deepEqual([chain.pending_change, chain.record_sets[0].pending_change, chain.record_sets[0].records.map((r: any) => r.pending_change)], ["remove", "remove", ["remove", "remove"]]);
    assert.equal((await c.ok("GET", `/REST/DSFResponsePool/${S}/`, { detail: "Y", pending_changes: "Y" })).find((x: any) => x.label === "us").pending_change, "remove");
    await c.ok("PUT", `/REST/DSF/${S}/`, { publish: "Y" });
    assert.deepEqual((await published()).rulesets[0].response_pools, []);
  });

  it("the change set is the service's: another session sees it, publishes it; logout keeps it", async () => {
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { label: "staged by alice", publish: "N" });
    await c.ok("DELETE", "/REST/Session/");
    const bob = new Client(emu.url, OTHER_USER);
    await bob.login();
    assert.equal((await bob.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`, { pending_changes: "Y" })).pending_change, "modify");
    await bob.ok("PUT", `/REST/DSF/${S}/`, { publish: "Y" });
    assert.equal((await bob.ok("GET", `/REST/DSFRecord/${S}/${ids.record}/`)).label, "staged by alice");
  });

  it("a publish Y on one change publishes everything pending on the service", async () => {
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 7, publish: "N" });
    await c.ok("POST", `/REST/DSFRecord/${S}/${ids.set}/`, { ...aRecord("192.0.2.3"), publish: "Y" });
    const recs = (await published()).rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records;
    assert.deepEqual(recs.map((r: any) => [r.master_line, r.weight]), [
      ["192.0.2.1", 7],
      ["192.0.2.2", 1],
      ["192.0.2.3", 1],
    ]);
    assert.equal(state().pending, 0);
  });

  it("POST /__emulator/dsf-fail-publish: a failing publish applies nothing of its request; a revert leaves the published service as it was", async () => {
    const before = await published();
    const ids = firstIds(svc);
    await c.ok("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 5, publish: "N" });
    emu.control.dsfFailPublish({ count: 2 });
    const r = await c.call("PUT", `/REST/DSFRecordSet/${S}/${ids.set}/`, { label: "with publish", publish: "Y" });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.msgs.map((m: any) => [m.ERR_CD, m.INFO]), [
      ["OPERATION_FAILED", "publish: The service could not be published; nothing of this request was applied"],
      [null, "update: The record set was not updated"],
    ]);
    assert.equal((await c.ok("GET", `/REST/DSFRecordSet/${S}/${ids.set}/`, { pending_changes: "Y" })).pending_change, "", "the label change was not staged either");
    assert.equal((await c.call("PUT", `/REST/DSF/${S}/`, { publish: "Y" })).body.msgs[0].ERR_CD, "OPERATION_FAILED");
    assert.equal(state().pending, 1, "what was staged before stays staged");
    assert.deepEqual(await published(), before);
    await c.ok("PUT", `/REST/DSF/${S}/`, { revert: true });
    assert.equal(state().pending, 0);
    assert.deepEqual(state().service, before, "nothing half-applied");
    assert.equal(emu.control.metrics().dsfPublishesTotal, 0);
    await control(emu.url, "POST", "dsf-fail-publish", {});
    assert.equal((await c.call("POST", "/REST/DSF/", wwwService({ label: "x" }))).status, 400, "a whole-service POST with publish fails too, and creates nothing");
    assert.deepEqual(Object.keys(emu.control.state().dsf.services), [S]);
    assert.equal((await c.call("POST", "/REST/DSF/", wwwService({ label: "x" }))).status, 200, "the count is used up");
  });

  it("a refused request changes nothing, staged or not", async () => {
    const before = await pending();
    const ids = firstIds(svc);
    const r = await c.call("POST", `/REST/DSFRuleset/${S}/`, {
      label: "bad",
      criteria_type: "always",
      response_pools: [aPool("fine", ["192.0.2.9"]), aPool("broken", ["192.0.2.10"], { records: [aRecord("192.0.2.10", { weight: 99 })] })],
      publish: "Y",
    });
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.body.msgs.map((m: any) => [m.INFO, m.ERR_CD]),
      [
        ["weight: must be an integer from 1 to 15", "INVALID_DATA"],
        ["add: The ruleset was not created", null],
      ],
    );
    assert.equal((await c.call("PUT", `/REST/DSF/${S}/`, { label: "ok", ttl: "x", publish: "Y" })).status, 400);
    assert.equal((await c.call("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 1, publish: "maybe" })).status, 400);
    assert.deepEqual(await pending(), before);
    assert.equal(emu.control.metrics().dsfPublishesTotal, 0);
    assert.deepEqual((await c.ok("GET", `/REST/DSFResponsePool/${S}/`, { detail: "Y", pending_changes: "Y" })).map((p: any) => p.label).sort(), ["default", "us"]);
  });
});
