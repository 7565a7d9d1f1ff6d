/**
 * The levels below a service over real HTTP (dynect-api.md §7.2): rulesets, response pools,
 * failover chains, record sets, records — each method, the 3-segment path forms, cascades and
 * detaches, back-references, insert positions.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, start } from "./helpers";
import { aPool, aRecord, assertFailure, dsfClient, firstIds, ruleset, wwwService } from "./dsf-helpers";

describe("DSF rulesets, pools, chains, record sets, records", () => {
  let emu: RunningEmulator;
  let c: Client;
  let svc: any;
  let S: string;
  const Y = { publish: "Y" };
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
    svc = await c.ok("POST", "/REST/DSF/", wwwService());
    S = svc.service_id;
  });
  const labels = async () => (await c.ok("GET", `/REST/DSFRuleset/${S}/`, { detail: "Y" })).map((r: any) => [r.label, r.ordering]);

  it("rulesets: POST ordering is a 1-based insert position (≤1 first, above the count appends, absent appends)", async () => {
    await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "first", criteria_type: "always", ordering: 0, ...Y });
    await c.ok("POST", `/REST/DSFRuleset/${S}`, { label: "appended", criteria_type: "always", ...Y });
    await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "third", criteria_type: "always", ordering: "3", ...Y });
    await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "far", criteria_type: "always", ordering: 99, ...Y });
    assert.deepEqual(await labels(), [
      ["first", "1"],
      ["us", "2"],
      ["third", "3"],
      ["default", "4"],
      ["appended", "5"],
      ["far", "6"],
    ]);
    // octoDNS: ordering = max(existing)+1 for each new ruleset → each lands before the previous one
    const rs = await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "x", criteria_type: "always", criteria: null, ordering: 7, ...Y });
    assert.equal(rs.ordering, "7");
    await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "y", criteria_type: "always", ordering: 7, ...Y });
    assert.deepEqual((await labels()).slice(-2), [
      ["y", "7"],
      ["x", "8"],
    ]);
  });

  it("rulesets: GET item/list, PUT label/criteria/response_pools (refs, new pools, failover), DELETE keeps the pools", async () => {
    const ids = firstIds(svc);
    const one = await c.ok("GET", `/REST/DSFRuleset/${S}/${ids.ruleset}`);
    assert.deepEqual([one.label, one.service_id, one.response_pools.length], ["us", S, 1]);
    assert.deepEqual(await c.ok("GET", `/REST/DSFRuleset/${S}/`), svc.rulesets.map((r: any) => `/REST/DSFRuleset/${S}/${r.dsf_ruleset_id}/`));
    const defaultPool = svc.rulesets[1].response_pools[0].dsf_response_pool_id;
    const put = await c.ok("PUT", `/REST/DSFRuleset/${S}/${ids.ruleset}/`, {
      label: "north-america",
      criteria: { geoip: { region: 11, country: "CA", province: ["on", "QC"] } },
      response_pools: [{ dsf_response_pool_id: ids.pool }, aPool("extra", ["192.0.2.50"]), { dsf_response_pool_id: defaultPool }, { failover: "192.0.2.254" }, { dsf_response_pool_id: ids.pool }],
      ...Y,
    });
    assert.equal(put.label, "north-america");
    assert.deepEqual(put.criteria, { geoip: { region: ["11"], country: ["CA"], province: ["on", "QC"] } });
    assert.deepEqual(put.response_pools.map((p: any) => p.label), ["us", "extra", "default", "192.0.2.254"], "a pool listed twice keeps its first place");
    const failover = put.response_pools[3];
    assert.deepEqual(
      failover.rs_chains.map((ch: any) => [ch.label, ch.record_sets.map((s: any) => [s.rdata_class, s.label, s.records.map((r: any) => r.master_line)])]),
      [["192.0.2.254", [["A", "192.0.2.254", ["192.0.2.254"]]]]],
    );
    const shared = await c.ok("GET", `/REST/DSFResponsePool/${S}/${defaultPool}/`);
    assert.deepEqual(shared.rulesets.map((r: any) => r.label).sort(), ["default", "north-america"], "back-references to both rulesets");
    await c.ok("DELETE", `/REST/DSFRuleset/${S}/${ids.ruleset}`, Y);
    assert.deepEqual(await labels(), [["default", "1"]]);
    const pools = await c.ok("GET", `/REST/DSFResponsePool/${S}/`, { detail: "Y" });
    assert.deepEqual(pools.map((p: any) => [p.label, p.rulesets.length]).sort(), [["192.0.2.254", 0], ["default", 1], ["extra", 0], ["us", 0]], "pools are service-level and stay");
    assertFailure(await c.call("GET", `/REST/DSFRuleset/${S}/${ids.ruleset}/`), 404, "NOT_FOUND", /^dsf_ruleset_id: No such ruleset/);
  });

  it("failover entries: an IPv6 value makes AAAA, a host name CNAME; anything else is refused", async () => {
    const rs = await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "f", criteria_type: "always", response_pools: [{ failover: "2001:db8::1" }, { failover: "Backup.Example.NET" }], ...Y });
    assert.deepEqual(
      rs.response_pools.map((p: any) => [p.label, p.rs_chains[0].record_sets[0].rdata_class, p.rs_chains[0].record_sets[0].records[0].master_line]),
      [
        ["2001:db8::1", "AAAA", "2001:db8::1"],
        ["Backup.Example.NET", "CNAME", "backup.example.net."],
      ],
    );
    assertFailure(await c.call("POST", `/REST/DSFRuleset/${S}/`, { label: "f", response_pools: [{ failover: "not a host!" }], ...Y }), 400, "INVALID_DATA", /^failover: must be an IP address or a host name/);
  });

  it("pools: POST alone (service-level) or into a ruleset at `index`; PUT fields; DELETE cascades and detaches from every ruleset", async () => {
    const ids = firstIds(svc);
    const alone = await c.ok("POST", `/REST/DSFResponsePool/${S}/`, { label: "alone", core_set_count: "2", eligible: "false", automation: "manual", ...Y });
    assert.deepEqual([alone.label, alone.core_set_count, alone.eligible, alone.automation, alone.rs_chains, alone.rulesets, alone.status, alone.notifier], ["alone", "2", "false", "manual", [], [], "ok", ""]);
    const placed = await c.ok("POST", `/REST/DSFResponsePool/${S}/`, { ...aPool("placed", ["192.0.2.60"]), dsf_ruleset_id: ids.ruleset, index: 1, ...Y });
    assert.deepEqual(placed.rulesets.map((r: any) => r.dsf_ruleset_id), [ids.ruleset]);
    const rs = await c.ok("GET", `/REST/DSFRuleset/${S}/${ids.ruleset}/`);
    assert.deepEqual(rs.response_pools.map((p: any) => p.label), ["placed", "us"]);
    assertFailure(await c.call("POST", `/REST/DSFResponsePool/${S}/`, { label: "x", dsf_ruleset_id: "nope", ...Y }), 404, "NOT_FOUND", /^dsf_ruleset_id: No such ruleset/);
    const put = await c.ok("PUT", `/REST/DSFResponsePool/${S}/${ids.pool}`, { label: "us-renamed", core_set_count: 0, automation: "auto_down", ...Y });
    assert.deepEqual([put.label, put.core_set_count, put.automation, put.rs_chains.length], ["us-renamed", "0", "auto_down", 1]);
    // the pool is in two rulesets; deleting it removes it from both and takes its chains along
    await c.ok("PUT", `/REST/DSFRuleset/${S}/${svc.rulesets[1].dsf_ruleset_id}/`, { response_pools: [{ dsf_response_pool_id: ids.pool }, { dsf_response_pool_id: svc.rulesets[1].response_pools[0].dsf_response_pool_id }], ...Y });
    await c.ok("DELETE", `/REST/DSFResponsePool/${S}/${ids.pool}/`, Y);
    const after = await c.ok("GET", `/REST/DSF/${S}/`);
    assert.deepEqual(after.rulesets.map((r: any) => r.response_pools.map((p: any) => p.label)), [["placed"], ["default"]]);
    assertFailure(await c.call("GET", `/REST/DSFRecordSetFailoverChain/${S}/${ids.chain}/`), 404, "NOT_FOUND", /^dsf_record_set_failover_chain_id: /);
    assertFailure(await c.call("GET", `/REST/DSFRecordSet/${S}/${ids.set}/`), 404, "NOT_FOUND", /^dsf_record_set_id: /);
    assertFailure(await c.call("GET", `/REST/DSFRecord/${S}/${ids.record}/`), 404, "NOT_FOUND", /^dsf_record_id: /);
  });

  it("chains: POST …/<svc>/<pool_id>/ creates in that pool; GET/PUT/DELETE on the same form take the chain id", async () => {
    const ids = firstIds(svc);
    const chain = await c.ok("POST", `/REST/DSFRecordSetFailoverChain/${S}/${ids.pool}/`, {
      label: "backup",
      core: "true",
      record_sets: [{ rdata_class: "CNAME", label: "cn", records: [{ rdata: { cname_rdata: { cname: "backup.example.net" } }, weight: 200 }] }],
      ...Y,
    });
    assert.deepEqual([chain.label, chain.core, chain.dsf_response_pool_id, chain.status], ["backup", "true", ids.pool, "ok"]);
    assert.deepEqual(chain.record_sets[0].records.map((r: any) => [r.master_line, r.weight, r.endpoints]), [["backup.example.net.", 200, ["backup.example.net"]]]);
    const got = await c.ok("GET", `/REST/DSFRecordSetFailoverChain/${S}/${chain.dsf_record_set_failover_chain_id}`);
    assert.deepEqual(got, chain);
    const list = await c.ok("GET", `/REST/DSFRecordSetFailoverChain/${S}/`, { detail: "Y" });
    assert.deepEqual(list.map((ch: any) => ch.label).sort(), ["backup", "default", "us"]);
    const put = await c.ok("PUT", `/REST/DSFRecordSetFailoverChain/${S}/${chain.dsf_record_set_failover_chain_id}`, { label: "renamed", core: false, ...Y });
    assert.deepEqual([put.label, put.core, put.record_sets.length], ["renamed", "false", 1]);
    const pool = await c.ok("GET", `/REST/DSFResponsePool/${S}/${ids.pool}/`);
    assert.deepEqual(pool.rs_chains.map((ch: any) => ch.label), ["us", "renamed"]);
    await c.ok("DELETE", `/REST/DSFRecordSetFailoverChain/${S}/${chain.dsf_record_set_failover_chain_id}/`, Y);
    assert.equal((await c.ok("GET", `/REST/DSFRecordSet/${S}/`, { detail: "Y" })).length, 2, "its record sets went with it");
    assertFailure(await c.call("POST", `/REST/DSFRecordSetFailoverChain/${S}/nope/`, { label: "x", ...Y }), 404, "NOT_FOUND", /^dsf_response_pool_id: /);
    assertFailure(await c.call("POST", `/REST/DSFRecordSetFailoverChain/${S}/`, { label: "x", ...Y }), 400, "MISSING_DATA", /^dsf_response_pool_id: /);
    const viaBody = await c.ok("POST", `/REST/DSFRecordSetFailoverChain/${S}/`, { label: "via-body", dsf_response_pool_id: ids.pool, ...Y });
    assert.equal(viaBody.dsf_response_pool_id, ids.pool);
  });

  it("record sets: POST into a chain or as an orphan; monitor attach, detach with \"\", unknown id 404; rdata:null and master_line ignored", async () => {
    const ids = firstIds(svc);
    const mon = await c.ok("POST", "/REST/DSFMonitor/", { label: "m", protocol: "HTTP", options: { port: 80, path: "/" } });
    const set = await c.ok("POST", `/REST/DSFRecordSet/${S}/`, { rdata_class: "aaaa", label: "v6", ttl: 60, serve_count: 2, dsf_record_set_failover_chain_id: ids.chain, dsf_monitor_id: mon.dsf_monitor_id, records: [{ rdata: { aaaa_rdata: { address: "2001:DB8::5" } } }], ...Y });
    assert.deepEqual([set.rdata_class, set.ttl, set.ttl_derived, set.serve_count, set.dsf_monitor_id, set.records[0].rdata[0].data.rdata_aaaa.address, set.records[0].ttl], ["AAAA", "60", "60", "2", mon.dsf_monitor_id, "2001:db8::5", "60"]);
    const chain = await c.ok("GET", `/REST/DSFRecordSetFailoverChain/${S}/${ids.chain}/`);
    assert.deepEqual(chain.record_sets.map((s: any) => s.label), ["us", "v6"]);
    assert.deepEqual((await c.ok("GET", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`)).services, [S]);
    const renamed = await c.ok("PUT", `/REST/DSFRecordSet/${S}/${set.dsf_record_set_id}/`, { label: "v6b", rdata: null, ...Y });
    assert.equal(renamed.label, "v6b");
    const ml = await c.ok("PUT", `/REST/DSFRecordSet/${S}/${set.dsf_record_set_id}/`, { serve_count: 1, fail_count: 0, trouble_count: 1, ttl: "", automation: "manual", eligible: false, master_line: "2001:db8::5", ...Y });
    assert.deepEqual([ml.serve_count, ml.fail_count, ml.trouble_count, ml.ttl, ml.ttl_derived, ml.automation, ml.eligible], ["1", "0", "1", "", "300", "manual", "false"]);
    const detached = await c.ok("PUT", `/REST/DSFRecordSet/${S}/${set.dsf_record_set_id}`, { dsf_monitor_id: "", ...Y });
    assert.equal(detached.dsf_monitor_id, "");
    assert.deepEqual((await c.ok("GET", `/REST/DSFMonitor/${mon.dsf_monitor_id}/`)).services, []);
    assertFailure(await c.call("PUT", `/REST/DSFRecordSet/${S}/${set.dsf_record_set_id}/`, { dsf_monitor_id: "nope", ...Y }), 404, "NOT_FOUND", /^dsf_monitor_id: No such monitor nope/);
    assertFailure(await c.call("POST", `/REST/DSFRecordSet/${S}/`, { rdata_class: "A", dsf_record_set_failover_chain_id: "nope", ...Y }), 404, "NOT_FOUND", /^dsf_record_set_failover_chain_id: /);
    const orphan = await c.ok("POST", `/REST/DSFRecordSet/${S}/`, { rdata_class: "A", label: "orphan", ...Y });
    assert.deepEqual(orphan.records, []);
    const service = await c.ok("GET", `/REST/DSF/${S}/`);
    assert.ok(!JSON.stringify(service).includes(orphan.dsf_record_set_id), "an orphan is in no chain of the tree");
    await c.ok("DELETE", `/REST/DSFRecordSet/${S}/${set.dsf_record_set_id}/`, Y);
    assert.equal((await c.ok("GET", `/REST/DSFRecord/${S}/`, { detail: "Y" })).length, 3, "its record went with it");
  });

  it("records: POST …/<svc>/<record_set_id>/, GET/PUT/DELETE take the record id; rdata merged on PUT", async () => {
    const ids = firstIds(svc);
    const rec = await c.ok("POST", `/REST/DSFRecord/${S}/${ids.set}/`, { ...aRecord("192.0.2.77"), label: "new", weight: "12", endpoints: ["192.0.2.77", "192.0.2.78"], endpoint_up_count: 2, automation: "auto_down", eligible: "false", ...Y });
    assert.deepEqual(
      [rec.label, rec.weight, rec.endpoints, rec.endpoint_up_count, rec.automation, rec.eligible, rec.dsf_record_set_id, rec.rdata_class],
      ["new", 12, ["192.0.2.77", "192.0.2.78"], 2, "auto_down", "false", ids.set, "A"],
    );
    assert.deepEqual(await c.ok("GET", `/REST/DSFRecord/${S}/${rec.dsf_record_id}`), rec);
    const list = await c.ok("GET", `/REST/DSFRecord/${S}/`, { detail: "Y" });
    assert.ok(list.every((r: any) => typeof r.dsf_record_id === "string"), "every list item carries its id (dyn-python GETs each)");
    assert.deepEqual(await c.ok("GET", `/REST/DSFRecord/${S}/`), list.map((r: any) => `/REST/DSFRecord/${S}/${r.dsf_record_id}/`));
    const put = await c.ok("PUT", `/REST/DSFRecord/${S}/${rec.dsf_record_id}`, { rdata: { a_rdata: { address: "192.0.2.79" } }, weight: 3, ttl: 30, ...Y });
    assert.deepEqual([put.master_line, put.weight, put.ttl, put.label, put.endpoints], ["192.0.2.79", 3, "30", "new", ["192.0.2.77", "192.0.2.78"]]);
    // other types merge field by field
    const mxSet = await c.ok("POST", `/REST/DSFRecordSet/${S}/`, { rdata_class: "MX", dsf_record_set_failover_chain_id: ids.chain, records: [{ rdata: { mx_rdata: { exchange: "mail.td.test", preference: 10 } } }], ...Y });
    const mx = mxSet.records[0];
    const mx2 = await c.ok("PUT", `/REST/DSFRecord/${S}/${mx.dsf_record_id}/`, { rdata: { mx_rdata: { preference: "20" } }, ...Y });
    assert.deepEqual([mx2.master_line, mx2.rdata[0].data.rdata_mx], ["20 mail.td.test.", { preference: 20, exchange: "mail.td.test." }]);
    await c.ok("DELETE", `/REST/DSFRecord/${S}/${rec.dsf_record_id}/`, Y);
    assertFailure(await c.call("GET", `/REST/DSFRecord/${S}/${rec.dsf_record_id}/`), 404, "NOT_FOUND", /^dsf_record_id: /);
    assertFailure(await c.call("POST", `/REST/DSFRecord/${S}/nope/`, { ...aRecord("192.0.2.1"), ...Y }), 404, "NOT_FOUND", /^dsf_record_set_id: /);
  });

  it("nodes: POST/PUT/DELETE/GET /REST/DSFNode/<svc>, trailing dots stripped, the node list is the reply", async () => {
    assert.deepEqual(await c.ok("GET", `/REST/DSFNode/${S}`), [{ zone: "td.test", fqdn: "www.td.test" }]);
    const added = await c.ok("POST", `/REST/DSFNode/${S}`, { node: { zone: "TD.test.", fqdn: "Api.td.test." }, ...Y });
    assert.deepEqual(added, [
      { zone: "td.test", fqdn: "www.td.test" },
      { zone: "td.test", fqdn: "api.td.test" },
    ]);
    assert.deepEqual(await c.ok("POST", `/REST/DSFNode/${S}/`, { node: { zone: "td.test", fqdn: "api.td.test" }, ...Y }), added, "adding twice is a no-op");
    const apex = await c.ok("POST", `/REST/DSFNode/${S}`, { node: { zone: "td.test." }, ...Y });
    assert.deepEqual(apex[2], { zone: "td.test", fqdn: "td.test" }, "fqdn defaults to the zone");
    assert.ok((await c.ok("GET", "/REST/NodeList/td.test/")).includes("api.td.test"), "attaching creates the node");
    const removed = await c.ok("DELETE", `/REST/DSFNode/${S}`, { node: { zone: "td.test", fqdn: "www.td.test." }, ...Y });
    assert.deepEqual(removed.map((n: any) => n.fqdn), ["api.td.test", "td.test"]);
    assertFailure(await c.call("DELETE", `/REST/DSFNode/${S}`, { node: { zone: "td.test", fqdn: "www.td.test" }, ...Y }), 404, "NOT_FOUND", /^node: www\.td\.test is not attached/);
    const replaced = await c.ok("PUT", `/REST/DSFNode/${S}`, { nodes: [{ zone: "td.test", fqdn: "x.td.test" }], ...Y });
    assert.deepEqual(replaced, [{ zone: "td.test", fqdn: "x.td.test" }]);
    assert.deepEqual((await c.ok("GET", `/REST/DSF/${S}/`)).nodes, replaced);
    assertFailure(await c.call("POST", `/REST/DSFNode/${S}`, { node: { zone: "nope.test", fqdn: "a.nope.test" }, ...Y }), 400, "INVALID_DATA", /^zone: nope\.test is not one of your zones/);
    assertFailure(await c.call("POST", `/REST/DSFNode/${S}`, { node: { zone: "td.test", fqdn: "www.other.test" }, ...Y }), 400, "INVALID_DATA", /^fqdn: www\.other\.test is not in zone td\.test/);
    assertFailure(await c.call("POST", `/REST/DSFNode/${S}`, { node: { fqdn: "a.td.test" }, ...Y }), 400, "MISSING_DATA", /^zone: /);
    assertFailure(await c.call("POST", `/REST/DSFNode/${S}`, { ...Y }), 400, "MISSING_DATA", /^node: /);
    assertFailure(await c.call("GET", "/REST/DSFNode/nope"), 404, "NOT_FOUND", /^detail: No service found$/);
    assertFailure(await c.call("POST", "/REST/DSFNode/nope", { node: { zone: "td.test" } }), 404, "NOT_FOUND", /^node_add: No service found$/);
  });

  it("every level answers its GET with arguments from the query string as well as from the body", async () => {
    const ids = firstIds(svc);
    for (const [res, id] of [
      ["DSFRuleset", ids.ruleset],
      ["DSFResponsePool", ids.pool],
      ["DSFRecordSetFailoverChain", ids.chain],
      ["DSFRecordSet", ids.set],
      ["DSFRecord", ids.record],
    ]) {
      const viaQuery = await c.ok("GET", `/REST/${res}/${S}/?detail=y`);
      const viaBody = await c.ok("GET", `/REST/${res}/${S}`, { detail: "Y" });
      assert.deepEqual(viaQuery, viaBody, res);
      assert.ok(viaQuery.some((o: any) => Object.values(o).includes(id)), `${res} list holds the object`);
      assert.deepEqual(await c.ok("GET", `/REST/${res}/${S}/${id}/?pending_changes=Y`), await c.ok("GET", `/REST/${res}/${S}/${id}`, { pending_changes: "Y" }));
    }
  });

  it("ids are opaque: objects of another service are not found through this one", async () => {
    const other = await c.ok("POST", "/REST/DSF/", { label: "other", publish: "Y", rulesets: [ruleset("r", null, [aPool("p", ["192.0.2.5"])])] });
    const o = firstIds(other);
    assertFailure(await c.call("GET", `/REST/DSFRuleset/${S}/${o.ruleset}/`), 404, "NOT_FOUND", /^dsf_ruleset_id: /);
    assertFailure(await c.call("DELETE", `/REST/DSFRecord/${S}/${o.record}/`, Y), 404, "NOT_FOUND", /^dsf_record_id: /);
    assertFailure(await c.call("PUT", `/REST/DSFResponsePool/${S}/${o.pool}/`, { label: "x", ...Y }), 404, "NOT_FOUND", /^dsf_response_pool_id: /);
  });
});
