/**
 * The TrafficDirector model: the normalised inputs a person reads (pools keyed by name, rules in
 * serving order, rules naming pools in failover order) and the objects DynECT holds behind them
 * (ids, monitoring state — outputs only). `liveModel` maps a live service (dynect-api.md §7.5) back
 * into that model, also one built by hand with labels of its own, so refresh shows drift per path.
 */
import type { DsfAutomation, DsfRdataClass, DsfResponsePool, DsfRuleset, DsfService } from "../sdk";
import { regionName } from "../sdk/schemas/dsf-geo";
import { canonicalRdata, isRecordType, normalizeIPv6 } from "../sdk/schemas/rdata";
import { labelOf } from "./records-common";
import { rdataKey } from "./normalize";

export interface TdRecord {
  rdata: Record<string, unknown>;
  weight: number;
  label: string;
  automation: DsfAutomation;
  eligible: boolean;
}

export interface TdRecordSet {
  type: DsfRdataClass;
  label: string;
  /** absent = inherits the service TTL */
  ttl?: number;
  serveCount: number;
  failCount: number;
  troubleCount: number;
  /** a TrafficDirectorMonitor's id */
  monitor?: string;
  /** canonically sorted by rdata */
  records: TdRecord[];
}

export interface TdChain {
  label: string;
  core: boolean;
  recordSets: TdRecordSet[];
}

export interface TdPool {
  label: string;
  coreSetCount: number;
  automation: DsfAutomation;
  eligible: boolean;
  chains: TdChain[];
}

/** Only non-empty lists are kept; regions by readable name. Each list sorted. */
export interface TdGeo {
  regions?: string[];
  countries?: string[];
  provinces?: string[];
}

export interface TdRule {
  label: string;
  /** absent: the rule matches every query */
  geo?: TdGeo;
  /** pool keys in failover order */
  pools: string[];
  /** last resort: an IP address or host name (Dyn makes a pool of it, §7.4) */
  failover?: string;
}

export interface TdNode {
  zone: string;
  /** relative label, "@" for the apex */
  name: string;
}

export interface TrafficDirectorInputs {
  label: string;
  ttl: number;
  nodes: TdNode[];
  pools: Record<string, TdPool>;
  rules: TdRule[];
  /** notifier ids, sorted; absent: the service's links are left as they are */
  notifiers?: string[];
  adopt?: boolean | string;
}

export interface TdRecordObject {
  recordId: string;
  status: string;
  /** eligibility as monitoring and automation left it */
  eligible: boolean;
  torpidity: number;
}
export interface TdRecordSetObject {
  recordSetId: string;
  status: string;
  /** in the order of the record set's `records` */
  records: TdRecordObject[];
}
export interface TdChainObject {
  chainId: string;
  status: string;
  recordSets: TdRecordSetObject[];
}
export interface TdPoolObject {
  poolId: string;
  status: string;
  eligible: boolean;
  chains: TdChainObject[];
}
/** DynECT's objects behind the declaration, in its shape: ids and monitoring state. Outputs only, never diffed. */
export interface TdObjects {
  rules: { rulesetId: string; failoverPoolId?: string }[];
  pools: Record<string, TdPoolObject>;
  /** notifier id → link id (what unlinking takes) */
  notifierLinks: Record<string, string>;
}

export interface TrafficDirectorOutputs extends TrafficDirectorInputs {
  serviceId: string;
  objects: TdObjects;
}

/** `www` in `example.com` → `www.example.com`. */
export function nodeFqdn(n: TdNode): string {
  return n.name === "@" ? n.zone : `${n.name}.${n.zone}`;
}

/** A failover value as Dyn stores it in the pool label: an address as is (IPv6 in RFC 5952 form), a host name lower-case without trailing dot. */
export function normalizeFailover(value: string): string {
  const v = value.trim().toLowerCase();
  return v.includes(":") ? normalizeIPv6(v) : v.replace(/\.$/, "");
}

function sortByRdata<T extends { rdata: Record<string, unknown> }>(list: T[]): T[] {
  return [...list].sort((a, b) => (rdataKey(a.rdata) < rdataKey(b.rdata) ? -1 : rdataKey(a.rdata) > rdataKey(b.rdata) ? 1 : 0));
}

/** A record's rdata as the model holds it (canonical, §6.3 names; unknown classes as read). */
function modelRdata(rdataClass: string, rdata: Record<string, unknown>): Record<string, unknown> {
  return isRecordType(rdataClass) ? canonicalRdata(rdataClass, rdata) : rdata;
}

function geoOf(rs: DsfRuleset): TdGeo | undefined {
  if (rs.criteria_type === "always") return undefined;
  const sorted = (l: string[]) => [...new Set(l)].sort();
  const geo: TdGeo = {};
  const regions = sorted(rs.criteria.region.map((r) => regionName(r) ?? r));
  const countries = sorted(rs.criteria.country.map((c) => c.toUpperCase()));
  const provinces = sorted(rs.criteria.province.map((p) => p.toUpperCase()));
  if (regions.length) geo.regions = regions;
  if (countries.length) geo.countries = countries;
  if (provinces.length) geo.provinces = provinces;
  return Object.keys(geo).length ? geo : undefined;
}

/** The value a pool made from `{failover: v}` serves (§7.4: one chain, one set, one A/AAAA/CNAME record). */
function failoverValue(pool: DsfResponsePool): string | undefined {
  const chains = pool.rs_chains;
  const sets = chains.length === 1 ? chains[0].record_sets : [];
  const records = sets.length === 1 ? sets[0].records : [];
  if (records.length !== 1 || !["A", "AAAA", "CNAME"].includes(sets[0].rdata_class)) return undefined;
  const r = records[0].rdata;
  const value = normalizeFailover(String(r.address ?? r.cname ?? ""));
  return value !== "" && value === normalizeFailover(pool.label) ? value : undefined;
}

/** What is known about the service beyond the live tree: the declaration (and its objects) the read is compared with. */
export interface LiveHint {
  inputs?: Partial<TrafficDirectorInputs>;
  objects?: Partial<TdObjects>;
}

/**
 * The live service as the input model plus its objects. Pools are named by what the hint knows
 * (their ids in `objects`, or the declared rule/pool positions), else by their own label. A rule's
 * last pool is its failover when the hint says so, or when it looks exactly like one Dyn made of
 * a `{failover}` value. Eligibility of pools and records under automation is monitoring state: the
 * declared value is reported for the input, the live one in `objects`.
 */
export function liveModel(svc: DsfService, hint: LiveHint = {}): { inputs: TrafficDirectorInputs; objects: TdObjects } {
  const declared = hint.inputs ?? {};
  const keyOfId = new Map(Object.entries(hint.objects?.pools ?? {}).map(([key, p]) => [p.poolId, key]));
  const failoverIds = new Set((hint.objects?.rules ?? []).flatMap((r) => (r.failoverPoolId ? [r.failoverPoolId] : [])));
  const taken = new Set(keyOfId.values());
  const keys = new Map<string, string>();
  const useKey = (poolId: string, key: string) => {
    keys.set(poolId, key);
    taken.add(key);
  };
  for (const [id, key] of keyOfId) useKey(id, key);

  /** Known ids decide; else a declared pool at this position; else what Dyn makes of `{failover}`, last in the rule. */
  const isFailover = (rs: DsfRuleset, i: number, pool: DsfResponsePool, at: number, poolsSoFar: number): boolean => {
    const id = pool.dsf_response_pool_id;
    if (failoverIds.has(id)) return true;
    if (keys.has(id)) return false;
    const positional = declared.rules?.[i]?.pools?.[poolsSoFar];
    if (positional !== undefined && !taken.has(positional)) return false;
    return at === rs.response_pools.length - 1 && pool.rulesets.length <= 1 && failoverValue(pool) !== undefined;
  };

  const rules: TdRule[] = [];
  const ruleObjects: TdObjects["rules"] = [];
  const pools = new Map<string, DsfResponsePool>();
  svc.rulesets.forEach((rs, i) => {
    const rule: TdRule = { label: rs.label, pools: [] };
    const geo = geoOf(rs);
    if (geo) rule.geo = geo;
    const obj: TdObjects["rules"][number] = { rulesetId: rs.dsf_ruleset_id };
    rs.response_pools.forEach((pool, at) => {
      if (isFailover(rs, i, pool, at, rule.pools.length)) {
        rule.failover = failoverValue(pool) ?? normalizeFailover(pool.label);
        obj.failoverPoolId = pool.dsf_response_pool_id;
        return;
      }
      if (!keys.has(pool.dsf_response_pool_id)) {
        const positional = declared.rules?.[i]?.pools?.[rule.pools.length];
        if (positional !== undefined && !taken.has(positional)) useKey(pool.dsf_response_pool_id, positional);
        else useKey(pool.dsf_response_pool_id, freeKey(pool.label, taken));
      }
      const key = keys.get(pool.dsf_response_pool_id) as string;
      if (!rule.pools.includes(key)) rule.pools.push(key);
      pools.set(key, pool);
    });
    rules.push(rule);
    ruleObjects.push(obj);
  });

  const inputs: TrafficDirectorInputs = {
    label: svc.label,
    ttl: svc.ttl,
    nodes: svc.nodes.map((n) => ({ zone: n.zone.toLowerCase(), name: labelOf(n.zone.toLowerCase(), n.fqdn) })).sort((a, b) => (`${a.zone} ${a.name}` < `${b.zone} ${b.name}` ? -1 : 1)),
    pools: {},
    rules,
  };
  const objects: TdObjects = { rules: ruleObjects, pools: {}, notifierLinks: {} };
  for (const [key, pool] of [...pools].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const mapped = poolModel(pool, declared.pools?.[key]);
    inputs.pools[key] = mapped.pool;
    objects.pools[key] = mapped.object;
  }
  for (const n of svc.notifiers) objects.notifierLinks[n.notifier.notifier_id] = n.link_id;
  // Links are managed only when declared; a read without a declaration (get) shows them.
  const undeclared = declared.rules === undefined;
  if (declared.notifiers !== undefined || (undeclared && svc.notifiers.length > 0)) {
    inputs.notifiers = [...new Set(svc.notifiers.map((n) => n.notifier.notifier_id))].sort();
  }
  if (declared.adopt !== undefined) inputs.adopt = declared.adopt;
  return { inputs, objects };
}

/** A free key for a pool of a hand-built service: its label, made unique. */
function freeKey(label: string, taken: Set<string>): string {
  const base = label.trim() === "" ? "pool" : label.trim();
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

function poolModel(pool: DsfResponsePool, declared: TdPool | undefined): { pool: TdPool; object: TdPoolObject } {
  const chains = pool.rs_chains.map((chain, ci) => {
    const sets = chain.record_sets.map((set, si) => {
      const declaredSet = declared?.chains?.[ci]?.recordSets?.[si];
      const records = sortByRdata(
        set.records.map((r) => {
          const rdata = modelRdata(set.rdata_class, r.rdata);
          const declaredRecord = declaredSet?.records?.find((d) => rdataKey(d.rdata) === rdataKey(rdata));
          const eligible = r.automation === "manual" ? r.eligible : (declaredRecord?.eligible ?? r.eligible);
          const record: TdRecord = { rdata, weight: r.weight, label: r.label, automation: r.automation, eligible };
          const object: TdRecordObject = { recordId: r.dsf_record_id, status: r.status, eligible: r.eligible, torpidity: r.torpidity };
          return { rdata, record, object };
        }),
      );
      const recordSet: TdRecordSet = {
        type: set.rdata_class as DsfRdataClass,
        label: set.label,
        serveCount: set.serve_count,
        failCount: set.fail_count,
        troubleCount: set.trouble_count,
        records: records.map((r) => r.record),
      };
      if (set.ttl !== undefined) recordSet.ttl = set.ttl;
      if (set.dsf_monitor_id !== undefined) recordSet.monitor = set.dsf_monitor_id;
      const object: TdRecordSetObject = { recordSetId: set.dsf_record_set_id, status: set.status, records: records.map((r) => r.object) };
      return { recordSet, object };
    });
    return {
      chain: { label: chain.label, core: chain.core, recordSets: sets.map((s) => s.recordSet) } as TdChain,
      object: { chainId: chain.dsf_record_set_failover_chain_id, status: chain.status, recordSets: sets.map((s) => s.object) } as TdChainObject,
    };
  });
  const eligible = pool.automation === "manual" ? pool.eligible : (declared?.eligible ?? pool.eligible);
  return {
    pool: { label: pool.label, coreSetCount: pool.core_set_count, automation: pool.automation, eligible, chains: chains.map((c) => c.chain) },
    object: { poolId: pool.dsf_response_pool_id, status: pool.status, eligible: pool.eligible, chains: chains.map((c) => c.object) },
  };
}
