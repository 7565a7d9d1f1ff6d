/**
 * Creating DSF objects from request bodies (dynect-api.md §7.4): every level's POST and the nested
 * children it may carry (`response_pools` in a ruleset, `rs_chains` in a pool, `record_sets` in a
 * chain, `records` in a record set), so the whole-service POST and the per-level POSTs share one
 * path. Objects are added to a working copy of the service tree; the caller commits it only when
 * everything validated, so a refused request changes nothing. Ids sent inside nested bodies are
 * ignored: nested objects are always new (dyn-python's `to_json` re-sends the ids of chains it read).
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import { readCriteria } from "./geo";
import { readAutomation, readBool, readId, readInt, readLabel, readObjectList, readStringList, readTtl } from "./fields";
import { newId, UNMONITORED, type Chain, type DsfRecord, type Pool, type RecordSet, type Ruleset, type ServiceTree } from "./model";
import { defaultEndpoints, DSF_RDATA_CLASSES, failoverRdata, readRecordRdata } from "./rdata";

/** What building needs to know outside the service: the caller's monitors. */
export interface BuildDeps {
  monitorExists(id: string): boolean;
}

type Body = Record<string, unknown>;

/** The records of one record set may weigh 1–15 (A, AAAA) or 1–255 (CNAME and the other classes) (§7.5). */
export function weightRange(rdataClass: string): [number, number] {
  return rdataClass === "A" || rdataClass === "AAAA" ? [1, 15] : [1, 255];
}

export function readWeight(rdataClass: string, raw: unknown, dflt: number): number {
  const [min, max] = weightRange(rdataClass);
  return readInt("weight", raw, min, max, dflt);
}

/** `dsf_monitor_id`: "" or null detaches; an unknown id is 404 NOT_FOUND (§7.2). */
export function readMonitorId(raw: unknown, deps: BuildDeps, dflt: string): string {
  if (raw === undefined) return dflt;
  const id = readId("dsf_monitor_id", raw);
  if (id === undefined) return "";
  if (!deps.monitorExists(id)) throw fail(404, "NOT_FOUND", TEXT.dsfNoMonitor(id));
  return id;
}

export function readRdataClass(raw: unknown): string {
  if (raw === undefined || raw === null || raw === "") throw fail(400, "MISSING_DATA", TEXT.missingArg("rdata_class"));
  const c = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  if (!DSF_RDATA_CLASSES.includes(c)) throw fail(400, "INVALID_DATA", TEXT.badArg("rdata_class", `must be one of ${DSF_RDATA_CLASSES.join(", ")}`));
  return c;
}

export function addRecord(t: ServiceTree, set: RecordSet, body: Body): DsfRecord {
  const rdata = readRecordRdata(set.rdataClass, body.rdata);
  const endpoints = readStringList("endpoints", body.endpoints, defaultEndpoints(set.rdataClass, rdata));
  const rec: DsfRecord = {
    id: newId(),
    recordSetId: set.id,
    label: readLabel("label", body.label, ""),
    weight: readWeight(set.rdataClass, body.weight, 1),
    automation: readAutomation("automation", body.automation, "auto"),
    eligible: readBool("eligible", body.eligible, true),
    endpoints,
    endpointUpCount: readInt("endpoint_up_count", body.endpoint_up_count, 0, 255, Math.min(1, endpoints.length)),
    ttl: readTtl("ttl", body.ttl, null),
    rdata,
    status: "unknown",
    lastMonitored: 0,
    torpidity: UNMONITORED,
    responseTime: UNMONITORED,
  };
  t.records.set(rec.id, rec);
  return rec;
}

export function addRecordSet(t: ServiceTree, chainId: string | null, body: Body, deps: BuildDeps): RecordSet {
  const set: RecordSet = {
    id: newId(),
    chainId,
    rdataClass: readRdataClass(body.rdata_class),
    label: readLabel("label", body.label, ""),
    ttl: readTtl("ttl", body.ttl, null),
    automation: readAutomation("automation", body.automation, "auto"),
    eligible: readBool("eligible", body.eligible, true),
    serveCount: readInt("serve_count", body.serve_count, 1, 255, 1),
    // the recorded defaults: fail_count "1", trouble_count "0", torpidity_max "0" (§7.5)
    failCount: readInt("fail_count", body.fail_count, 0, 255, 1),
    troubleCount: readInt("trouble_count", body.trouble_count, 0, 255, 0),
    torpidityMax: readInt("torpidity_max", body.torpidity_max, 0, 4294967295, 0),
    monitorId: readMonitorId(body.dsf_monitor_id, deps, ""),
    status: "unknown",
    lastMonitored: 0,
  };
  t.recordSets.set(set.id, set);
  for (const r of readObjectList("records", body.records) ?? []) addRecord(t, set, r);
  return set;
}

export function addChain(t: ServiceTree, poolId: string, body: Body, deps: BuildDeps): Chain {
  const chain: Chain = { id: newId(), poolId, label: readLabel("label", body.label, ""), core: readBool("core", body.core, false), status: "ok" };
  t.chains.set(chain.id, chain);
  for (const s of readObjectList("record_sets", body.record_sets) ?? []) addRecordSet(t, chain.id, s, deps);
  return chain;
}

export function addPool(t: ServiceTree, body: Body, deps: BuildDeps): Pool {
  const pool: Pool = {
    id: newId(),
    label: readLabel("label", body.label, ""),
    // help.dyn.com: core_set_count defaults to 0 (§7.5)
    coreSetCount: readInt("core_set_count", body.core_set_count, 0, 255, 0),
    eligible: readBool("eligible", body.eligible, true),
    automation: readAutomation("automation", body.automation, "auto"),
    status: "ok",
    lastMonitored: 0,
  };
  t.pools.set(pool.id, pool);
  for (const c of readObjectList("rs_chains", body.rs_chains) ?? []) addChain(t, pool.id, c, deps);
  return pool;
}

/** `{failover: "<ip|host>"}`: a last-resort pool labelled with the value: one chain, one record set, one record (§7.4). */
export function addFailoverPool(t: ServiceTree, raw: unknown, deps: BuildDeps): Pool {
  const value = typeof raw === "string" ? raw.trim() : "";
  const made = failoverRdata(value);
  if (!made) throw fail(400, "INVALID_DATA", TEXT.badArg("failover", "must be an IP address or a host name"));
  const pool = addPool(t, { label: value }, deps);
  const chain = addChain(t, pool.id, { label: value }, deps);
  const set = addRecordSet(t, chain.id, { rdata_class: made.rdataClass, label: value }, deps);
  addRecord(t, set, { rdata: { [`${made.rdataClass.toLowerCase()}_rdata`]: made.rdata } });
  return pool;
}

/**
 * A ruleset's `response_pools` (§7.4): `{dsf_response_pool_id}` references an existing pool of the
 * service (unknown → 404 NOT_FOUND), `{failover}` makes a last-resort pool, anything else is a new
 * pool. Returns the pool ids in order; a pool listed twice is kept at its first place.
 */
export function resolvePoolEntries(t: ServiceTree, raw: unknown, deps: BuildDeps): string[] {
  const ids: string[] = [];
  for (const entry of readObjectList("response_pools", raw) ?? []) {
    let id: string;
    const ref = readId("dsf_response_pool_id", entry.dsf_response_pool_id);
    if (ref !== undefined) {
      if (!t.pools.has(ref)) throw fail(404, "NOT_FOUND", TEXT.dsfNoPool(ref));
      id = ref;
    } else if (entry.failover !== undefined && entry.failover !== null) id = addFailoverPool(t, entry.failover, deps).id;
    else id = addPool(t, entry, deps).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function readCriteriaType(raw: unknown, hasCodes: boolean): Ruleset["criteriaType"] {
  if (raw === undefined || raw === null || raw === "") return hasCodes ? "geoip" : "always";
  if (raw === "always" || raw === "geoip") return raw;
  throw fail(400, "INVALID_DATA", TEXT.badArg("criteria_type", "must be always or geoip"));
}

/** A new ruleset, inserted at the 0-based `at` of the serving order. */
export function addRuleset(t: ServiceTree, body: Body, deps: BuildDeps, at: number): Ruleset {
  const criteria = readCriteria(body.criteria);
  const hasCodes = criteria.region.length + criteria.country.length + criteria.province.length > 0;
  const rs: Ruleset = {
    id: newId(),
    label: readLabel("label", body.label, ""),
    criteriaType: readCriteriaType(body.criteria_type, hasCodes),
    criteria,
    eligible: body.eligible === undefined || body.eligible === null ? "" : String(readBool("eligible", body.eligible, true)),
    poolIds: [],
  };
  rs.poolIds = resolvePoolEntries(t, body.response_pools, deps);
  t.rulesets.splice(at, 0, rs);
  return rs;
}
