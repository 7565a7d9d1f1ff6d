/**
 * The reply shapes of dynect-api.md §7.5/§7.6 (recorded: fixture dsf_service_get). Strings where
 * the live API sent strings (ttl "300", serve_count "2", eligible "true", core "false",
 * ordering "1"), integers for the record fields weight, endpoint_up_count, torpidity,
 * response_time and last_monitored; every nested list always an array. Each level's object is
 * complete with its nested arrays, so the same functions serve item GETs, lists, POST and PUT.
 */
import { chainsOf, recordSetsOf, recordsOf, rulesetsUsing, type Chain, type DsfRecord, type Pool, type RecordSet, type Ruleset } from "./model";
import type { Notifier } from "./notifier";
import { notifierSummary } from "./notifier";
import { masterLine, rdataBlocks } from "./rdata";
import type { View } from "./view";

type Json = Record<string, unknown>;

export function recordJson(v: View, rec: DsfRecord): Json {
  const set = v.tree.recordSets.get(rec.recordSetId) as RecordSet;
  const ttl = rec.ttl ?? set.ttl ?? v.tree.ttl;
  return {
    dsf_record_id: rec.id,
    dsf_record_set_id: rec.recordSetId,
    service_id: v.tree.id,
    label: rec.label,
    master_line: masterLine(set.rdataClass, rec.rdata),
    weight: rec.weight,
    automation: rec.automation,
    eligible: String(rec.eligible),
    endpoints: [...rec.endpoints],
    endpoint_up_count: rec.endpointUpCount,
    ttl: String(ttl),
    rdata_class: set.rdataClass,
    status: rec.status,
    torpidity: rec.torpidity,
    response_time: rec.responseTime,
    last_monitored: rec.lastMonitored,
    pending_change: v.mark(rec.id),
    // exactly one element: dyn-python makes one record object per element (§7.6)
    rdata: [{ type: set.rdataClass, ttl: "", data: rdataBlocks(set.rdataClass, rec.rdata) }],
  };
}

export function recordSetJson(v: View, set: RecordSet): Json {
  return {
    dsf_record_set_id: set.id,
    service_id: v.tree.id,
    rdata_class: set.rdataClass,
    label: set.label,
    ttl: set.ttl === null ? "" : String(set.ttl),
    ttl_derived: String(set.ttl ?? v.tree.ttl),
    automation: set.automation,
    eligible: String(set.eligible),
    serve_count: String(set.serveCount),
    fail_count: String(set.failCount),
    trouble_count: String(set.troubleCount),
    torpidity_max: String(set.torpidityMax),
    dsf_monitor_id: set.monitorId,
    status: set.status,
    last_monitored: String(set.lastMonitored),
    pending_change: v.mark(set.id),
    records: recordsOf(v.tree, set.id).map((r) => recordJson(v, r)),
  };
}

export function chainJson(v: View, chain: Chain): Json {
  return {
    dsf_record_set_failover_chain_id: chain.id,
    dsf_response_pool_id: chain.poolId,
    service_id: v.tree.id,
    label: chain.label,
    core: String(chain.core),
    status: chain.status,
    pending_change: v.mark(chain.id),
    record_sets: recordSetsOf(v.tree, chain.id).map((s) => recordSetJson(v, s)),
  };
}

/** A ruleset without its pools: the pools' `rulesets` back-references (stops the recursion, §7.6). */
function rulesetSummary(v: View, rs: Ruleset): Json {
  return rulesetJson(v, rs, false);
}

export function poolJson(v: View, pool: Pool): Json {
  return {
    dsf_response_pool_id: pool.id,
    service_id: v.tree.id,
    label: pool.label,
    core_set_count: String(pool.coreSetCount),
    eligible: String(pool.eligible),
    automation: pool.automation,
    status: pool.status,
    last_monitored: String(pool.lastMonitored),
    notifier: "",
    pending_change: v.mark(pool.id),
    rs_chains: chainsOf(v.tree, pool.id).map((c) => chainJson(v, c)),
    rulesets: rulesetsUsing(v.tree, pool.id).map((rs) => rulesetSummary(v, rs)),
  };
}

export function rulesetJson(v: View, rs: Ruleset, withPools = true): Json {
  const c = rs.criteria;
  return {
    dsf_ruleset_id: rs.id,
    service_id: v.tree.id,
    label: rs.label,
    criteria_type: rs.criteriaType,
    criteria: { geoip: { region: [...c.region], country: [...c.country], province: [...c.province] } },
    ordering: String(v.tree.rulesets.indexOf(rs) + 1),
    eligible: rs.eligible,
    pending_change: v.mark(rs.id),
    response_pools: withPools ? rs.poolIds.map((id) => v.tree.pools.get(id)).flatMap((p) => (p ? [poolJson(v, p)] : [])) : [],
  };
}

/** The full service (§7.5): nodes, notifier links and every ruleset with its whole tree. */
export function serviceJson(v: View, notifierOf: (id: string) => Notifier | undefined): Json {
  const t = v.tree;
  return {
    service_id: t.id,
    label: t.label,
    ttl: String(t.ttl),
    active: t.active,
    pending_change: v.serviceMark,
    nodes: t.nodes.map((n) => ({ zone: n.zone, fqdn: n.fqdn })),
    notifiers: v.entry.links.flatMap((l) => {
      const n = notifierOf(l.notifierId);
      return n ? [{ link_id: l.linkId, active: "Y", notifier: notifierSummary(n) }] : [];
    }),
    rulesets: t.rulesets.map((rs) => rulesetJson(v, rs)),
  };
}
