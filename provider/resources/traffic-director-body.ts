/**
 * The TrafficDirector model in the SDK's request form (dynect-api.md §7.4): pools, chains, record
 * sets and records as nested bodies, rules as rulesets with geo criteria, and the whole service for
 * the one `POST /REST/DSF/`. A pool listed by several rules can only be written once in that POST
 * (a new service has no pool ids to reference yet); the rules after the first get their full
 * pool list by a ruleset PUT before the publish (`sharedPoolRules`).
 */
import type { DsfFailoverChainInput, DsfPoolEntry, DsfRecordInput, DsfRecordSetInput, DsfResponsePoolInput, DsfRulesetInput, DsfServiceInput } from "../sdk";
import { nodeFqdn, type TdChain, type TdGeo, type TdPool, type TdRecord, type TdRecordSet, type TdRule, type TrafficDirectorInputs } from "./traffic-director-model";

export function recordInput(r: TdRecord): DsfRecordInput {
  return { rdata: r.rdata, weight: r.weight, label: r.label, automation: r.automation, eligible: r.eligible };
}

export function recordSetInput(s: TdRecordSet): DsfRecordSetInput {
  const body: DsfRecordSetInput = {
    rdata_class: s.type,
    label: s.label,
    serve_count: s.serveCount,
    fail_count: s.failCount,
    trouble_count: s.troubleCount,
    records: s.records.map(recordInput),
  };
  if (s.ttl !== undefined) body.ttl = s.ttl;
  if (s.monitor !== undefined) body.dsf_monitor_id = s.monitor;
  return body;
}

export function chainInput(c: TdChain): DsfFailoverChainInput {
  return { label: c.label, core: c.core, record_sets: c.recordSets.map(recordSetInput) };
}

export function poolInput(p: TdPool): DsfResponsePoolInput {
  return { label: p.label, core_set_count: p.coreSetCount, automation: p.automation, eligible: p.eligible, rs_chains: p.chains.map(chainInput) };
}

/** Geo criteria as the SDK takes them (it maps region names to Dyn's codes); `null` = always. */
export function criteriaOf(geo: TdGeo | undefined): DsfRulesetInput["criteria"] {
  if (!geo) return null;
  return { region: geo.regions ?? [], country: geo.countries ?? [], province: geo.provinces ?? [] };
}

export function rulesetInput(rule: TdRule, pools: DsfPoolEntry[]): DsfRulesetInput {
  return { label: rule.label, criteria_type: rule.geo ? "geoip" : "always", criteria: criteriaOf(rule.geo), response_pools: pools };
}

/** Where the whole-service POST wrote each pool: its rule and its place in that ruleset's `response_pools`. */
export type PoolPlaces = Map<string, { rule: number; at: number }>;

/**
 * The whole service for `POST /REST/DSF/`, each pool written in the first rule that lists it, and
 * the rules that list a pool written before (they need their full list by a PUT afterwards).
 */
export function wholeServiceInput(td: TrafficDirectorInputs): { input: DsfServiceInput; places: PoolPlaces; sharedPoolRules: number[] } {
  const places: PoolPlaces = new Map();
  const sharedPoolRules: number[] = [];
  const rulesets = td.rules.map((rule, i) => {
    const entries: DsfPoolEntry[] = [];
    for (const key of rule.pools) {
      if (places.has(key)) continue;
      places.set(key, { rule: i, at: entries.length });
      entries.push(poolInput(td.pools[key]));
    }
    if (rule.pools.some((key) => places.get(key)?.rule !== i)) sharedPoolRules.push(i);
    if (rule.failover !== undefined) entries.push({ failover: rule.failover });
    return rulesetInput(rule, entries);
  });
  const input: DsfServiceInput = { label: td.label, ttl: td.ttl, nodes: td.nodes.map((n) => ({ zone: n.zone, fqdn: nodeFqdn(n) })), rulesets };
  if (td.notifiers && td.notifiers.length > 0) input.notifiers = td.notifiers;
  return { input, places, sharedPoolRules };
}
