/**
 * DSF request validation (dynect-api.md §7.4, §7.5): bad input answers the spec's envelope —
 * INVALID_DATA / MISSING_DATA / NOT_FOUND with a first message naming the field, then the INFO
 * context — and changes nothing. Also the inputs that must be accepted (scalars, integers,
 * strings for numbers and booleans, null criteria).
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, start } from "./helpers";
import { aPool, aRecord, assertFailure, dsfClient, firstIds, wwwService } from "./dsf-helpers";

describe("DSF validation", () => {
  let emu: RunningEmulator;
  let c: Client;
  let S: string;
  let ids: ReturnType<typeof firstIds>;
  const Y = { publish: "Y" };
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
    const svc = await c.ok("POST", "/REST/DSF/", wwwService());
    S = svc.service_id;
    ids = firstIds(svc);
  });

  const ruleset = (criteria: unknown, extra: Record<string, unknown> = {}) => c.call("POST", `/REST/DSFRuleset/${S}/`, { label: "r", criteria_type: "geoip", criteria, ...extra, ...Y });
  const recordSet = (body: Record<string, unknown>) => c.call("POST", `/REST/DSFRecordSet/${S}/`, { dsf_record_set_failover_chain_id: ids.chain, ...body, ...Y });
  const record = (body: Record<string, unknown>) => c.call("POST", `/REST/DSFRecord/${S}/${ids.set}/`, { ...body, ...Y });

  it("service labels: required, no * < > % /, starting with a letter or digit", async () => {
    assertFailure(await c.call("POST", "/REST/DSF/", { ttl: 60 }), 400, "MISSING_DATA", /^label: Missing required argument/);
    for (const bad of ["a/b", "*.td.test.:A", "x<y", "x>y", "50%", "_sip.td.test.:SRV", " lead", ".dot", "-dash"]) {
      const r = await c.call("POST", "/REST/DSF/", { label: bad, ...Y });
      assertFailure(r, 400, "INVALID_DATA", /^label: /);
      assert.equal(r.body.msgs[1].INFO, "add: The service was not created");
    }
    assertFailure(await c.call("PUT", `/REST/DSF/${S}/`, { label: "bad/label", ...Y }), 400, "INVALID_DATA", /^label: may not contain/);
    for (const ok of ["www.td.test.:A", "9lives", "Mixed Case label-1_2"]) await c.ok("POST", "/REST/DSF/", { label: ok, ...Y });
    assert.equal(Object.keys(emu.control.state().dsf.services).length, 4, "refused requests created nothing");
  });

  it("geo criteria: regions 11–17, ISO countries, US/CA provinces; scalars, integers and null accepted", async () => {
    const ok = await ruleset({ geoip: { region: 17, country: "jp", province: "BC" } });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body.data.criteria, { geoip: { region: ["17"], country: ["JP"], province: ["BC"] } });
    const lists = await ruleset({ geoip: { region: [11, "12"], country: ["US", "CA"], province: ["ca", "ny"] } });
    assert.deepEqual(lists.body.data.criteria.geoip, { region: ["11", "12"], country: ["US", "CA"], province: ["ca", "ny"] });
    const empty = await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "n", criteria_type: "always", criteria: null, ...Y });
    assert.deepEqual(empty.criteria, { geoip: { region: [], country: [], province: [] } });
    const inferred = await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "n", criteria: { geoip: { country: "DE" } }, ...Y });
    assert.equal(inferred.criteria_type, "geoip", "criteria_type inferred when absent");
    assertFailure(await ruleset({ geoip: { region: 18 } }), 400, "INVALID_DATA", /^region: 18 is not a Dyn region code 11-17/);
    assertFailure(await ruleset({ geoip: { region: ["NA"] } }), 400, "INVALID_DATA", /^region: "NA" is not/);
    assertFailure(await ruleset({ geoip: { country: ["US", "XX"] } }), 400, "INVALID_DATA", /^country: "XX" is not an ISO 3166-1 alpha-2 country code/);
    assertFailure(await ruleset({ geoip: { country: "USA" } }), 400, "INVALID_DATA", /^country: /);
    assertFailure(await ruleset({ geoip: { province: "zz" } }), 400, "INVALID_DATA", /^province: "zz" is not a US state or Canadian province code/);
    assertFailure(await ruleset({ geoip: { country: [{ code: "US" }] } }), 400, "INVALID_DATA", /^country: /);
    assertFailure(await ruleset("US"), 400, "INVALID_DATA", /^criteria: must be an object/);
    assertFailure(await ruleset({ geoip: ["US"] }), 400, "INVALID_DATA", /^criteria\.geoip: /);
    assertFailure(await ruleset(null, { criteria_type: "sometimes" }), 400, "INVALID_DATA", /^criteria_type: must be always or geoip/);
    assertFailure(await c.call("PUT", `/REST/DSFRuleset/${S}/${ids.ruleset}/`, { criteria: { geoip: { region: 99 } }, ...Y }), 400, "INVALID_DATA", /^region: /);
  });

  it("record weights: A/AAAA 1–15, CNAME 1–255; integers or numeric strings", async () => {
    assert.equal((await record(aRecord("192.0.2.20", { weight: "15" }))).body.data.weight, 15);
    for (const w of [0, 16, -1, 1.5, "x", true]) assertFailure(await record(aRecord("192.0.2.21", { weight: w })), 400, "INVALID_DATA", /^weight: must be an integer from 1 to 15/);
    assertFailure(await c.call("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { weight: 20, ...Y }), 400, "INVALID_DATA", /^weight: /);
    const cn = await recordSet({ rdata_class: "CNAME", records: [{ rdata: { cname_rdata: { cname: "a.example.net." } }, weight: 255 }] });
    assert.equal(cn.body.data.records[0].weight, 255);
    assertFailure(await recordSet({ rdata_class: "CNAME", records: [{ rdata: { cname_rdata: { cname: "a.example.net." } }, weight: 256 }] }), 400, "INVALID_DATA", /^weight: must be an integer from 1 to 255/);
    const v6 = await recordSet({ rdata_class: "AAAA", records: [{ rdata: { aaaa_rdata: { address: "2001:db8::1" } }, weight: 16 }] });
    assertFailure(v6, 400, "INVALID_DATA", /^weight: must be an integer from 1 to 15/);
  });

  it("record sets: rdata_class, serve/fail/trouble counts, automation, eligible, ttl", async () => {
    assertFailure(await recordSet({}), 400, "MISSING_DATA", /^rdata_class: /);
    for (const cls of ["SOA", "POLICY", "BOGUS", 1]) assertFailure(await recordSet({ rdata_class: cls }), 400, "INVALID_DATA", /^rdata_class: must be one of A, AAAA, /);
    for (const n of [0, 256, "x"]) assertFailure(await recordSet({ rdata_class: "A", serve_count: n }), 400, "INVALID_DATA", /^serve_count: must be an integer from 1 to 255/);
    assertFailure(await recordSet({ rdata_class: "A", fail_count: -1 }), 400, "INVALID_DATA", /^fail_count: /);
    assertFailure(await recordSet({ rdata_class: "A", trouble_count: "many" }), 400, "INVALID_DATA", /^trouble_count: /);
    assertFailure(await recordSet({ rdata_class: "A", automation: "sometimes" }), 400, "INVALID_DATA", /^automation: must be one of auto, auto_down, manual/);
    assertFailure(await recordSet({ rdata_class: "A", eligible: "maybe" }), 400, "INVALID_DATA", /^eligible: must be true or false/);
    assertFailure(await recordSet({ rdata_class: "A", ttl: -5 }), 400, "INVALID_DATA", /^ttl: /);
    assertFailure(await c.call("PUT", `/REST/DSFRecordSet/${S}/${ids.set}/`, { serve_count: 0, ...Y }), 400, "INVALID_DATA", /^serve_count: /);
    const ok = await recordSet({ rdata_class: "A", serve_count: "3", fail_count: "0", eligible: "Y", automation: "auto_down", ttl: "90" });
    assert.deepEqual([ok.body.data.serve_count, ok.body.data.fail_count, ok.body.data.eligible, ok.body.data.automation, ok.body.data.ttl], ["3", "0", "true", "auto_down", "90"]);
  });

  it("records: rdata checked against the record set's class", async () => {
    assertFailure(await record({}), 400, "INVALID_DATA", /^rdata: must be \{"a_rdata": \{…\}\} for a A record set/);
    assertFailure(await record({ rdata: { aaaa_rdata: { address: "2001:db8::1" } } }), 400, "INVALID_DATA", /^rdata: /);
    assertFailure(await record({ rdata: { address: "192.0.2.1" } }), 400, "INVALID_DATA", /^rdata: /);
    assertFailure(await record(aRecord("300.1.1.1")), 400, "INVALID_DATA", /^address: must be an IPv4 address/);
    assertFailure(await record({ rdata: { a_rdata: {} } }), 400, "INVALID_DATA", /^address: is required/);
    assertFailure(await record(aRecord("192.0.2.1", { automation: "always" })), 400, "INVALID_DATA", /^automation: /);
    assertFailure(await record(aRecord("192.0.2.1", { endpoints: "192.0.2.1" })), 400, "INVALID_DATA", /^endpoints: must be an array of strings/);
    assertFailure(await record(aRecord("192.0.2.1", { endpoint_up_count: -1 })), 400, "INVALID_DATA", /^endpoint_up_count: /);
    assertFailure(await c.call("PUT", `/REST/DSFRecord/${S}/${ids.record}/`, { rdata: { a_rdata: { address: "nope" } }, ...Y }), 400, "INVALID_DATA", /^address: /);
    const mx = (body: Record<string, unknown>) => recordSet({ rdata_class: "MX", records: [{ rdata: { mx_rdata: body } }] });
    assertFailure(await mx({ exchange: "mail.example.net." }), 400, "INVALID_DATA", /^preference: is required/);
    assertFailure(await mx({ exchange: "bad host!", preference: 1 }), 400, "INVALID_DATA", /^exchange: must be a valid host name/);
    assertFailure(await mx({ exchange: "mail.example.net.", preference: 70000 }), 400, "INVALID_DATA", /^preference: must be an integer from 0 to 65535/);
    const txt = (txtdata: string) => recordSet({ rdata_class: "TXT", records: [{ rdata: { txt_rdata: { txtdata } } }] });
    assertFailure(await txt("t".repeat(256)), 400, "INVALID_DATA", /^txtdata: Too long/);
    assert.equal((await txt(`"${"t".repeat(255)}" "${"u".repeat(255)}"`)).status, 200, "quoted chunks are fine");
    // dyn-python re-sends attributes it read back inside <type>_rdata: ignored
    assert.equal((await record({ rdata: { a_rdata: { address: "192.0.2.30", status: "unknown", torpidity: 4294967295 } } })).status, 200);
  });

  it("pools and chains: core_set_count, automation, eligible, core", async () => {
    assertFailure(await c.call("POST", `/REST/DSFResponsePool/${S}/`, { label: "p", core_set_count: -1, ...Y }), 400, "INVALID_DATA", /^core_set_count: /);
    assertFailure(await c.call("POST", `/REST/DSFResponsePool/${S}/`, { label: "p", automation: "x", ...Y }), 400, "INVALID_DATA", /^automation: /);
    assertFailure(await c.call("PUT", `/REST/DSFResponsePool/${S}/${ids.pool}/`, { eligible: "perhaps", ...Y }), 400, "INVALID_DATA", /^eligible: /);
    assertFailure(await c.call("PUT", `/REST/DSFRecordSetFailoverChain/${S}/${ids.chain}/`, { core: "sure", ...Y }), 400, "INVALID_DATA", /^core: /);
    assertFailure(await c.call("POST", `/REST/DSFRuleset/${S}/`, { label: "r", response_pools: "p", ...Y }), 400, "INVALID_DATA", /^response_pools: must be an array of objects/);
    assertFailure(await c.call("POST", `/REST/DSFRuleset/${S}/`, { label: "r", ordering: "first", ...Y }), 400, "INVALID_DATA", /^ordering: /);
    assertFailure(await c.call("POST", `/REST/DSFResponsePool/${S}/`, { ...aPool("p", ["192.0.2.1"]), rs_chains: [{ record_sets: [{ rdata_class: "A", records: [aRecord("1.2.3")] }] }], ...Y }), 400, "INVALID_DATA", /^address: /);
  });

  it("services: ttl, nodes outside the account's zones, publish values", async () => {
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", ttl: "soon", ...Y }), 400, "INVALID_DATA", /^ttl: /);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", ttl: -1, ...Y }), 400, "INVALID_DATA", /^ttl: /);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", nodes: [{ zone: "elsewhere.test", fqdn: "www.elsewhere.test" }], ...Y }), 400, "INVALID_DATA", /^zone: elsewhere\.test is not one of your zones/);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", nodes: [{ zone: "td.test", fqdn: "www.other.test" }], ...Y }), 400, "INVALID_DATA", /^fqdn: www\.other\.test is not in zone td\.test/);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", nodes: [{ zone: "td.test", fqdn: "bad host.td.test" }], ...Y }), 400, "INVALID_DATA", /^fqdn: /);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", nodes: "td.test", ...Y }), 400, "INVALID_DATA", /^nodes: /);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", publish: "later" }), 400, "INVALID_DATA", /^publish: /);
    assertFailure(await c.call("POST", "/REST/DSF/", { label: "t", rulesets: [{ label: "r", response_pools: [{ dsf_response_pool_id: "nope" }] }], ...Y }), 404, "NOT_FOUND", /^dsf_response_pool_id: No such response pool nope/);
    assert.deepEqual(Object.keys(emu.control.state().dsf.services), [S], "nothing created by the refused POSTs");
  });

  it("a null or non-object JSON body is refused before any DSF handler runs", async () => {
    assertFailure(await c.call("POST", "/REST/DSF/", undefined, { rawBody: "null" }), 400, "INVALID_REQUEST", /^request: The request body must be a JSON object/);
    assertFailure(await c.call("PUT", `/REST/DSF/${S}/`, undefined, { rawBody: "[1]" }), 400, "INVALID_REQUEST", /^request: /);
  });
});
