/** /REST/DSF/ services over real HTTP (dynect-api.md §7.2, §7.4, §7.5): every method, path forms, argument sources. */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, OTHER_CUSTOMER, OTHER_USER, makeZone, request, start } from "./helpers";
import { DZ, aPool, assertFailure, dsfClient, firstIds, ruleset, wwwService } from "./dsf-helpers";

describe("DSF services", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
  });

  it("POST /REST/DSF/ with the whole tree answers the full service in the GET shape", async () => {
    const r = await c.call("POST", "/REST/DSF/", wwwService());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.msgs[0].INFO, "add: Here is the new service");
    const svc = r.body.data;
    assert.match(svc.service_id, /^[A-Za-z0-9_-]{27}$/);
    assert.deepEqual(
      { label: svc.label, ttl: svc.ttl, active: svc.active, pending_change: svc.pending_change, nodes: svc.nodes, notifiers: svc.notifiers },
      { label: "www.td.test.:A", ttl: "300", active: "Y", pending_change: "", nodes: [{ zone: DZ, fqdn: `www.${DZ}` }], notifiers: [] },
    );
    assert.deepEqual(
      svc.rulesets.map((rs: any) => [rs.label, rs.ordering, rs.criteria_type, rs.criteria, rs.response_pools.map((p: any) => p.label)]),
      [
        ["us", "1", "geoip", { geoip: { region: [], country: ["US"], province: [] } }, ["us"]],
        ["default", "2", "always", { geoip: { region: [], country: [], province: [] } }, ["default"]],
      ],
    );
    const us = svc.rulesets[0].response_pools[0];
    assert.deepEqual(
      us.rs_chains[0].record_sets[0].records.map((rec: any) => [rec.master_line, rec.weight, rec.rdata[0].data.rdata_a.address]),
      [
        ["192.0.2.1", 1, "192.0.2.1"],
        ["192.0.2.2", 1, "192.0.2.2"],
      ],
    );
    assert.deepEqual(us.rulesets.map((b: any) => [b.dsf_ruleset_id, b.response_pools]), [[svc.rulesets[0].dsf_ruleset_id, []]], "pool back-reference");
    // the same tree on GET, in both path forms, and in the list with detail
    const get = await c.ok("GET", `/REST/DSF/${svc.service_id}/`);
    assert.deepEqual(get, svc);
    assert.deepEqual(await c.ok("GET", `/REST/DSF/${svc.service_id}`), svc);
    assert.deepEqual(await c.ok("GET", "/REST/DSF/?detail=Y"), [svc]);
    assert.deepEqual(await c.ok("GET", "/REST/DSF", { detail: "Y" }), [svc], "detail from the JSON body of a GET");
    assert.deepEqual(await c.ok("GET", "/REST/DSF/"), [`/REST/DSF/${svc.service_id}/`], "without detail: URIs");
    const one = await c.call("GET", `/REST/DSF/${svc.service_id}/`, { pending_changes: "Y" });
    assert.equal(one.body.msgs[0].INFO, "detail: Here is your service");
  });

  it("a service with no rulesets still carries rulesets, nodes and notifiers arrays (§7.6)", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", { label: "empty", publish: "Y" });
    assert.deepEqual([svc.rulesets, svc.nodes, svc.notifiers, svc.ttl], [[], [], [], "30"], "TTL defaults to 30");
  });

  it("PUT label and ttl; reorder rulesets with a permutation; DELETE is immediate without publish", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const ids = svc.rulesets.map((r: any) => r.dsf_ruleset_id);
    const renamed = await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { label: "renamed", ttl: "120", publish: "Y" });
    assert.deepEqual([renamed.label, renamed.ttl], ["renamed", "120"]);
    const rec = renamed.rulesets[0].response_pools[0].rs_chains[0].record_sets[0];
    assert.deepEqual([rec.ttl, rec.ttl_derived, rec.records[0].ttl], ["", "120", "120"], "record sets and records inherit the service TTL");
    const reordered = await c.ok("PUT", `/REST/DSF/${svc.service_id}`, { rulesets: [{ dsf_ruleset_id: ids[1] }, { dsf_ruleset_id: ids[0] }], publish: "Y" });
    assert.deepEqual(
      reordered.rulesets.map((r: any) => [r.label, r.ordering]),
      [
        ["default", "1"],
        ["us", "2"],
      ],
    );
    for (const bad of [[{ dsf_ruleset_id: ids[0] }], [{ dsf_ruleset_id: ids[0] }, { dsf_ruleset_id: ids[0] }], [{ dsf_ruleset_id: ids[0] }, { dsf_ruleset_id: "nope" }], [{ label: "x" }, { label: "y" }]]) {
      assertFailure(await c.call("PUT", `/REST/DSF/${svc.service_id}/`, { rulesets: bad, publish: "Y" }), 400, "INVALID_DATA", /^rulesets: must list every ruleset/);
    }
    const del = await c.call("DELETE", `/REST/DSF/${svc.service_id}/`, {});
    assert.equal(del.status, 200);
    assert.deepEqual(del.body.data, {});
    assertFailure(await c.call("GET", `/REST/DSF/${svc.service_id}/`), 404, "NOT_FOUND", /^detail: No service found$/);
    assert.deepEqual(await c.ok("GET", "/REST/DSF/"), []);
    assert.deepEqual(emu.control.state().dsf.services, {});
  });

  it("remove_orphans deletes record sets in no failover chain, nothing else", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const orphan = await c.ok("POST", `/REST/DSFRecordSet/${svc.service_id}/`, { rdata_class: "A", label: "orphan", records: [{ rdata: { a_rdata: { address: "192.0.2.99" } } }], publish: "Y" });
    const before = await c.ok("GET", `/REST/DSFRecordSet/${svc.service_id}/`, { detail: "Y" });
    assert.equal(before.length, 3);
    await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { remove_orphans: "Y", publish: "Y" });
    const after = await c.ok("GET", `/REST/DSFRecordSet/${svc.service_id}/`, { detail: "Y" });
    assert.deepEqual(after.map((s: any) => s.label).sort(), ["default", "us"]);
    assertFailure(await c.call("GET", `/REST/DSFRecordSet/${svc.service_id}/${orphan.dsf_record_set_id}/`), 404, "NOT_FOUND", /^dsf_record_set_id: No such record set/);
    assert.equal((await c.ok("GET", `/REST/DSFRecord/${svc.service_id}/`, { detail: "Y" })).length, 3, "its record went with it");
  });

  it("notifiers: linked at creation and with add_notifier, shown as {link_id, active, notifier}, unlinked with remove_notifier", async () => {
    const n = await c.ok("POST", "/REST/Notifier/", { label: "ops", recipients: [{ recipient: "ops@example.net", format: "email" }] });
    const svc = await c.ok("POST", "/REST/DSF/", wwwService({ notifiers: [{ notifier_id: n.notifier_id }] }));
    assert.equal(svc.notifiers.length, 1);
    const [link] = svc.notifiers;
    assert.match(link.link_id, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(link.notifier, { notifier_id: n.notifier_id, label: "ops", recipients: [{ format: "email", recipient: "ops@example.net" }], active: "Y" });
    const second = await c.ok("POST", "/REST/Notifier/", { label: "second" });
    const two = await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { add_notifier: true, notifier_id: second.notifier_id });
    assert.deepEqual(two.notifiers.map((l: any) => l.notifier.label), ["ops", "second"]);
    const one = await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { remove_notifier: true, link_id: link.link_id });
    assert.deepEqual(one.notifiers.map((l: any) => l.notifier.label), ["second"]);
    assertFailure(await c.call("PUT", `/REST/DSF/${svc.service_id}/`, { remove_notifier: true, link_id: link.link_id }), 404, "NOT_FOUND", /^link_id: /);
    assertFailure(await c.call("PUT", `/REST/DSF/${svc.service_id}/`, { add_notifier: true, notifier_id: "nope" }), 404, "NOT_FOUND", /^notifier_id: No such notifier/);
    assertFailure(await c.call("POST", "/REST/DSF/", wwwService({ notifiers: [{ notifier_id: "nope" }] })), 404, "NOT_FOUND", /^notifier_id: /);
    // the notifier lists the services it is linked to; deleting it unlinks it everywhere
    assert.deepEqual((await c.ok("GET", `/REST/Notifier/${second.notifier_id}/`)).services, [{ service_class: "DSF", service_id: svc.service_id, active: "Y" }]);
    await c.ok("DELETE", `/REST/Notifier/${second.notifier_id}/`);
    assert.deepEqual((await c.ok("GET", `/REST/DSF/${svc.service_id}/`)).notifiers, []);
  });

  it("services belong to the customer: other users of the account see them, other customers get 404", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    const bob = new Client(emu.url, OTHER_USER);
    await bob.login();
    assert.equal((await bob.ok("GET", `/REST/DSF/${svc.service_id}/`)).label, "www.td.test.:A");
    const hank = new Client(emu.url, OTHER_CUSTOMER);
    await hank.login();
    assertFailure(await hank.call("GET", `/REST/DSF/${svc.service_id}/`), 404, "NOT_FOUND", /^detail: No service found$/);
    assert.deepEqual(await hank.ok("GET", "/REST/DSF/"), []);
    assertFailure(await hank.call("DELETE", `/REST/DSF/${svc.service_id}/`), 404, "NOT_FOUND", /^service_delete: No service found$/);
    assertFailure(await hank.call("PUT", `/REST/DSFRecord/${svc.service_id}/x/`, { weight: 2 }), 404, "NOT_FOUND", /^record_update: No service found$/);
    // and their nodes must be in their own zones
    await makeZone(hank, "hank.test");
    assertFailure(await hank.call("POST", "/REST/DSF/", { label: "x", nodes: [{ zone: DZ, fqdn: `www.${DZ}` }] }), 400, "INVALID_DATA", /^zone: td\.test is not one of your zones/);
  });

  it("needs a token; wrong method/arity answers 400 INVALID_REQUEST; resource names are case-insensitive", async () => {
    const anon = await request(emu.url, "GET", "/REST/DSF/");
    assertFailure(anon, 400, "INVALID_DATA", /^login: /);
    assertFailure(await c.call("PUT", "/REST/DSF/", { label: "x" }), 400, "INVALID_REQUEST", /PUT is not supported/);
    assertFailure(await c.call("DELETE", "/REST/DSF/"), 400, "INVALID_REQUEST", /DELETE is not supported/);
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    assertFailure(await c.call("POST", `/REST/DSF/${svc.service_id}/`, {}), 400, "INVALID_REQUEST", /POST is not supported/);
    assert.equal((await c.ok("GET", `/REST/dsf/${svc.service_id}/`)).service_id, svc.service_id);
    assertFailure(await c.call("GET", `/REST/DSF/${svc.service_id}/extra/`), 404, "NOT_FOUND", /^request: Unknown resource/);
  });

  it("the metrics count requests per DSF route and every publish", async () => {
    emu.control.resetMetrics();
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { ttl: 60 });
    await c.ok("PUT", `/REST/DSF/${svc.service_id}/`, { publish: "Y" });
    const m = emu.control.metrics();
    assert.equal(m.requests["POST /REST/DSF"], 1);
    assert.equal(m.requests["PUT /REST/DSF/:service_id"], 2);
    assert.equal(m.dsfPublishesTotal, 2);
    assert.deepEqual(m.dsfPublishes, { [svc.service_id]: 2 });
    assert.equal(m.publishesTotal, 0, "zone publishes are counted apart");
  });

  it("a pool entry can reference a pool only inside the same service", async () => {
    const a = await c.ok("POST", "/REST/DSF/", wwwService());
    const b = await c.ok("POST", "/REST/DSF/", { label: "other", publish: "Y", rulesets: [ruleset("r", null, [aPool("p", ["192.0.2.5"])])] });
    const foreign = firstIds(b).pool;
    assertFailure(await c.call("POST", `/REST/DSFRuleset/${a.service_id}/`, { label: "x", criteria_type: "always", response_pools: [{ dsf_response_pool_id: foreign }], publish: "Y" }), 404, "NOT_FOUND", /^dsf_response_pool_id: No such response pool/);
  });
});
