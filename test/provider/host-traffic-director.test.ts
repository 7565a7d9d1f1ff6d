/**
 * TrafficDirector and TrafficDirectorMonitor through the real dynamic-provider host, against the
 * emulator: create in one POST, no-change diffs (also after a refresh), updates as the fewest
 * object-level changes plus one publish (a weight, a rule's countries, a new pool, reordered
 * rules), refresh drift per nested path — also of a service built by hand through raw REST calls
 * with labels of its own —, adoption, a failing publish reverted with nothing half-applied,
 * delete, and check failures naming the path. Requests are counted from the emulator's metrics.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { MetricsSnapshot } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { ACCOUNT, oobZone, startFixture, type Fixture } from "../helpers/provider-fixture";
import { plain } from "../helpers/provider-host";

type Props = Record<string, any>;
const ZONE = "td-host.example";

/** API requests besides logins. */
const apiRequests = (m: MetricsSnapshot) => m.requestsTotal - m.logins;
const writes = (m: MetricsSnapshot) => Object.fromEntries(Object.entries(m.requests).filter(([k]) => !k.startsWith("GET ") && !k.includes("/REST/Session")));

const a = (address: string, weight = 1) => ({ rdata: { address }, weight });
const pool = (records: Props[], monitor?: string) => ({ chains: [{ core: true, recordSets: [{ type: "A", ...(monitor ? { monitor } : {}), records }] }] });

function program(monitor: string): Props {
  return {
    nodes: [{ zone: ZONE, name: "www" }],
    ttl: 60,
    pools: {
      na: pool([a("192.0.2.10", 10), a("192.0.2.11", 5)], monitor),
      eu: pool([a("198.51.100.10")], monitor),
      default: pool([a("203.0.113.10")]),
    },
    rules: [
      { geo: { regions: ["north-america"] }, pools: ["na"] },
      { geo: { regions: ["EU"] }, pools: ["eu"] },
      { pools: ["default"], failover: "fallback.example.net" },
    ],
  };
}

/** A bare DynECT client (plain fetch, its own session) for services built by hand. */
async function rest(url: string) {
  let token = "";
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${url}/REST/${path}`, { method, headers: { "Content-Type": "application/json", ...(token ? { "Auth-Token": token } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as { status: string; data: any; msgs: { INFO: string }[] };
    if (json.status !== "success") throw new Error(`${method} ${path}: ${json.msgs.map((m) => m.INFO).join("; ")}`);
    return json.data;
  };
  token = (await call("POST", "Session/", { customer_name: ACCOUNT.customer, user_name: ACCOUNT.user, password: ACCOUNT.password })).token;
  return { call, logout: () => call("DELETE", "Session/") };
}

/** A service made step by step as a person would in the Dyn UI (labels of their own), published. */
async function handBuilt(url: string, label: string, fqdn: string): Promise<string> {
  const c = await rest(url);
  const svc = await c.call("POST", "DSF/", { label, ttl: 120, nodes: [{ zone: ZONE, fqdn }], publish: "N" });
  const id = svc.service_id;
  const europe = await c.call("POST", `DSFRuleset/${id}/`, { label: "Europe (hand)", criteria_type: "geoip", criteria: { geoip: { region: [13], country: ["GB"] } }, publish: "N" });
  const poolEu = await c.call("POST", `DSFResponsePool/${id}/`, { label: "EU servers", core_set_count: 1, dsf_ruleset_id: europe.dsf_ruleset_id, publish: "N" });
  const chain = await c.call("POST", `DSFRecordSetFailoverChain/${id}/${poolEu.dsf_response_pool_id}/`, { label: "eu chain", core: true, publish: "N" });
  const set = await c.call("POST", `DSFRecordSet/${id}/`, { rdata_class: "A", label: "eu set", serve_count: 2, dsf_record_set_failover_chain_id: chain.dsf_record_set_failover_chain_id, publish: "N" });
  for (const [address, weight] of [["198.51.100.1", 3], ["198.51.100.2", 7]] as const) {
    await c.call("POST", `DSFRecord/${id}/${set.dsf_record_set_id}/`, { label: `eu ${address}`, weight, rdata: { a_rdata: { address } }, publish: "N" });
  }
  await c.call("POST", `DSFRuleset/${id}/`, { label: "Everyone else", criteria_type: "always", response_pools: [{ label: "World", rs_chains: [{ label: "world chain", record_sets: [{ rdata_class: "A", label: "world set", records: [{ rdata: { a_rdata: { address: "203.0.113.99" } } }] }] }] }], publish: "N" });
  await c.call("PUT", `DSF/${id}/`, { publish: "Y" });
  await c.logout();
  return id;
}

describe("TrafficDirector over the dynamic-provider host", () => {
  let f: Fixture;
  let monitorId = "";
  let monitorOutputs: Props = {};
  let id = "";
  let inputs: Props = {};
  let outputs: Props = {};

  before(async () => {
    f = await startFixture({ config: { "dyn:maxSessions": "1" } });
    await oobZone(f.oob, ZONE);
  });
  after(async () => {
    await f?.close();
  });

  const published = () => f.emulator.control.state().dsf.services[id] as { service: any; pending: number } | undefined;
  const liveRecords = (svc: any, rule: number) => svc.rulesets[rule].response_pools[0].rs_chains[0].record_sets[0].records.map((r: any) => [r.rdata[0].data.rdata_a.address, r.weight]);

  const readTd = (name: string, sid: string, outs: Props, ins: Props) => f.host.read("trafficDirector", name, sid, outs, ins) as Promise<{ id: string; outputs: Props; inputs?: Props }>;

  async function update(next: Props): Promise<MetricsSnapshot> {
    const news = (await f.host.check("trafficDirector", "www", inputs, next)).inputs;
    assert.equal((await f.host.diff("trafficDirector", "www", id, outputs, news)).changes, "some");
    f.emulator.control.resetMetrics();
    outputs = await f.host.update("trafficDirector", "www", id, outputs, news);
    inputs = news;
    const m = f.emulator.control.metrics();
    assert.equal((await f.host.diff("trafficDirector", "www", id, outputs, inputs)).changes, "none", "no diff right after the update");
    assert.equal(published()?.pending, 0, "nothing left staged");
    return m;
  }

  it("creates the monitor, then the whole service with one POST (published)", async () => {
    const mon = await f.host.up("trafficDirectorMonitor", "https", { label: "www-https", protocol: "https", options: { port: 443, path: "/health", host: `www.${ZONE}` } });
    monitorId = mon.id;
    monitorOutputs = mon.outputs;
    assert.equal(mon.outputs.protocol, "HTTPS");
    assert.deepEqual(mon.outputs.options, { port: 443, path: "/health", host: `www.${ZONE}` });

    f.emulator.control.resetMetrics();
    const res = await f.host.up("trafficDirector", "www", program(monitorId));
    ({ id, inputs, outputs } = res);
    const m = f.emulator.control.metrics();
    assert.deepEqual(writes(m), { "POST /REST/DSF": 1 });
    assert.equal(apiRequests(m), 1, JSON.stringify(m.requests));
    assert.equal(m.dsfPublishesTotal, 1);
    assert.equal(inputs.label, `www.${ZONE}.:A`, "octoDNS's label convention");
    assert.deepEqual(inputs.rules.map((r: Props) => r.label), ["north-america", "europe", "default"]);
    assert.equal(outputs.serviceId, id);
    assert.equal(typeof outputs.objects.pools.na.poolId, "string");
    assert.equal(outputs.objects.rules[2].failoverPoolId !== undefined, true);
    const svc = published()!.service;
    assert.deepEqual(svc.rulesets.map((r: any) => r.criteria.geoip.region), [["11"], ["13"], []]);
    assert.deepEqual(liveRecords(svc, 0), [["192.0.2.10", 10], ["192.0.2.11", 5]]);
    assert.equal(svc.rulesets[0].response_pools[0].rs_chains[0].record_sets[0].dsf_monitor_id, monitorId);
    assert.deepEqual(svc.rulesets[2].response_pools.map((p: any) => p.label), ["default", "fallback.example.net"]);
  });

  it("an unchanged program has no diff, also after a refresh (one GET)", async () => {
    assert.equal((await f.host.diff("trafficDirector", "www", id, outputs, inputs)).changes, "none");
    const again = (await f.host.check("trafficDirector", "www", inputs, program(monitorId))).inputs;
    assert.deepEqual(plain(again), plain(inputs), "check is idempotent: a second preview is empty");
    await f.host.newDeployment();
    f.emulator.control.resetMetrics();
    const read = await readTd( "www", id, outputs, inputs);
    const m = f.emulator.control.metrics();
    assert.equal(apiRequests(m), 1, JSON.stringify(m.requests));
    assert.equal(m.requests["GET /REST/DSF/:service_id"], 1);
    assert.deepEqual(plain(read.outputs), plain(outputs));
    assert.equal((await f.host.diff("trafficDirector", "www", id, read.outputs, inputs)).changes, "none");
    const mon = await f.host.read("trafficDirectorMonitor", "https", monitorId, monitorOutputs, {});
    assert.deepEqual(mon.outputs.services, [id]);
  });

  it("a weight: one record PUT (staged) and one publish", async () => {
    const next = program(monitorId);
    next.pools.na = pool([a("192.0.2.10", 15), a("192.0.2.11", 5)], monitorId);
    const m = await update(next);
    assert.deepEqual(writes(m), { "PUT /REST/DSFRecord/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 1 });
    assert.ok(apiRequests(m) <= 2, JSON.stringify(m.requests));
    assert.equal(m.dsfPublishesTotal, 1);
    assert.deepEqual(liveRecords(published()!.service, 0), [["192.0.2.10", 15], ["192.0.2.11", 5]]);
  });

  it("a rule's countries: one ruleset PUT and one publish", async () => {
    const next = structuredClone(inputs);
    next.rules[0] = { geo: { regions: ["north-america"], countries: ["mx", "GB"] }, pools: ["na"] };
    const m = await update(next);
    assert.deepEqual(writes(m), { "PUT /REST/DSFRuleset/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 1 });
    assert.deepEqual(inputs.rules[0].geo, { regions: ["north-america"], countries: ["GB", "MX"] });
    assert.deepEqual(published()!.service.rulesets[0].criteria.geoip, { region: ["11"], country: ["GB", "MX"], province: [] });
  });

  it("a new pool and a rule using it: the pool and the ruleset are POSTed, the rules reordered, one publish", async () => {
    const next = structuredClone(inputs);
    next.pools.asia = pool([a("192.0.2.200")]);
    next.rules.splice(2, 0, { geo: { regions: ["asia", "OC"] }, pools: ["asia", "default"] });
    const m = await update(next);
    assert.deepEqual(writes(m), { "POST /REST/DSFResponsePool/:service_id": 1, "POST /REST/DSFRuleset/:service_id": 1, "PUT /REST/DSF/:service_id": 2 });
    const svc = published()!.service;
    assert.deepEqual(svc.rulesets.map((r: any) => r.label), ["north-america, GB, MX", "europe", "asia, oceania", "default"]);
    assert.deepEqual(svc.rulesets[2].response_pools.map((p: any) => p.label), ["asia", "default"]);
    assert.equal(svc.rulesets[2].response_pools[1].dsf_response_pool_id, svc.rulesets[3].response_pools[0].dsf_response_pool_id, "the default pool is shared, not copied");
  });

  it("reordered rules: one reorder PUT and one publish", async () => {
    const next = structuredClone(inputs);
    [next.rules[0], next.rules[1]] = [next.rules[1], next.rules[0]];
    const m = await update(next);
    assert.deepEqual(writes(m), { "PUT /REST/DSF/:service_id": 2 });
    assert.equal(m.dsfPublishesTotal, 1);
    assert.deepEqual(published()!.service.rulesets.map((r: any) => r.label), ["europe", "north-america, GB, MX", "asia, oceania", "default"]);
  });

  it("refresh shows drift per nested path; the next update converges it", async () => {
    const svc = await sdk.getDsfService(f.oob, id);
    const rec = svc.rulesets[1].response_pools[0].rs_chains[0].record_sets[0].records.find((r) => r.rdata.address === "192.0.2.11")!;
    await sdk.updateDsfRecord(f.oob, id, rec.dsf_record_id, "A", { weight: 2 });
    await sdk.updateDsfService(f.oob, id, { ttl: 90 });
    await f.host.newDeployment();
    const read = await readTd( "www", id, outputs, inputs);
    assert.equal(read.outputs.ttl, 90);
    assert.deepEqual(read.outputs.pools.na.chains[0].recordSets[0].records.map((r: Props) => r.weight), [15, 2]);
    assert.deepEqual(plain(read.outputs.objects), plain(outputs.objects), "the same objects");
    assert.equal((await f.host.diff("trafficDirector", "www", id, read.outputs, inputs)).changes, "some");
    f.emulator.control.resetMetrics();
    outputs = await f.host.update("trafficDirector", "www", id, read.outputs, inputs);
    assert.deepEqual(writes(f.emulator.control.metrics()), { "PUT /REST/DSFRecord/:service_id/:id": 1, "PUT /REST/DSF/:service_id": 2 });
    assert.equal(published()!.service.ttl, "60");
  });

  it("monitoring state is output only: a record marked down changes objects, never the inputs", async () => {
    f.emulator.control.dsfMonitoring({ status: "down", serviceId: id, address: "198.51.100.10" });
    await f.host.newDeployment();
    const read = await readTd( "www", id, outputs, inputs);
    assert.deepEqual(read.outputs.objects.pools.eu.chains[0].recordSets[0].records[0], { ...outputs.objects.pools.eu.chains[0].recordSets[0].records[0], status: "down", eligible: false });
    assert.equal(read.outputs.pools.eu.chains[0].recordSets[0].records[0].eligible, true, "the declared eligibility (automation decides the live one)");
    assert.equal((await f.host.diff("trafficDirector", "www", id, read.outputs, inputs)).changes, "none");
    outputs = read.outputs;
  });

  it("a failing publish reverts: the cause is reported and nothing is half-applied", async () => {
    const before = structuredClone(published()!.service);
    const next = structuredClone(inputs);
    next.pools.eu.chains[0].recordSets[0].records[0].weight = 9;
    next.ttl = 300;
    const news = (await f.host.check("trafficDirector", "www", inputs, next)).inputs;
    f.emulator.control.dsfFailPublish({ count: 1 });
    f.emulator.control.resetMetrics();
    await assert.rejects(f.host.update("trafficDirector", "www", id, outputs, news), /publish failed, so nothing was published and the staged changes were reverted: .*could not be published/);
    const m = f.emulator.control.metrics();
    assert.equal(m.dsfPublishesTotal, 0);
    assert.ok(m.requests["PUT /REST/DSF/:service_id"] >= 2, "the publish, then the revert");
    assert.deepEqual(published()!.service, before, "the published service is unchanged");
    assert.equal(published()!.pending, 0, "nothing left staged");
  });

  it("check refuses bad trees before any call, naming the path", async () => {
    f.emulator.control.resetMetrics();
    const bad = program(monitorId);
    bad.rules[1].pools = ["europe"];
    bad.pools.na.chains[0].recordSets[0].records[0].weight = 20;
    bad.pools.na.chains[0].recordSets[0].serveCount = 3;
    bad.rules[0].geo.countries = ["ZZ"];
    bad.rules.push({ geo: { regions: ["asia"] }, pools: ["eu"] });
    const { failures } = await f.host.check("trafficDirector", "www", {}, bad);
    // A nested path reaches the engine in the reason, which begins with it (runtime.ts forEngine).
    const pathOf = (x: { property: string; reason: string }) => x.property || x.reason.slice(0, x.reason.indexOf(" "));
    const byPath = Object.fromEntries(failures.map((x) => [pathOf(x), x.reason]));
    assert.match(byPath["rules[1].pools[0]"], /pool "europe" is not defined/);
    assert.match(byPath["pools.na.chains[0].recordSets[0].records[0].weight"], /1 to 15/);
    assert.match(byPath["pools.na.chains[0].recordSets[0].serveCount"], /1 to 2/);
    assert.match(byPath["rules[0].geo.countries[0]"], /"ZZ" is not an ISO 3166-1/);
    assert.match(byPath["rules[3]"], /never applies: rules\[2\] has no geo/);
    const cname = await f.host.check("trafficDirector", "www", {}, { ...program(monitorId), pools: { ...program(monitorId).pools, default: { chains: [{ recordSets: [{ type: "A", records: [a("203.0.113.1")] }, { type: "CNAME", serveCount: 2, records: [{ rdata: { cname: "x.example.net" } }, { rdata: { cname: "y.example.net" } }] }] }] } } });
    const cnamePaths = cname.failures.map(pathOf);
    assert.ok(cnamePaths.includes("pools.default.chains[0].recordSets[1].serveCount") && cnamePaths.includes("pools.default.chains"), JSON.stringify(cname.failures));
    assert.equal(f.emulator.control.metrics().requestsTotal, 0);
  });

  it("reads a service built by hand, with labels of its own, into the input model (TrafficDirector.get)", async () => {
    const handId = await handBuilt(f.emulator.url, "hand-made", `shop.${ZONE}`);
    await f.host.newDeployment();
    const read = await f.host.get("trafficDirector", "hand", handId);
    assert.equal(read.id, handId);
    const o: Props = read.outputs;
    assert.deepEqual([o.label, o.ttl, o.nodes], ["hand-made", 120, [{ zone: ZONE, name: "shop" }]]);
    assert.deepEqual(Object.keys(o.pools).sort(), ["EU servers", "World"]);
    assert.deepEqual(o.rules, [
      { label: "Europe (hand)", geo: { regions: ["europe"], countries: ["GB"] }, pools: ["EU servers"] },
      { label: "Everyone else", pools: ["World"] },
    ]);
    const set = o.pools["EU servers"].chains[0].recordSets[0];
    assert.deepEqual([o.pools["EU servers"].chains[0].label, set.label, set.serveCount], ["eu chain", "eu set", 2]);
    assert.deepEqual(set.records.map((r: Props) => [r.label, r.rdata.address, r.weight]), [["eu 198.51.100.1", "198.51.100.1", 3], ["eu 198.51.100.2", "198.51.100.2", 7]]);
    // What refresh reads is a valid program: checking it changes nothing, and it shows no diff.
    const checked = await f.host.check("trafficDirector", "hand", {}, plain(read.inputs ?? {}));
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(plain(checked.inputs), plain(read.inputs ?? {}));
    assert.equal((await f.host.diff("trafficDirector", "hand", handId, read.outputs, checked.inputs)).changes, "none");
  });

  it("adopt: binds to an existing service by label (or id) and converges it to the declaration", async () => {
    const handId = await handBuilt(f.emulator.url, `api.${ZONE}.:A`, `api.${ZONE}`);
    const declared = { ...program(monitorId), nodes: [{ zone: ZONE, name: "api" }], adopt: true };
    await f.host.newDeployment();
    f.emulator.control.resetMetrics();
    const res = await f.host.up("trafficDirector", "api", declared);
    assert.equal(res.id, handId, "the existing service, not a new one");
    assert.equal(f.emulator.control.metrics().requests["POST /REST/DSF"], undefined);
    const live = f.emulator.control.state().dsf.services[handId] as { service: any; pending: number };
    assert.deepEqual(live.service.rulesets.map((r: any) => r.label), ["north-america", "europe", "default"]);
    assert.equal(live.pending, 0);
    const read = await readTd( "api", handId, res.outputs, res.inputs);
    assert.equal((await f.host.diff("trafficDirector", "api", handId, read.outputs, res.inputs)).changes, "none");
    // By id: the same service; an unknown id is refused with the fix.
    const byId = await f.host.up("trafficDirector", "api-by-id", { ...declared, adopt: handId });
    assert.equal(byId.id, handId);
    await assert.rejects(f.host.up("trafficDirector", "nope", { ...declared, adopt: "no-such-service" }), /no Traffic Director service has the id or label "no-such-service"/);
    await f.host.delete("trafficDirector", "api", handId, res.outputs);
  });

  it("delete: one DELETE; then the monitor can go", async () => {
    f.emulator.control.resetMetrics();
    await f.host.delete("trafficDirector", "www", id, outputs);
    assert.deepEqual(writes(f.emulator.control.metrics()), { "DELETE /REST/DSF/:service_id": 1 });
    assert.equal(published(), undefined);
    // Refresh of a deleted service drops it from state.
    assert.equal((await readTd( "www", id, outputs, inputs)).id, "");
    const hand = Object.keys(f.emulator.control.state().dsf.services);
    for (const svc of hand) await sdk.deleteDsfService(f.oob, svc);
    await f.host.delete("trafficDirectorMonitor", "https", monitorId, monitorOutputs);
    assert.deepEqual(Object.keys(f.emulator.control.state().dsf.monitors), []);
  });
});
