/** Builders and checks shared by the Traffic Director (DSF) emulator tests. */
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../provider/emulator";
import { freshClient, isEnvelope, type Client, type Reply } from "./helpers";

/** The zone every DSF test attaches its services to. */
export const DZ = "td.test";

/** A clean emulator with the zone created and published, and a logged-in client. */
export function dsfClient(emu: RunningEmulator): Promise<Client> {
  return freshClient(emu, DZ);
}

export const aRecord = (address: string, extra: Record<string, unknown> = {}) => ({ rdata: { a_rdata: { address } }, ...extra });

/** A pool with one chain holding one A record set. */
export function aPool(label: string, addresses: string[], extra: { set?: Record<string, unknown>; records?: Record<string, unknown>[] } & Record<string, unknown> = {}) {
  const { set, records, ...pool } = extra;
  return {
    label,
    core_set_count: 1,
    rs_chains: [{ label, record_sets: [{ rdata_class: "A", label, serve_count: 1, ...set, records: records ?? addresses.map((a) => aRecord(a)) }] }],
    ...pool,
  };
}

/** A geo ruleset (countries) with the given pools, or an `always` one without countries. */
export function ruleset(label: string, countries: string[] | null, pools: unknown[]) {
  return countries ? { label, criteria_type: "geoip", criteria: { geoip: { country: countries } }, response_pools: pools } : { label, criteria_type: "always", criteria: null, response_pools: pools };
}

/** `www.td.test.:A` with a US ruleset and a default one, published. */
export function wwwService(extra: Record<string, unknown> = {}) {
  return {
    label: "www.td.test.:A",
    ttl: 300,
    publish: "Y",
    nodes: [{ zone: `${DZ}.`, fqdn: `www.${DZ}.` }],
    rulesets: [ruleset("us", ["US"], [aPool("us", ["192.0.2.1", "192.0.2.2"])]), ruleset("default", null, [aPool("default", ["203.0.113.1"])])],
    ...extra,
  };
}

/** A failure envelope with this status, ERR_CD and a first message matching `info`. */
export function assertFailure(r: Reply, httpStatus: number, errCd: string, info: RegExp): void {
  assert.equal(r.status, httpStatus, r.text);
  assert.ok(isEnvelope(r.body), r.text);
  assert.equal(r.body.status, "failure");
  assert.deepEqual(r.body.data, {});
  assert.equal(r.body.msgs[0].ERR_CD, errCd, r.text);
  assert.equal(r.body.msgs[0].LVL, "ERROR");
  assert.match(r.body.msgs[0].INFO, info);
}

/** The ids of a service's first ruleset/pool/chain/record set/record. */
export function firstIds(svc: any) {
  const rs = svc.rulesets[0];
  const pool = rs.response_pools[0];
  const chain = pool.rs_chains[0];
  const set = chain.record_sets[0];
  return { service: svc.service_id, ruleset: rs.dsf_ruleset_id, pool: pool.dsf_response_pool_id, chain: chain.dsf_record_set_failover_chain_id, set: set.dsf_record_set_id, record: set.records[0].dsf_record_id };
}
