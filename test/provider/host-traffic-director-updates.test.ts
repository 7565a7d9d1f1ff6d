/**
 * More TrafficDirector shapes through the real dynamic-provider host: a pool shared by two rules
 * (created with one ruleset PUT before the publish), changed record data, a record set changing
 * type, a new chain, a removed pool and rule, a changed failover (the old last-resort pool goes),
 * notifier links, failures while creating (nothing left behind), unknown values in preview, and
 * TrafficDirectorMonitor updates that clear an option, and a monitor adopted by label or id (no
 * write when it already matches).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { MetricsSnapshot } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { oobZone, startFixture, type Fixture } from "../helpers/provider-fixture";
import { plain } from "../helpers/provider-host";
import { UNKNOWN } from "../../provider/resources/unknown";

type Props = Record<string, any>;
const ZONE = "td-updates.example";

const writes = (m: MetricsSnapshot) => Object.fromEntries(Object.entries(m.requests).filter(([k]) => !k.startsWith("GET ") && !k.includes("/REST/Session")));
const a = (address: string, weight = 1) => ({ rdata: { address }, weight });
const aPool = (...addresses: string[]) => ({ chains: [{ recordSets: [{ type: "A", records: addresses.map((x) => a(x)) }] }] });

describe("TrafficDirector updates over the dynamic-provider host", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ config: { "dyn:maxSessions": "1" } });
    await oobZone(f.oob, ZONE);
  });
  after(async () => {
    await f?.close();
  });

  const live = (id: string) => (f.emulator.control.state().dsf.services[id] as { service: any; pending: number } | undefined)?.service;
  const poolLabels = (svc: any) => [...new Set(svc.rulesets.flatMap((r: any) => r.response_pools.map((p: any) => p.dsf_response_pool_id)))].length;

  /** check → diff → update, then no diff and nothing staged. */
  async function converge(name: string, id: string, state: { inputs: Props; outputs: Props }, next: Props): Promise<MetricsSnapshot> {
    const news = (await f.host.check("trafficDirector", name, state.inputs, next)).inputs;
    f.emulator.control.resetMetrics();
    state.outputs = await f.host.update("trafficDirector", name, id, state.outputs, news);
    state.inputs = news;
    const m = f.emulator.control.metrics();
    assert.equal((await f.host.diff("trafficDirector", name, id, state.outputs, news)).changes, "none");
    const read = (await f.host.read("trafficDirector", name, id, state.outputs, news)) as { outputs: Props };
    assert.deepEqual(plain(read.outputs), plain(state.outputs), "a read after the update gives the same state");
    assert.equal((f.emulator.control.state().dsf.services[id] as { pending: number }).pending, 0);
    return m;
  }

  it("a pool shared by two rules: one POST (staged), one ruleset PUT, one publish — one pool, listed twice", async () => {
    const args = {
      nodes: [{ zone: ZONE, name: "shared" }],
      pools: { us: aPool("192.0.2.1"), world: aPool("192.0.2.2") },
      rules: [
        { geo: { countries: ["US"] }, pools: ["us", "world"] },
        { pools: ["world"], failover: "192.0.2.254" },
      ],
    };
    f.emulator.control.resetMetrics();
    const { id, inputs, outputs } = await f.host.up("trafficDirector", "shared", args);
    assert.deepEqual(writes(f.emulator.control.metrics()), { "POST /REST/DSF": 1, "PUT /REST/DSFRuleset/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 1 });
    const svc = live(id);
    assert.deepEqual(svc.rulesets.map((r: any) => r.response_pools.map((p: any) => p.label)), [["us", "world"], ["world", "192.0.2.254"]]);
    assert.equal(svc.rulesets[0].response_pools[1].dsf_response_pool_id, svc.rulesets[1].response_pools[0].dsf_response_pool_id);
    assert.equal(poolLabels(svc), 3, "us, world and the failover pool");
    assert.equal((await f.host.diff("trafficDirector", "shared", id, outputs, inputs)).changes, "none");
    await f.host.delete("trafficDirector", "shared", id, outputs);
  });

  it("changed record data, a record set changing type, a new chain, a removed pool and rule, a changed failover", async () => {
    const first = {
      nodes: [{ zone: ZONE, name: "www" }],
      pools: {
        main: { chains: [{ recordSets: [{ type: "A", records: [a("192.0.2.10", 3), a("192.0.2.11", 4)] }, { type: "A", records: [a("192.0.2.12")] }] }] },
        old: aPool("198.51.100.1"),
        rest: aPool("203.0.113.1"),
      },
      rules: [
        { geo: { regions: ["europe"] }, pools: ["main"] },
        { geo: { regions: ["asia"] }, pools: ["old"] },
        { pools: ["rest"], failover: "fallback-one.example.net" },
      ],
    };
    const created = await f.host.up("trafficDirector", "www", first);
    const id = created.id;
    const state = { inputs: created.inputs, outputs: created.outputs };

    // New data for one record (a new record: Dyn then monitors the new address), the same weight kept for the other.
    const next = structuredClone(first) as Props;
    next.pools.main.chains[0].recordSets[0].records = [a("192.0.2.10", 3), a("192.0.2.20", 4)];
    let m = await converge("www", id, state, next);
    assert.deepEqual(writes(m), { "DELETE /REST/DSFRecord/:service_id/:id": 1, "POST /REST/DSFRecord/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 1 });

    // The first record set becomes AAAA: it and the set after it are made anew, in order.
    next.pools.main.chains[0].recordSets[0] = { type: "AAAA", records: [{ rdata: { address: "2001:db8::10" } }] };
    m = await converge("www", id, state, next);
    // Two service PUTs: the default label follows the first record set's type (www….:AAAA), then the publish.
    assert.deepEqual(writes(m), { "DELETE /REST/DSFRecordSet/:service_id/:id": 2, "POST /REST/DSFRecordSet/:service_id": 2, "PUT /REST/DSF/:service_id": 2 });
    assert.deepEqual(live(id).rulesets[0].response_pools[0].rs_chains[0].record_sets.map((s: any) => s.rdata_class), ["AAAA", "A"]);
    assert.equal(live(id).label, `www.${ZONE}.:AAAA`);

    // A second chain; the "old" pool and its rule go; the failover changes (its old pool is deleted).
    next.pools.main.chains.push({ label: "backup", recordSets: [{ type: "A", records: [a("192.0.2.30")] }] });
    delete next.pools.old;
    next.rules.splice(1, 1);
    next.rules[1].failover = "fallback-two.example.net";
    m = await converge("www", id, state, next);
    assert.deepEqual(writes(m), {
      "POST /REST/DSFRecordSetFailoverChain/:service_id/:id": 1,
      "PUT /REST/DSFRuleset/:service_id/:id": 1,
      "DELETE /REST/DSFRuleset/:service_id/:id": 1,
      "DELETE /REST/DSFResponsePool/:service_id/:id": 2,
      "PUT /REST/DSF/:service_id": 1,
    });
    const svc = live(id);
    assert.deepEqual(svc.rulesets.map((r: any) => r.response_pools.map((p: any) => p.label)), [["main"], ["rest", "fallback-two.example.net"]]);
    const pools = await sdk.listDsfResponsePools(f.oob, id);
    assert.deepEqual(pools.map((p) => p.label).sort(), ["fallback-two.example.net", "main", "rest"], "no pool left behind");
    await f.host.delete("trafficDirector", "www", id, state.outputs);
  });

  it("notifiers: linked at create, unlinked and relinked by updates (immediate, after the publish), left alone when not declared", async () => {
    const n1 = await sdk.createNotifier(f.oob, { label: "ops", recipients: ["ops@example.com"] });
    const n2 = await sdk.createNotifier(f.oob, { label: "noc", recipients: ["noc@example.com"] });
    const args = { nodes: [{ zone: ZONE, name: "notify" }], pools: { p: aPool("192.0.2.40") }, rules: [{ pools: ["p"] }], notifiers: [n1.notifier_id] };
    const created = await f.host.up("trafficDirector", "notify", args);
    const state = { inputs: created.inputs, outputs: created.outputs };
    assert.deepEqual(Object.keys((created.outputs as Props).objects.notifierLinks), [n1.notifier_id]);
    const m = await converge("notify", created.id, state, { ...args, notifiers: [n2.notifier_id] });
    assert.deepEqual(writes(m), { "PUT /REST/DSF/:service_id": 2 }, "one link added, one removed; nothing staged, no publish");
    assert.equal(m.dsfPublishesTotal, 0);
    assert.deepEqual(live(created.id).notifiers.map((l: any) => l.notifier.notifier_id), [n2.notifier_id]);
    // Without `notifiers` the links are not managed: left as they are.
    const { notifiers: _dropped, ...unmanaged } = { ...args, notifiers: undefined };
    const m2 = await converge("notify", created.id, state, unmanaged);
    assert.deepEqual(writes(m2), {});
    assert.deepEqual(live(created.id).notifiers.map((l: any) => l.notifier.notifier_id), [n2.notifier_id]);
    await f.host.delete("trafficDirector", "notify", created.id, state.outputs);
  });

  it("a create that fails leaves nothing behind (one POST, or the staged shell deleted)", async () => {
    const before = Object.keys(f.emulator.control.state().dsf.services);
    f.emulator.control.dsfFailPublish({ count: 1 });
    const simple = { nodes: [{ zone: ZONE, name: "fail" }], pools: { p: aPool("192.0.2.50") }, rules: [{ pools: ["p"] }] };
    await assert.rejects(f.host.up("trafficDirector", "fail", simple), /creating Traffic Director service .*could not be published/);
    f.emulator.control.dsfFailPublish({ count: 1 });
    const shared = { ...simple, pools: { p: aPool("192.0.2.50"), q: aPool("192.0.2.51") }, rules: [{ geo: { countries: ["US"] }, pools: ["p", "q"] }, { pools: ["q"] }] };
    await assert.rejects(f.host.up("trafficDirector", "fail", shared), /could not be published/);
    assert.deepEqual(Object.keys(f.emulator.control.state().dsf.services), before);
  });

  it("preview: unknown values (a monitor's id not known yet) pass check and show as a change", async () => {
    const args = { nodes: [{ zone: ZONE, name: "later" }], pools: { p: { chains: [{ recordSets: [{ type: "A", monitor: UNKNOWN, records: [a("192.0.2.60")] }] }] } }, rules: [{ pools: ["p"] }] };
    const { inputs, failures } = await f.host.check("trafficDirector", "later", {}, args);
    assert.deepEqual(failures, []);
    assert.equal((inputs as Props).pools.p.chains[0].recordSets[0].monitor, UNKNOWN);
    const known = (await f.host.check("trafficDirector", "later", {}, { ...args, pools: aPoolMap() })).inputs;
    assert.equal((await f.host.diff("trafficDirector", "later", "svc", { ...known, serviceId: "svc", objects: {} }, inputs)).changes, "some");
  });

  it("TrafficDirectorMonitor: an update sends every field, clears a dropped option; a read shows no drift", async () => {
    const mon = await f.host.up("trafficDirectorMonitor", "m", { label: "m", protocol: "HTTP", options: { port: 8080, path: "/ok", expected: "up" } });
    const news = (await f.host.check("trafficDirectorMonitor", "m", mon.inputs, { label: "m2", protocol: "TCP", retries: 1, options: { port: 9000 } })).inputs;
    assert.equal((await f.host.diff("trafficDirectorMonitor", "m", mon.id, mon.outputs, news)).changes, "some");
    const outs = await f.host.update("trafficDirectorMonitor", "m", mon.id, mon.outputs, news);
    const liveMon = await sdk.getDsfMonitor(f.oob, mon.id);
    assert.deepEqual([liveMon.label, liveMon.protocol, liveMon.retries, liveMon.options], ["m2", "TCP", 1, { port: 9000 }]);
    const read = (await f.host.read("trafficDirectorMonitor", "m", mon.id, outs, news)) as { outputs: Props };
    assert.deepEqual(plain(read.outputs), plain(outs));
    assert.equal((await f.host.diff("trafficDirectorMonitor", "m", mon.id, read.outputs, news)).changes, "none");
    await f.host.delete("trafficDirectorMonitor", "m", mon.id, outs);
    assert.equal((await f.host.read("trafficDirectorMonitor", "m", mon.id, outs, news)).id, "");
  });

  it("TrafficDirectorMonitor adopt: a matching monitor is taken over with no write, a differing one with one PUT; ambiguous or unknown labels are refused", async () => {
    const hand = await sdk.createDsfMonitor(f.oob, { label: "hand https", protocol: "HTTPS", probe_interval: 300, retries: 1, response_count: 1, active: true, options: { port: 8443, path: "/health" }, endpoints: [] });
    const declared = { label: "hand https", protocol: "HTTPS", probeInterval: 300, retries: 1, responseCount: 1, options: { port: 8443, path: "/health" }, adopt: true };
    await f.host.newDeployment();
    f.emulator.control.resetMetrics();
    const same = await f.host.up("trafficDirectorMonitor", "hand", declared);
    assert.equal(same.id, hand.dsf_monitor_id, "the existing monitor, not a new one");
    assert.deepEqual(writes(f.emulator.control.metrics()), {}, "nothing written when it already matches");
    assert.equal((await f.host.diff("trafficDirectorMonitor", "hand", same.id, same.outputs, same.inputs)).changes, "none");

    f.emulator.control.resetMetrics();
    const changed = await f.host.up("trafficDirectorMonitor", "hand-by-id", { ...declared, retries: 3, adopt: hand.dsf_monitor_id });
    assert.equal(changed.id, hand.dsf_monitor_id);
    assert.deepEqual(writes(f.emulator.control.metrics()), { "PUT /REST/DSFMonitor/:dsf_monitor_id": 1 });
    assert.equal((await sdk.getDsfMonitor(f.oob, hand.dsf_monitor_id)).retries, 3);

    const twin = await sdk.createDsfMonitor(f.oob, { label: "hand https", protocol: "HTTP" });
    await assert.rejects(f.host.up("trafficDirectorMonitor", "twin", declared), /2 Traffic Director monitors are labelled "hand https" .* adopt one by its id/);
    await assert.rejects(f.host.up("trafficDirectorMonitor", "nope", { ...declared, adopt: "no-such-monitor" }), /no Traffic Director monitor has the id or label "no-such-monitor"/);
    assert.deepEqual((await f.host.check("trafficDirectorMonitor", "bad", {}, { ...declared, adopt: "" })).failures.map((x) => x.property), ["adopt"]);
    for (const id of [hand.dsf_monitor_id, twin.dsf_monitor_id]) await sdk.deleteDsfMonitor(f.oob, id);
  });
});

function aPoolMap() {
  return { p: { chains: [{ recordSets: [{ type: "A", monitor: "known-monitor", records: [{ rdata: { address: "192.0.2.60" }, weight: 1 }] }] }] } };
}
