/**
 * Reply shapes of dynect-api.md §7.5/§7.6, checked on every kind of reply (item GET, list GET with
 * detail, POST, PUT, nested in the service): the keys dyn-python requires, their JSON types, and
 * the record `rdata` list with a `rdata_<type>` block for every template type.
 */
import { after, before, beforeEach, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { Client, start } from "./helpers";
import { SAMPLES } from "./samples";
import { dsfClient, firstIds, wwwService } from "./dsf-helpers";

type Kind = "string" | "number" | "array" | "object";
/** §7.6 required keys per object, with the JSON type the live API used (§7.5). */
const KEYS: Record<string, Record<string, Kind>> = {
  service: { service_id: "string", label: "string", ttl: "string", active: "string", pending_change: "string", nodes: "array", notifiers: "array", rulesets: "array" },
  ruleset: { dsf_ruleset_id: "string", service_id: "string", label: "string", criteria_type: "string", criteria: "object", ordering: "string", eligible: "string", pending_change: "string", response_pools: "array" },
  pool: { dsf_response_pool_id: "string", service_id: "string", label: "string", core_set_count: "string", eligible: "string", automation: "string", status: "string", last_monitored: "string", notifier: "string", pending_change: "string", rs_chains: "array", rulesets: "array" },
  chain: { dsf_record_set_failover_chain_id: "string", dsf_response_pool_id: "string", service_id: "string", label: "string", core: "string", status: "string", pending_change: "string", record_sets: "array" },
  set: {
    dsf_record_set_id: "string", service_id: "string", rdata_class: "string", label: "string", ttl: "string", ttl_derived: "string", automation: "string", eligible: "string", serve_count: "string",
    fail_count: "string", trouble_count: "string", torpidity_max: "string", dsf_monitor_id: "string", status: "string", last_monitored: "string", pending_change: "string", records: "array",
  },
  record: {
    dsf_record_id: "string", dsf_record_set_id: "string", service_id: "string", label: "string", weight: "number", automation: "string", endpoints: "array", endpoint_up_count: "number", eligible: "string",
    ttl: "string", status: "string", torpidity: "number", response_time: "number", last_monitored: "number", master_line: "string", pending_change: "string", rdata_class: "string", rdata: "array",
  },
};

/** The `rdata_<type>` blocks of §7.5, one per template type. */
const TEMPLATE_TYPES = "a aaaa alias cdnskey cds cert cname csync dhcid dname dnskey ds ipseckey key kx loc mx naptr ns nsap policy ptr px rp soa spf srv sshfp tlsa txt".split(" ");

const kindOf = (v: unknown): string => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

/** Checks one object and, recursively, what it nests; returns how many objects were checked. */
function check(kind: keyof typeof KEYS, o: any, where: string): number {
  for (const [k, t] of Object.entries(KEYS[kind])) assert.equal(kindOf(o[k]), t, `${where}.${k} is ${t}: ${JSON.stringify(o[k])}`);
  let n = 1;
  if (kind === "service") o.rulesets.forEach((r: any, i: number) => (n += check("ruleset", r, `${where}.rulesets[${i}]`)));
  if (kind === "ruleset") {
    assert.deepEqual(Object.keys(o.criteria), ["geoip"]);
    for (const k of ["region", "country", "province"]) assert.ok(Array.isArray(o.criteria.geoip[k]) && o.criteria.geoip[k].every((x: unknown) => typeof x === "string"), `${where}.criteria.geoip.${k}`);
    assert.match(o.ordering, /^[1-9]\d*$/);
    o.response_pools.forEach((p: any, i: number) => (n += check("pool", p, `${where}.response_pools[${i}]`)));
  }
  if (kind === "pool") {
    o.rs_chains.forEach((c: any, i: number) => (n += check("chain", c, `${where}.rs_chains[${i}]`)));
    for (const back of o.rulesets) {
      check("ruleset", back, `${where}.rulesets[]`);
      assert.deepEqual(back.response_pools, [], "back-references stop the recursion");
    }
  }
  if (kind === "chain") o.record_sets.forEach((s: any, i: number) => (n += check("set", s, `${where}.record_sets[${i}]`)));
  if (kind === "set") o.records.forEach((r: any, i: number) => (n += check("record", r, `${where}.records[${i}]`)));
  if (kind === "record") {
    assert.ok(["auto", "auto_down", "manual"].includes(o.automation));
    assert.ok(o.endpoints.every((e: unknown) => typeof e === "string"));
    assert.equal(o.rdata.length, 1, "exactly one rdata element");
    const [el] = o.rdata;
    assert.deepEqual([el.type, el.ttl], [o.rdata_class, ""]);
    assert.deepEqual(Object.keys(el.data).sort(), TEMPLATE_TYPES.map((t) => `rdata_${t}`).sort());
  }
  return n;
}

describe("DSF reply shapes (§7.5, §7.6)", () => {
  let emu: RunningEmulator;
  let c: Client;
  before(async () => {
    emu = await start();
  });
  after(() => emu.close());
  beforeEach(async () => {
    c = await dsfClient(emu);
  });

  it("every reply kind of every level carries the required keys with the recorded JSON types", async () => {
    const posted = await c.ok("POST", "/REST/DSF/", wwwService());
    const S = posted.service_id;
    const ids = firstIds(posted);
    const Y = { publish: "Y" };
    assert.equal(check("service", posted, "POST service"), 1 + 2 + 2 + 2 + 2 + 3);
    check("service", await c.ok("GET", `/REST/DSF/${S}/`, { pending_changes: "Y" }), "GET service");
    for (const s of await c.ok("GET", "/REST/DSF/", { detail: "Y" })) check("service", s, "list service");
    check("service", await c.ok("PUT", `/REST/DSF/${S}/`, { ttl: 60, ...Y }), "PUT service");
    const levels: [keyof typeof KEYS, string, string, Record<string, unknown>][] = [
      ["ruleset", "DSFRuleset", ids.ruleset, { label: "x" }],
      ["pool", "DSFResponsePool", ids.pool, { label: "x" }],
      ["chain", "DSFRecordSetFailoverChain", ids.chain, { label: "x" }],
      ["set", "DSFRecordSet", ids.set, { label: "x" }],
      ["record", "DSFRecord", ids.record, { label: "x" }],
    ];
    for (const [kind, res, id, change] of levels) {
      check(kind, await c.ok("GET", `/REST/${res}/${S}/${id}/`), `GET ${res}`);
      for (const o of await c.ok("GET", `/REST/${res}/${S}/`, { detail: "Y" })) check(kind, o, `list ${res}`);
      check(kind, await c.ok("PUT", `/REST/${res}/${S}/${id}/`, { ...change, ...Y }), `PUT ${res}`);
    }
    check("ruleset", await c.ok("POST", `/REST/DSFRuleset/${S}/`, { label: "n", criteria_type: "always", ...Y }), "POST ruleset");
    check("pool", await c.ok("POST", `/REST/DSFResponsePool/${S}/`, { label: "n", ...Y }), "POST pool");
    check("chain", await c.ok("POST", `/REST/DSFRecordSetFailoverChain/${S}/${ids.pool}/`, { label: "n", ...Y }), "POST chain");
    check("set", await c.ok("POST", `/REST/DSFRecordSet/${S}/`, { rdata_class: "A", dsf_record_set_failover_chain_id: ids.chain, ...Y }), "POST set");
    check("record", await c.ok("POST", `/REST/DSFRecord/${S}/${ids.set}/`, { rdata: { a_rdata: { address: "192.0.2.8" } }, ...Y }), "POST record");
  });

  it("records of every class: the own rdata_<type> block holds the values, every other block is zero/empty-filled", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", { label: "classes", publish: "Y", rulesets: [{ label: "r", criteria_type: "always", response_pools: [{ label: "p", rs_chains: [{ label: "c" }] }] }] });
    const chain = svc.rulesets[0].response_pools[0].rs_chains[0].dsf_record_set_failover_chain_id;
    const classes = Object.keys(SAMPLES).filter((t) => t !== "CAA");
    for (const type of classes) {
      const sample = (SAMPLES as Record<string, { valid: Record<string, unknown> }>)[type].valid;
      const set = await c.ok("POST", `/REST/DSFRecordSet/${svc.service_id}/`, {
        rdata_class: type,
        dsf_record_set_failover_chain_id: chain,
        records: [{ rdata: { [`${type.toLowerCase()}_rdata`]: sample } }],
        publish: "Y",
      });
      const rec = set.records[0];
      check("record", rec, type);
      const data = rec.rdata[0].data;
      const own = data[`rdata_${type.toLowerCase()}`];
      assert.deepEqual(Object.keys(own).sort(), Object.keys(sample).sort(), `${type} fields`);
      for (const [k, v] of Object.entries(sample)) {
        if (typeof v === "number") assert.equal(own[k], v, `${type}.${k} stays an integer`);
        else assert.equal(String(own[k]).replace(/\.$/, "").toLowerCase(), String(v).replace(/\.$/, "").toLowerCase(), `${type}.${k}`);
      }
      for (const [block, fields] of Object.entries(data) as [string, Record<string, unknown>][]) {
        if (block === `rdata_${type.toLowerCase()}`) continue;
        for (const [k, v] of Object.entries(fields)) assert.ok(v === 0 || v === "", `${type}: ${block}.${k} is zero/empty, got ${JSON.stringify(v)}`);
      }
      assert.ok(rec.master_line.length > 0, `${type} master_line`);
    }
    // the CAA type is not part of the DSF template of §7.5
    const caa = await c.call("POST", `/REST/DSFRecordSet/${svc.service_id}/`, { rdata_class: "CAA", dsf_record_set_failover_chain_id: chain, publish: "Y" });
    assert.equal(caa.status, 400);
    assert.match(caa.body.msgs[0].INFO, /^rdata_class: must be one of /);
  });

  it("master_line is the zone-file text of the rdata", async () => {
    const svc = await c.ok("POST", "/REST/DSF/", { label: "ml", publish: "Y", rulesets: [{ label: "r", criteria_type: "always", response_pools: [{ label: "p", rs_chains: [{ label: "c" }] }] }] });
    const chain = svc.rulesets[0].response_pools[0].rs_chains[0].dsf_record_set_failover_chain_id;
    const line = async (type: string, rdata: Record<string, unknown>) =>
      (await c.ok("POST", `/REST/DSFRecordSet/${svc.service_id}/`, { rdata_class: type, dsf_record_set_failover_chain_id: chain, records: [{ rdata: { [`${type.toLowerCase()}_rdata`]: rdata } }], publish: "Y" })).records[0].master_line;
    assert.equal(await line("A", { address: "5.2.3.4" }), "5.2.3.4");
    assert.equal(await line("MX", { exchange: "Mail.Example.com", preference: 10 }), "10 mail.example.com.");
    assert.equal(await line("SRV", { priority: 1, weight: 2, port: 443, target: "t.example.com." }), "1 2 443 t.example.com.");
    assert.equal(await line("TXT", { txtdata: 'say "hi"' }), '"say \\"hi\\""');
    assert.equal(await line("TXT", { txtdata: '"a" "b"' }), '"a" "b"');
    assert.equal(await line("NAPTR", { order: 10, preference: 20, flags: "S", services: "SIP+D2U", regexp: "", replacement: "_sip._udp.example.com" }), '10 20 "S" "SIP+D2U" "" _sip._udp.example.com.');
  });
});
