/**
 * The per-level PUTs of dynect-api.md §7.2 "Updates": each changes only the fields it is given and
 * leaves the rest as they were. Like build.ts, they work on the caller's working copy.
 */
import { readCriteria } from "./geo";
import { readCriteriaType, readMonitorId, readWeight, resolvePoolEntries, type BuildDeps } from "./build";
import { readAutomation, readBool, readInt, readLabel, readStringList, readTtl } from "./fields";
import type { Chain, DsfRecord, Pool, RecordSet, Ruleset, ServiceTree } from "./model";
import { readRecordRdata } from "./rdata";

type Body = Record<string, unknown>;

const given = (b: Body, k: string): boolean => b[k] !== undefined;

/** `label`, `criteria_type`, `criteria`, `response_pools` (an ordered list that replaces the old one). */
export function updateRuleset(t: ServiceTree, rs: Ruleset, body: Body, deps: BuildDeps): void {
  if (given(body, "label")) rs.label = readLabel("label", body.label, rs.label);
  if (given(body, "criteria")) rs.criteria = readCriteria(body.criteria);
  if (given(body, "criteria_type")) {
    const c = rs.criteria;
    rs.criteriaType = readCriteriaType(body.criteria_type, c.region.length + c.country.length + c.province.length > 0);
  }
  if (given(body, "eligible")) rs.eligible = body.eligible === null ? "" : String(readBool("eligible", body.eligible, true));
  if (given(body, "response_pools")) rs.poolIds = resolvePoolEntries(t, body.response_pools, deps);
}

/** `label`, `core_set_count`, `eligible`, `automation`. */
export function updatePool(pool: Pool, body: Body): void {
  if (given(body, "label")) pool.label = readLabel("label", body.label, pool.label);
  if (given(body, "core_set_count")) pool.coreSetCount = readInt("core_set_count", body.core_set_count, 0, 255, pool.coreSetCount);
  if (given(body, "eligible")) pool.eligible = readBool("eligible", body.eligible, pool.eligible);
  if (given(body, "automation")) pool.automation = readAutomation("automation", body.automation, pool.automation);
}

/** `label`, `core`. */
export function updateChain(chain: Chain, body: Body): void {
  if (given(body, "label")) chain.label = readLabel("label", body.label, chain.label);
  if (given(body, "core")) chain.core = readBool("core", body.core, chain.core);
}

/**
 * `label`, `ttl`, `automation`, `serve_count`, `fail_count`, `trouble_count`, `eligible`,
 * `dsf_monitor_id` ("" detaches). dyn-python's setters also send `"rdata": null` or `master_line`:
 * both are ignored (§7.2).
 */
export function updateRecordSet(set: RecordSet, body: Body, deps: BuildDeps): void {
  if (given(body, "label")) set.label = readLabel("label", body.label, set.label);
  if (given(body, "ttl")) set.ttl = readTtl("ttl", body.ttl, null);
  if (given(body, "automation")) set.automation = readAutomation("automation", body.automation, set.automation);
  if (given(body, "serve_count")) set.serveCount = readInt("serve_count", body.serve_count, 1, 255, set.serveCount);
  if (given(body, "fail_count")) set.failCount = readInt("fail_count", body.fail_count, 0, 255, set.failCount);
  if (given(body, "trouble_count")) set.troubleCount = readInt("trouble_count", body.trouble_count, 0, 255, set.troubleCount);
  if (given(body, "torpidity_max")) set.torpidityMax = readInt("torpidity_max", body.torpidity_max, 0, 4294967295, set.torpidityMax);
  if (given(body, "eligible")) set.eligible = readBool("eligible", body.eligible, set.eligible);
  if (given(body, "dsf_monitor_id")) set.monitorId = readMonitorId(body.dsf_monitor_id, deps, set.monitorId);
}

/** `label`, `weight`, `automation`, `endpoints`, `endpoint_up_count`, `eligible`, `ttl`, and `rdata` merged into the record's. */
export function updateRecord(set: RecordSet, rec: DsfRecord, body: Body): void {
  if (given(body, "label")) rec.label = readLabel("label", body.label, rec.label);
  if (given(body, "weight")) rec.weight = readWeight(set.rdataClass, body.weight, rec.weight);
  if (given(body, "automation")) rec.automation = readAutomation("automation", body.automation, rec.automation);
  if (given(body, "endpoints")) rec.endpoints = readStringList("endpoints", body.endpoints, rec.endpoints);
  if (given(body, "endpoint_up_count")) rec.endpointUpCount = readInt("endpoint_up_count", body.endpoint_up_count, 0, 255, rec.endpointUpCount);
  if (given(body, "eligible")) rec.eligible = readBool("eligible", body.eligible, rec.eligible);
  if (given(body, "ttl")) rec.ttl = readTtl("ttl", body.ttl, null);
  if (body.rdata !== undefined && body.rdata !== null) rec.rdata = readRecordRdata(set.rdataClass, body.rdata, rec.rdata);
}
