/**
 * The typed Traffic Director API against the emulator over real HTTP: every level's calls, typed
 * replies (the live API's "300"/"true"/"Y" strings become numbers and booleans), staging and
 * publish, input checks before anything is sent, and one request per call.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import * as sdk from "../../provider/sdk/index";
import { caught, emulator, freshSession, teardown } from "./helpers";

const aRecord = (address: string, weight = 1): sdk.DsfRecordInput => ({ rdata: { address }, weight });

function service(zone: string, label = `www.${zone}.:A`): sdk.DsfServiceInput {
  return {
    label,
    ttl: 300,
    nodes: [{ zone, fqdn: `www.${zone}` }],
    rulesets: [
      {
        label: "na",
        criteria: { region: ["north-america"], country: ["ca"] },
        response_pools: [{ label: "na", core_set_count: 1, rs_chains: [{ label: "na", core: true, record_sets: [{ rdata_class: "A", serve_count: 2, records: [aRecord("192.0.2.1", 5), aRecord("192.0.2.2", 10)] }] }] }],
      },
      { label: "default", response_pools: [{ label: "default", rs_chains: [{ record_sets: [{ rdata_class: "A", ttl: 60, records: [aRecord("203.0.113.1")] }] }] }, { failover: "backup.example.net" }] },
    ],
  };
}

describe("SDK: Traffic Director (DSF)", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await emulator();
  });
  after(() => teardown(emu));

  it("creates a whole service in one POST and answers it typed", async () => {
    const { s, zone } = await freshSession(emu, "dsf-create");
    const svc = await sdk.createDsfService(s, service(zone));
    const m = emu.control.metrics();
    assert.equal(m.requests["POST /REST/DSF"], 1, JSON.stringify(m.requests));
    assert.equal(m.requestsTotal, 1);
    assert.equal(m.dsfPublishesTotal, 1);
    assert.equal(svc.ttl, 300);
    assert.equal(svc.active, true);
    assert.deepEqual(svc.nodes, [{ zone, fqdn: `www.${zone}` }]);
    const [na, dflt] = svc.rulesets;
    assert.equal(na.ordering, 1);
    assert.equal(na.criteria_type, "geoip");
    assert.deepEqual(na.criteria, { region: ["11"], country: ["CA"], province: [] });
    assert.equal(dflt.criteria_type, "always");
    const pool = na.response_pools[0];
    assert.equal(pool.core_set_count, 1);
    assert.equal(pool.eligible, true);
    assert.equal(pool.rs_chains[0].core, true);
    const set = pool.rs_chains[0].record_sets[0];
    assert.equal(set.ttl, undefined, "inherits the service TTL");
    assert.equal(set.ttl_derived, 300);
    assert.equal(set.serve_count, 2);
    assert.equal(set.dsf_monitor_id, undefined);
    assert.deepEqual(
      set.records.map((r) => [r.rdata, r.weight, r.eligible, r.ttl]),
      [
        [{ address: "192.0.2.1" }, 5, true, 300],
        [{ address: "192.0.2.2" }, 10, true, 300],
      ],
    );
    assert.equal(dflt.response_pools[0].rs_chains[0].record_sets[0].ttl, 60);
    const failover = dflt.response_pools[1];
    assert.equal(failover.label, "backup.example.net");
    assert.deepEqual(failover.rs_chains[0].record_sets[0].records[0].rdata, { cname: "backup.example.net." });
    assert.deepEqual((await sdk.getDsfService(s, svc.service_id)).rulesets.length, 2);
    assert.equal((await sdk.listDsfServices(s)).length, 1);
  });

  it("stages changes with publish: false, shows them with pendingChanges, publishes or reverts them", async () => {
    const { s, zone } = await freshSession(emu, "dsf-stage");
    const svc = await sdk.createDsfService(s, service(zone));
    const rec = svc.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0];
    emu.control.resetMetrics();
    const changed = await sdk.updateDsfRecord(s, svc.service_id, rec.dsf_record_id, "A", { weight: 7 }, { publish: false });
    assert.equal(changed.weight, 7);
    assert.equal(changed.pending_change, "modify");
    const live = await sdk.getDsfService(s, svc.service_id);
    assert.equal(live.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0].weight, 5, "published value until publish");
    const pending = await sdk.getDsfService(s, svc.service_id, { pendingChanges: true });
    assert.equal(pending.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0].pending_change, "modify");
    const published = await sdk.publishDsfService(s, svc.service_id, "weight 7");
    assert.equal(published.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].records[0].weight, 7);
    assert.equal(emu.control.metrics().dsfPublishesTotal, 1);

    await sdk.updateDsfService(s, svc.service_id, { ttl: 120 }, { publish: false });
    const reverted = await sdk.revertDsfService(s, svc.service_id);
    assert.equal(reverted.ttl, 300);
    assert.equal(emu.control.state().dsf.services[svc.service_id].pending, 0);
  });

  it("every level: create, get, list, update, delete — one request each", async () => {
    const { s, zone } = await freshSession(emu, "dsf-levels");
    const svc = await sdk.createDsfService(s, { label: "levels", nodes: [{ zone, fqdn: zone }] });
    const id = svc.service_id;
    const count = async <T>(fn: () => Promise<T>): Promise<T> => {
      emu.control.resetMetrics();
      const out = await fn();
      assert.equal(emu.control.metrics().requestsTotal, 1);
      return out;
    };
    const rs = await count(() => sdk.createDsfRuleset(s, id, { label: "eu", criteria: { region: ["EU"] } }));
    assert.deepEqual(rs.criteria.region, ["13"]);
    const pool = await count(() => sdk.createDsfResponsePool(s, id, { label: "eu-pool" }, { rulesetId: rs.dsf_ruleset_id }));
    assert.deepEqual(pool.rulesets.map((r) => r.dsf_ruleset_id), [rs.dsf_ruleset_id]);
    const chain = await count(() => sdk.createDsfFailoverChain(s, id, pool.dsf_response_pool_id, { label: "c", core: true }));
    assert.equal(chain.dsf_response_pool_id, pool.dsf_response_pool_id);
    const set = await count(() => sdk.createDsfRecordSet(s, id, chain.dsf_record_set_failover_chain_id, { rdata_class: "AAAA", label: "v6" }));
    assert.equal(set.rdata_class, "AAAA");
    const rec = await count(() => sdk.createDsfRecord(s, id, set.dsf_record_set_id, "AAAA", { rdata: { address: "2001:DB8::1" }, weight: 3 }));
    assert.deepEqual(rec.rdata, { address: "2001:db8::1" });

    assert.equal((await count(() => sdk.getDsfRuleset(s, id, rs.dsf_ruleset_id))).label, "eu");
    assert.equal((await count(() => sdk.listDsfResponsePools(s, id))).length, 1);
    assert.equal((await count(() => sdk.listDsfFailoverChains(s, id))).length, 1);
    assert.equal((await count(() => sdk.listDsfRecordSets(s, id))).length, 1);
    assert.equal((await count(() => sdk.listDsfRecords(s, id)))[0].dsf_record_id, rec.dsf_record_id);
    assert.equal((await count(() => sdk.getDsfRecord(s, id, rec.dsf_record_id))).weight, 3);

    assert.deepEqual((await count(() => sdk.updateDsfRuleset(s, id, rs.dsf_ruleset_id, { criteria: { country: ["DE", "fr"] } }))).criteria.country, ["DE", "FR"]);
    assert.equal((await count(() => sdk.updateDsfResponsePool(s, id, pool.dsf_response_pool_id, { automation: "manual", core_set_count: 0 }))).automation, "manual");
    assert.equal((await count(() => sdk.updateDsfFailoverChain(s, id, chain.dsf_record_set_failover_chain_id, { core: false }))).core, false);
    const set2 = await count(() => sdk.updateDsfRecordSet(s, id, set.dsf_record_set_id, { ttl: 45, fail_count: 0 }));
    assert.deepEqual([set2.ttl, set2.fail_count], [45, 0]);
    assert.equal((await count(() => sdk.updateDsfRecordSet(s, id, set.dsf_record_set_id, { ttl: null }))).ttl, undefined);
    assert.deepEqual((await count(() => sdk.updateDsfRecord(s, id, rec.dsf_record_id, "AAAA", { rdata: { address: "2001:db8::2" } }))).rdata, { address: "2001:db8::2" });

    const reordered = await sdk.createDsfRuleset(s, id, { label: "first", ordering: 1 });
    assert.deepEqual((await count(() => sdk.reorderDsfRulesets(s, id, [rs.dsf_ruleset_id, reordered.dsf_ruleset_id]))).rulesets.map((r) => r.label), ["eu", "first"]);

    await count(() => sdk.deleteDsfRecord(s, id, rec.dsf_record_id));
    await count(() => sdk.deleteDsfRecordSet(s, id, set.dsf_record_set_id));
    await count(() => sdk.deleteDsfFailoverChain(s, id, chain.dsf_record_set_failover_chain_id));
    await count(() => sdk.deleteDsfResponsePool(s, id, pool.dsf_response_pool_id));
    await count(() => sdk.deleteDsfRuleset(s, id, rs.dsf_ruleset_id));
    assert.deepEqual((await sdk.getDsfService(s, id)).rulesets.map((r) => r.label), ["first"]);
    await count(() => sdk.deleteDsfService(s, id));
    assert.equal((await caught(() => sdk.getDsfService(s, id)) as sdk.DynError).code, "NOT_FOUND");
  });

  it("nodes: add, replace, remove (the node in a JSON body on DELETE)", async () => {
    const { s, zone } = await freshSession(emu, "dsf-nodes");
    const svc = await sdk.createDsfService(s, { label: "nodes" });
    assert.deepEqual(await sdk.addDsfNode(s, svc.service_id, { zone, fqdn: `a.${zone}.` }), [{ zone, fqdn: `a.${zone}` }]);
    assert.deepEqual(await sdk.replaceDsfNodes(s, svc.service_id, [{ zone, fqdn: `b.${zone}` }, { zone, fqdn: `c.${zone}` }]), [
      { zone, fqdn: `b.${zone}` },
      { zone, fqdn: `c.${zone}` },
    ]);
    assert.deepEqual(await sdk.removeDsfNode(s, svc.service_id, { zone, fqdn: `b.${zone}` }), [{ zone, fqdn: `c.${zone}` }]);
    assert.deepEqual(await sdk.getDsfNodes(s, svc.service_id), [{ zone, fqdn: `c.${zone}` }]);
  });

  it("monitors and notifiers: options typed wherever the reply puts them; links on the service", async () => {
    const { s, zone } = await freshSession(emu, "dsf-monitors");
    const mon = await sdk.createDsfMonitor(s, { label: "https", protocol: "HTTPS", probe_interval: 60, retries: 1, response_count: 2, options: { port: 443, path: "/health", host: "www.example.com", timeout: 10 } });
    assert.deepEqual([mon.protocol, mon.probe_interval, mon.retries, mon.active], ["HTTPS", 60, 1, true]);
    assert.deepEqual(mon.options, { port: 443, path: "/health", host: "www.example.com", timeout: 10 });
    const upd = await sdk.updateDsfMonitor(s, mon.dsf_monitor_id, { active: false, options: { expected: "ok" } });
    assert.deepEqual([upd.active, upd.options.expected, upd.options.port], [false, "ok", 443]);
    assert.equal((await sdk.listDsfMonitors(s)).length, 1);
    assert.equal((await sdk.getDsfMonitor(s, mon.dsf_monitor_id)).label, "https");

    const input = service(zone);
    const rs0 = input.rulesets![0].response_pools![0] as sdk.DsfResponsePoolInput;
    rs0.rs_chains![0].record_sets![0].dsf_monitor_id = mon.dsf_monitor_id;
    const svc = await sdk.createDsfService(s, input);
    assert.deepEqual((await sdk.getDsfMonitor(s, mon.dsf_monitor_id)).services, [svc.service_id]);
    assert.equal((await caught(() => sdk.deleteDsfMonitor(s, mon.dsf_monitor_id)) as sdk.DynError).code, "ILLEGAL_OPERATION");

    const n = await sdk.createNotifier(s, { label: "ops", recipients: ["ops@example.com"] });
    const linked = await sdk.addDsfServiceNotifier(s, svc.service_id, n.notifier_id);
    assert.deepEqual(linked.notifiers.map((l) => l.notifier.notifier_id), [n.notifier_id]);
    assert.deepEqual((await sdk.getNotifier(s, n.notifier_id)).services.map((x) => x.service_id), [svc.service_id]);
    const unlinked = await sdk.removeDsfServiceNotifier(s, svc.service_id, linked.notifiers[0].link_id);
    assert.deepEqual(unlinked.notifiers, []);
    assert.equal((await sdk.updateNotifier(s, n.notifier_id, { label: "ops-2" })).label, "ops-2");
    assert.equal((await sdk.listNotifiers(s)).length, 1);
    await sdk.deleteNotifier(s, n.notifier_id);
    await sdk.deleteDsfService(s, svc.service_id);
    await sdk.deleteDsfMonitor(s, mon.dsf_monitor_id);
    assert.deepEqual(await sdk.listDsfMonitors(s), []);
  });

  it("every region, country and province the SDK accepts, the emulator accepts too (each keeps its own table)", async () => {
    const { s, zone } = await freshSession(emu, "dsf-geo");
    const svc = await sdk.createDsfService(s, { label: "geo", nodes: [{ zone, fqdn: zone }] });
    const rs = await sdk.createDsfRuleset(s, svc.service_id, {
      criteria: { region: sdk.DSF_REGIONS.map((r) => r.name), country: [...sdk.DSF_COUNTRIES], province: [...sdk.DSF_PROVINCES] },
    });
    assert.deepEqual(rs.criteria.region, sdk.DSF_REGIONS.map((r) => r.code));
    assert.equal(rs.criteria.country.length, sdk.DSF_COUNTRIES.length);
    assert.equal(rs.criteria.province.length, sdk.DSF_PROVINCES.length);
  });

  it("refuses bad input before sending anything, naming the field", async () => {
    const { s, zone } = await freshSession(emu, "dsf-input");
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ["weight", () => sdk.createDsfService(s, { ...service(zone), rulesets: [{ response_pools: [{ rs_chains: [{ record_sets: [{ rdata_class: "A", records: [aRecord("192.0.2.1", 16)] }] }] }] }] }), /weight: must be 1–15/],
      ["rdata", () => sdk.createDsfService(s, { ...service(zone), rulesets: [{ response_pools: [{ rs_chains: [{ record_sets: [{ rdata_class: "A", records: [{ rdata: { address: "300.1.1.1" } }] }] }] }] }] }), /rdata\.address/],
      ["region", () => sdk.createDsfRuleset(s, "svc", { criteria: { region: ["atlantis"] } }), /criteria\.region\[0\]/],
      ["country", () => sdk.createDsfRuleset(s, "svc", { criteria: { country: ["XX"] } }), /criteria\.country\[0\]/],
      ["label", () => sdk.createDsfService(s, { label: "*bad" }), /label/],
      ["protocol", () => sdk.createDsfMonitor(s, { label: "m", protocol: "FTP" as sdk.DsfMonitorProtocol }), /protocol/],
    ];
    for (const [what, fn, message] of cases) {
      const e = (await caught(fn)) as sdk.DynError;
      assert.equal(e.code, "INVALID_DATA", what);
      assert.match(e.message, message, what);
    }
    assert.equal(emu.control.metrics().requestsTotal, 0);
  });
});
