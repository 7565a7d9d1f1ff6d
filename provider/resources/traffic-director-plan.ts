/**
 * TrafficDirector updates as the smallest set of object-level changes (dynect-api.md §7.2), each
 * staged with `publish: "N"` and published once by the caller: the service's label/ttl, its nodes,
 * pools (new ones POSTed with their tree, changed fields PUT, chains and record sets by position —
 * a record set whose type changes is recreated with the ones after it, so the failover order
 * holds — records by their data), rules (matched by content, then label, then position: changed
 * ones PUT, new ones POSTed, gone ones DELETEd, one reorder PUT when the order differs), and the
 * pools no rule uses any more. Planned from the stored state (its object ids): no read first.
 */
import * as sdk from "../sdk";
import type { DsfPoolEntry, DsfRulesetInput, DynectSession } from "../sdk";
import { chainInput, criteriaOf, poolInput, recordInput, recordSetInput, rulesetInput } from "./traffic-director-body";
import { deepEqual, rdataKey } from "./normalize";
import { nodeFqdn, type TdChain, type TdChainObject, type TdObjects, type TdPool, type TdPoolObject, type TdRecordSet, type TdRecordSetObject, type TdRule, type TrafficDirectorInputs } from "./traffic-director-model";

/** What the steps of one run share; rebuilt for each run, so a plan can be replayed. */
export interface PlanContext {
  readonly session: DynectSession;
  readonly serviceId: string;
  /** pool key → id: the stored ones, plus those made by earlier steps */
  readonly poolIds: Map<string, string>;
  /** new rule index → ruleset id, as rules are matched or made */
  readonly rulesetIds: (string | undefined)[];
}

export interface PlanStep {
  /** e.g. `PUT record pools.eu.chains[0].recordSets[0].records[1]` — for error messages */
  what: string;
  run(ctx: PlanContext): Promise<void>;
}

export interface TdPlan {
  /** staged changes, in order; empty = nothing to publish */
  steps: PlanStep[];
  /** notifier ids to link and link ids to remove: immediate, so applied after the publish */
  link: string[];
  unlink: string[];
  /** new rule index → the ruleset id it keeps (rules made by the plan get theirs when it runs) */
  rulesetIds: (string | undefined)[];
}

const STAGE = { publish: false } as const;

/** The state lacks an object's id (written by something else, or damaged): only a refresh can tell. */
function missing(what: string): never {
  throw new Error(`the stored state has no DynECT id for ${what} — run \`pulumi refresh\` to read the service again`);
}

function changedFields<T extends object>(a: T, b: T, keys: (keyof T)[]): (keyof T)[] {
  return keys.filter((k) => !deepEqual(a[k], b[k]));
}

function recordSetSteps(steps: PlanStep[], path: string, old: TdRecordSet, obj: TdRecordSetObject | undefined, next: TdRecordSet): void {
  const id = obj?.recordSetId ?? missing(path);
  const fields = changedFields(old, next, ["label", "ttl", "serveCount", "failCount", "troubleCount", "monitor"]);
  if (fields.length > 0) {
    const c: Parameters<typeof sdk.updateDsfRecordSet>[3] = {};
    if (fields.includes("label")) c.label = next.label;
    if (fields.includes("ttl")) c.ttl = next.ttl ?? null;
    if (fields.includes("serveCount")) c.serve_count = next.serveCount;
    if (fields.includes("failCount")) c.fail_count = next.failCount;
    if (fields.includes("troubleCount")) c.trouble_count = next.troubleCount;
    if (fields.includes("monitor")) c.dsf_monitor_id = next.monitor ?? null;
    steps.push({ what: `PUT record set ${path}`, run: (x) => sdk.updateDsfRecordSet(x.session, x.serviceId, id, c, STAGE).then(() => undefined) });
  }
  // Records by their data: a changed value is a new record (Dyn then monitors the new address).
  const oldByKey = new Map(old.records.map((r, i) => [rdataKey(r.rdata), { r, recordId: obj?.records[i]?.recordId }]));
  const nextKeys = new Set(next.records.map((r) => rdataKey(r.rdata)));
  old.records.forEach((r, i) => {
    if (nextKeys.has(rdataKey(r.rdata))) return;
    const recordId = obj?.records[i]?.recordId ?? missing(`${path}.records[${i}]`);
    steps.push({ what: `DELETE record ${path}.records[${i}]`, run: (x) => sdk.deleteDsfRecord(x.session, x.serviceId, recordId, STAGE) });
  });
  next.records.forEach((r, i) => {
    const before = oldByKey.get(rdataKey(r.rdata));
    const where = `${path}.records[${i}]`;
    if (!before) {
      steps.push({ what: `POST record ${where}`, run: (x) => sdk.createDsfRecord(x.session, x.serviceId, id, next.type, recordInput(r), STAGE).then(() => undefined) });
      return;
    }
    const changed = changedFields(before.r, r, ["weight", "label", "automation", "eligible"]);
    if (changed.length === 0) return;
    const recordId = before.recordId ?? missing(where);
    const c = Object.fromEntries(changed.map((k) => [k, r[k]]));
    steps.push({ what: `PUT record ${where}`, run: (x) => sdk.updateDsfRecord(x.session, x.serviceId, recordId, next.type, c, STAGE).then(() => undefined) });
  });
}

function chainSteps(steps: PlanStep[], path: string, old: TdChain, obj: TdChainObject | undefined, next: TdChain): void {
  const id = obj?.chainId ?? missing(path);
  const fields = changedFields(old, next, ["label", "core"]);
  if (fields.length > 0) {
    const c = Object.fromEntries(fields.map((k) => [k, next[k]])) as { label?: string; core?: boolean };
    steps.push({ what: `PUT failover chain ${path}`, run: (x) => sdk.updateDsfFailoverChain(x.session, x.serviceId, id, c, STAGE).then(() => undefined) });
  }
  // By position; from the first change of type on, the sets are made anew so their order holds.
  let keep = Math.min(old.recordSets.length, next.recordSets.length);
  for (let i = 0; i < keep; i++) if (old.recordSets[i].type !== next.recordSets[i].type) keep = i;
  for (let i = 0; i < keep; i++) recordSetSteps(steps, `${path}.recordSets[${i}]`, old.recordSets[i], obj?.recordSets[i], next.recordSets[i]);
  for (let i = keep; i < old.recordSets.length; i++) {
    const setId = obj?.recordSets[i]?.recordSetId ?? missing(`${path}.recordSets[${i}]`);
    steps.push({ what: `DELETE record set ${path}.recordSets[${i}]`, run: (x) => sdk.deleteDsfRecordSet(x.session, x.serviceId, setId, STAGE) });
  }
  for (let i = keep; i < next.recordSets.length; i++) {
    const body = recordSetInput(next.recordSets[i]);
    steps.push({ what: `POST record set ${path}.recordSets[${i}]`, run: (x) => sdk.createDsfRecordSet(x.session, x.serviceId, id, body, STAGE).then(() => undefined) });
  }
}

function poolSteps(steps: PlanStep[], path: string, old: TdPool, obj: TdPoolObject, next: TdPool): void {
  const fields = changedFields(old, next, ["label", "coreSetCount", "automation", "eligible"]);
  if (fields.length > 0) {
    const c: Parameters<typeof sdk.updateDsfResponsePool>[3] = {};
    if (fields.includes("label")) c.label = next.label;
    if (fields.includes("coreSetCount")) c.core_set_count = next.coreSetCount;
    if (fields.includes("automation")) c.automation = next.automation;
    if (fields.includes("eligible")) c.eligible = next.eligible;
    steps.push({ what: `PUT response pool ${path}`, run: (x) => sdk.updateDsfResponsePool(x.session, x.serviceId, obj.poolId, c, STAGE).then(() => undefined) });
  }
  const shared = Math.min(old.chains.length, next.chains.length);
  for (let i = 0; i < shared; i++) chainSteps(steps, `${path}.chains[${i}]`, old.chains[i], obj.chains[i], next.chains[i]);
  for (let i = shared; i < old.chains.length; i++) {
    const chainId = obj.chains[i]?.chainId ?? missing(`${path}.chains[${i}]`);
    steps.push({ what: `DELETE failover chain ${path}.chains[${i}]`, run: (x) => sdk.deleteDsfFailoverChain(x.session, x.serviceId, chainId, STAGE) });
  }
  for (let i = shared; i < next.chains.length; i++) {
    const body = chainInput(next.chains[i]);
    steps.push({ what: `POST failover chain ${path}.chains[${i}]`, run: (x) => sdk.createDsfFailoverChain(x.session, x.serviceId, obj.poolId, body, STAGE).then(() => undefined) });
  }
}

/** Old rule index → new rule index: equal rules first, then equal labels, then by position. */
export function matchRules(old: TdRule[], next: TdRule[]): { pairs: Map<number, number>; created: number[]; deleted: number[] } {
  const pairs = new Map<number, number>(); // new → old
  const usedOld = new Set<number>();
  const pass = (same: (o: TdRule, n: TdRule) => boolean) => {
    next.forEach((n, ni) => {
      if (pairs.has(ni)) return;
      const oi = old.findIndex((o, i) => !usedOld.has(i) && same(o, n));
      if (oi < 0) return;
      pairs.set(ni, oi);
      usedOld.add(oi);
    });
  };
  pass((o, n) => deepEqual(o, n));
  pass((o, n) => o.label !== "" && o.label === n.label);
  pass(() => true);
  return {
    pairs,
    created: next.map((_, i) => i).filter((i) => !pairs.has(i)),
    deleted: old.map((_, i) => i).filter((i) => !usedOld.has(i)),
  };
}

function poolEntries(x: PlanContext, rule: TdRule, failoverPoolId: string | undefined): DsfPoolEntry[] {
  const entries: DsfPoolEntry[] = rule.pools.map((key) => ({ dsf_response_pool_id: x.poolIds.get(key) ?? missing(`pools.${key}`) }));
  if (rule.failover !== undefined) entries.push(failoverPoolId ? { dsf_response_pool_id: failoverPoolId } : { failover: rule.failover });
  return entries;
}

function ruleSteps(steps: PlanStep[], cleanup: PlanStep[], rulesetIds: (string | undefined)[], old: TrafficDirectorInputs, objects: TdObjects, next: TrafficDirectorInputs): void {
  const { pairs, created, deleted } = matchRules(old.rules, next.rules);
  const dropFailover = (poolId: string | undefined, why: string) => {
    if (poolId) cleanup.push({ what: `DELETE response pool (failover of ${why})`, run: (x) => sdk.deleteDsfResponsePool(x.session, x.serviceId, poolId, STAGE) });
  };
  for (const [ni, oi] of pairs) {
    const o = old.rules[oi];
    const n = next.rules[ni];
    const ids = objects.rules[oi] ?? missing(`rules[${oi}]`);
    const keepFailover = n.failover !== undefined && n.failover === o.failover ? ids.failoverPoolId : undefined;
    if (o.failover !== undefined && keepFailover === undefined) dropFailover(ids.failoverPoolId, `rules[${ni}]`);
    const c: Partial<DsfRulesetInput> = {};
    if (o.label !== n.label) c.label = n.label;
    if (!deepEqual(o.geo, n.geo)) Object.assign(c, { criteria_type: n.geo ? "geoip" : "always", criteria: criteriaOf(n.geo) });
    const poolsChanged = !deepEqual(o.pools, n.pools) || o.failover !== n.failover;
    rulesetIds[ni] = ids.rulesetId;
    if (Object.keys(c).length === 0 && !poolsChanged) continue;
    steps.push({
      what: `PUT ruleset rules[${ni}]`,
      run: async (x) => {
        const body = poolsChanged ? { ...c, response_pools: poolEntries(x, n, keepFailover) } : c;
        await sdk.updateDsfRuleset(x.session, x.serviceId, ids.rulesetId, body, STAGE);
      },
    });
  }
  for (const ni of created) {
    const rule = next.rules[ni];
    steps.push({
      what: `POST ruleset rules[${ni}]`,
      run: async (x) => {
        x.rulesetIds[ni] = (await sdk.createDsfRuleset(x.session, x.serviceId, rulesetInput(rule, poolEntries(x, rule, undefined)), STAGE)).dsf_ruleset_id;
      },
    });
  }
  for (const oi of deleted) {
    const ids = objects.rules[oi] ?? missing(`rules[${oi}]`);
    steps.push({ what: `DELETE ruleset (was rules[${oi}])`, run: (x) => sdk.deleteDsfRuleset(x.session, x.serviceId, ids.rulesetId, STAGE) });
    dropFailover(ids.failoverPoolId, `the deleted rules[${oi}]`);
  }
  // The order DynECT holds afterwards: kept rulesets as they were, new ones appended.
  const kept = old.rules.map((_, oi) => oi).filter((oi) => !deleted.includes(oi));
  const order = [...kept.map((oi) => [...pairs].find(([, o]) => o === oi)?.[0] as number), ...created];
  if (order.some((ni, at) => ni !== at)) {
    cleanup.push({ what: "PUT service (ruleset order)", run: (x) => sdk.reorderDsfRulesets(x.session, x.serviceId, next.rules.map((_, ni) => x.rulesetIds[ni] as string), STAGE).then(() => undefined) });
  }
}

export function planUpdate(old: TrafficDirectorInputs, objects: TdObjects, next: TrafficDirectorInputs): TdPlan {
  const steps: PlanStep[] = [];
  const cleanup: PlanStep[] = [];
  const rulesetIds: (string | undefined)[] = [];
  if (old.label !== next.label || old.ttl !== next.ttl) {
    const c = { ...(old.label !== next.label ? { label: next.label } : {}), ...(old.ttl !== next.ttl ? { ttl: next.ttl } : {}) };
    steps.push({ what: "PUT service", run: (x) => sdk.updateDsfService(x.session, x.serviceId, c, STAGE).then(() => undefined) });
  }
  if (!deepEqual(old.nodes, next.nodes)) {
    const nodes = next.nodes.map((n) => ({ zone: n.zone, fqdn: nodeFqdn(n) }));
    steps.push({ what: "PUT nodes", run: (x) => sdk.replaceDsfNodes(x.session, x.serviceId, nodes, STAGE).then(() => undefined) });
  }
  for (const [key, pool] of Object.entries(next.pools)) {
    const path = `pools.${key}`;
    const before = old.pools[key];
    const obj = objects.pools[key];
    if (before && obj) poolSteps(steps, path, before, obj, pool);
    else {
      const body = poolInput(pool);
      steps.push({ what: `POST response pool ${path}`, run: async (x) => void x.poolIds.set(key, (await sdk.createDsfResponsePool(x.session, x.serviceId, body, STAGE)).dsf_response_pool_id) });
    }
  }
  ruleSteps(steps, cleanup, rulesetIds, old, objects, next);
  for (const [key, obj] of Object.entries(objects.pools)) {
    if (next.pools[key] && old.pools[key]) continue;
    steps.push({ what: `DELETE response pool pools.${key}`, run: (x) => sdk.deleteDsfResponsePool(x.session, x.serviceId, obj.poolId, STAGE) });
  }
  // Notifier links are managed only when declared.
  const links = next.notifiers === undefined ? {} : (objects.notifierLinks ?? {});
  const want = new Set(next.notifiers ?? []);
  const have = new Set(Object.keys(links));
  return {
    steps: [...steps, ...cleanup],
    link: [...want].filter((id) => !have.has(id)),
    unlink: [...have].filter((id) => !want.has(id)).map((id) => links[id]),
    rulesetIds,
  };
}

/** A fresh context for one run of a plan: the stored pool ids and the rulesets it keeps. */
export function planContext(session: DynectSession, serviceId: string, objects: TdObjects, plan: TdPlan): PlanContext {
  return { session, serviceId, poolIds: new Map(Object.entries(objects.pools).map(([k, p]) => [k, p.poolId])), rulesetIds: [...plan.rulesetIds] };
}
