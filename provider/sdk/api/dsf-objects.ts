/**
 * The objects inside a Traffic Director service (dynect-api.md §7.2): rulesets, response pools,
 * failover chains, record sets and records — list (`detail=Y`), get, create (with nested children),
 * update (the fields §7.2 lists), delete (with its cascade). One request per call; every mutation
 * takes `publish` (default "Y", §7.3) and answers the object of its level with its nested arrays.
 */
import { z } from "zod";
import type { ApiCaller, CallOptions } from "../engine/call";
import {
  dsfChainSchema,
  dsfRecordSchema,
  dsfRecordSetSchema,
  dsfResponsePoolSchema,
  dsfRulesetSchema,
  type DsfFailoverChain,
  type DsfRecord,
  type DsfRecordSet,
  type DsfResponsePool,
  type DsfRuleset,
} from "../schemas/dsf";
import {
  dsfChainBody,
  dsfChainInputSchema,
  dsfPoolBody,
  dsfPoolInputSchema,
  dsfRecordBody,
  dsfRecordInputSchema,
  dsfRecordSetBody,
  dsfRecordSetInputSchema,
  dsfRulesetBody,
  dsfRulesetInputSchema,
  type DsfFailoverChainInput,
  type DsfRdataClass,
  type DsfRecordInput,
  type DsfRecordSetInput,
  type DsfResponsePoolInput,
  type DsfRulesetInput,
} from "../schemas/dsf-input";
import { dsfId, readArgs, writeArgs, type DsfReadOptions, type DsfWriteOptions } from "./dsf";
import { checkInput } from "./validate";

export type { DsfRuleset, DsfResponsePool, DsfFailoverChain, DsfRecordSet, DsfRecord };

type Body = Record<string, unknown>;

/** The HTTP side of one level: its paths and its reply schema. */
class Level<T> {
  readonly #schema: z.ZodType<T>;
  constructor(
    readonly resource: string,
    readonly what: string,
    schema: z.ZodType<unknown>,
  ) {
    this.#schema = schema as z.ZodType<T>;
  }

  collection(serviceId: string): string {
    return `/REST/${this.resource}/${dsfId(serviceId, "service id")}/`;
  }

  item(serviceId: string, id: string): string {
    return `${this.collection(serviceId)}${dsfId(id, `${this.what} id`)}/`;
  }

  async list(s: ApiCaller, serviceId: string, opts?: DsfReadOptions): Promise<T[]> {
    return (await s.call("GET", this.collection(serviceId), readArgs(opts, { detail: "Y" }), { schema: z.array(this.#schema) })).data;
  }

  async get(s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions): Promise<T> {
    return (await s.call("GET", this.item(serviceId, id), readArgs(opts), { schema: this.#schema })).data;
  }

  async write(s: ApiCaller, method: "POST" | "PUT", path: string, body: Body, opts: DsfWriteOptions | undefined, extra: CallOptions<T> = {}): Promise<T> {
    return (await s.call(method, path, writeArgs(opts, body), { ...extra, schema: this.#schema })).data;
  }

  async remove(s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions): Promise<void> {
    await s.call("DELETE", this.item(serviceId, id), writeArgs(opts));
  }

  /** Validates `input` with `schema` for a call to `path`; the call's own method names the failure. */
  check<I>(schema: z.ZodType<I>, input: unknown, method: string, path: string): I {
    return checkInput(schema, input, this.what, { method, path });
  }
}

const RULESETS = new Level<DsfRuleset>("DSFRuleset", "Traffic Director ruleset", dsfRulesetSchema);
const POOLS = new Level<DsfResponsePool>("DSFResponsePool", "Traffic Director response pool", dsfResponsePoolSchema);
const CHAINS = new Level<DsfFailoverChain>("DSFRecordSetFailoverChain", "Traffic Director failover chain", dsfChainSchema);
const RECORD_SETS = new Level<DsfRecordSet>("DSFRecordSet", "Traffic Director record set", dsfRecordSetSchema);
const RECORDS = new Level<DsfRecord>("DSFRecord", "Traffic Director record", dsfRecordSchema);

// ---- rulesets ----------------------------------------------------------------------------------

export const listDsfRulesets = (s: ApiCaller, serviceId: string, opts?: DsfReadOptions) => RULESETS.list(s, serviceId, opts);
export const getDsfRuleset = (s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions) => RULESETS.get(s, serviceId, id, opts);
export const deleteDsfRuleset = (s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions) => RULESETS.remove(s, serviceId, id, opts);

/** A pool list that makes pools (new bodies or `{failover}`) must not be sent twice. */
const makesPools = (r: Partial<DsfRulesetInput>) => (r.response_pools ?? []).some((e) => !("dsf_response_pool_id" in e));

/**
 * Adds a ruleset at `ordering` (§7.4: ≤ 1 first, above the count or absent appended, else the
 * 1-based position); `response_pools` may reference pools of the service, make new ones, or end
 * with a `{failover}` value.
 */
export function createDsfRuleset(s: ApiCaller, serviceId: string, input: DsfRulesetInput & { ordering?: number }, opts?: DsfWriteOptions): Promise<DsfRuleset> {
  const path = RULESETS.collection(serviceId);
  const { ordering, ...rest } = input;
  const r = RULESETS.check(dsfRulesetInputSchema, rest, "POST", path) as DsfRulesetInput;
  const body = dsfRulesetBody(r, { method: "POST", path });
  if (ordering !== undefined) body.ordering = ordering;
  return RULESETS.write(s, "POST", path, body, opts);
}

/** Changes a ruleset: label, criteria (criteria_type follows them unless given), or the ordered pool list (replaced). */
export function updateDsfRuleset(s: ApiCaller, serviceId: string, id: string, changes: Partial<DsfRulesetInput>, opts?: DsfWriteOptions): Promise<DsfRuleset> {
  const path = RULESETS.item(serviceId, id);
  const c = RULESETS.check(dsfRulesetInputSchema.partial(), changes, "PUT", path) as Partial<DsfRulesetInput>;
  const body = dsfRulesetBody(c, { method: "PUT", path });
  if (c.criteria === undefined && c.criteria_type === undefined) {
    delete body.criteria;
    delete body.criteria_type;
  }
  return RULESETS.write(s, "PUT", path, body, opts, { idempotent: !makesPools(c) });
}

// ---- response pools ----------------------------------------------------------------------------

export const listDsfResponsePools = (s: ApiCaller, serviceId: string, opts?: DsfReadOptions) => POOLS.list(s, serviceId, opts);
export const getDsfResponsePool = (s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions) => POOLS.get(s, serviceId, id, opts);
/** Deletes a pool with its chains; it leaves every ruleset that listed it (§7.2). */
export const deleteDsfResponsePool = (s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions) => POOLS.remove(s, serviceId, id, opts);

/** Adds a service-level pool (with its chains); `rulesetId`/`index` also list it in that ruleset at that 1-based place. */
export function createDsfResponsePool(
  s: ApiCaller,
  serviceId: string,
  input: DsfResponsePoolInput,
  opts?: DsfWriteOptions & { rulesetId?: string; index?: number },
): Promise<DsfResponsePool> {
  const path = POOLS.collection(serviceId);
  const p = POOLS.check(dsfPoolInputSchema, input, "POST", path) as DsfResponsePoolInput;
  const body = dsfPoolBody(p, { method: "POST", path });
  if (opts?.rulesetId !== undefined) body.dsf_ruleset_id = opts.rulesetId;
  if (opts?.index !== undefined) body.index = opts.index;
  return POOLS.write(s, "POST", path, body, opts);
}

export function updateDsfResponsePool(s: ApiCaller, serviceId: string, id: string, changes: Omit<DsfResponsePoolInput, "rs_chains">, opts?: DsfWriteOptions): Promise<DsfResponsePool> {
  const path = POOLS.item(serviceId, id);
  const c = POOLS.check(dsfPoolInputSchema.omit({ rs_chains: true }), changes, "PUT", path);
  return POOLS.write(s, "PUT", path, dsfPoolBody(c, { method: "PUT", path }), opts);
}

// ---- failover chains ---------------------------------------------------------------------------

export const listDsfFailoverChains = (s: ApiCaller, serviceId: string, opts?: DsfReadOptions) => CHAINS.list(s, serviceId, opts);
export const getDsfFailoverChain = (s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions) => CHAINS.get(s, serviceId, id, opts);
export const deleteDsfFailoverChain = (s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions) => CHAINS.remove(s, serviceId, id, opts);

/** Adds a chain (with its record sets) to a pool: `POST …/<service_id>/<pool_id>/` (§7.2). */
export function createDsfFailoverChain(s: ApiCaller, serviceId: string, poolId: string, input: DsfFailoverChainInput, opts?: DsfWriteOptions): Promise<DsfFailoverChain> {
  const path = CHAINS.item(serviceId, poolId);
  const c = CHAINS.check(dsfChainInputSchema, input, "POST", path) as DsfFailoverChainInput;
  return CHAINS.write(s, "POST", path, dsfChainBody(c, { method: "POST", path }), opts);
}

export function updateDsfFailoverChain(s: ApiCaller, serviceId: string, id: string, changes: { label?: string; core?: boolean }, opts?: DsfWriteOptions): Promise<DsfFailoverChain> {
  const path = CHAINS.item(serviceId, id);
  const c = CHAINS.check(dsfChainInputSchema.omit({ record_sets: true }), changes, "PUT", path);
  return CHAINS.write(s, "PUT", path, dsfChainBody(c, { method: "PUT", path }), opts);
}

// ---- record sets -------------------------------------------------------------------------------

export const listDsfRecordSets = (s: ApiCaller, serviceId: string, opts?: DsfReadOptions) => RECORD_SETS.list(s, serviceId, opts);
export const getDsfRecordSet = (s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions) => RECORD_SETS.get(s, serviceId, id, opts);
export const deleteDsfRecordSet = (s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions) => RECORD_SETS.remove(s, serviceId, id, opts);

/** Adds a record set (with its records) to a chain; without `chainId` it is an orphan (`remove_orphans` deletes those). */
export function createDsfRecordSet(s: ApiCaller, serviceId: string, chainId: string | undefined, input: DsfRecordSetInput, opts?: DsfWriteOptions): Promise<DsfRecordSet> {
  const path = RECORD_SETS.collection(serviceId);
  const r = RECORD_SETS.check(dsfRecordSetInputSchema, input, "POST", path) as DsfRecordSetInput;
  const body = dsfRecordSetBody(r, { method: "POST", path });
  if (chainId !== undefined) body.dsf_record_set_failover_chain_id = chainId;
  return RECORD_SETS.write(s, "POST", path, body, opts);
}

/** Changes a record set's fields; `ttl: null` inherits the service TTL again, `dsf_monitor_id: null` detaches the monitor. */
export function updateDsfRecordSet(
  s: ApiCaller,
  serviceId: string,
  id: string,
  changes: Omit<DsfRecordSetInput, "rdata_class" | "records">,
  opts?: DsfWriteOptions,
): Promise<DsfRecordSet> {
  const path = RECORD_SETS.item(serviceId, id);
  const c = RECORD_SETS.check(dsfRecordSetInputSchema.omit({ rdata_class: true, records: true }), changes, "PUT", path);
  const { rdata_class: _class, ...body } = dsfRecordSetBody({ ...c, rdata_class: "A" }, { method: "PUT", path });
  return RECORD_SETS.write(s, "PUT", path, body, opts);
}

// ---- records -----------------------------------------------------------------------------------

export const listDsfRecords = (s: ApiCaller, serviceId: string, opts?: DsfReadOptions) => RECORDS.list(s, serviceId, opts);
export const getDsfRecord = (s: ApiCaller, serviceId: string, id: string, opts?: DsfReadOptions) => RECORDS.get(s, serviceId, id, opts);
export const deleteDsfRecord = (s: ApiCaller, serviceId: string, id: string, opts?: DsfWriteOptions) => RECORDS.remove(s, serviceId, id, opts);

/** Adds a record to a record set of class `rdataClass`: `POST …/<service_id>/<record_set_id>/` (§7.2). */
export function createDsfRecord(s: ApiCaller, serviceId: string, recordSetId: string, rdataClass: DsfRdataClass, input: DsfRecordInput, opts?: DsfWriteOptions): Promise<DsfRecord> {
  const path = RECORDS.item(serviceId, recordSetId);
  const r = RECORDS.check(dsfRecordInputSchema, input, "POST", path) as DsfRecordInput;
  return RECORDS.write(s, "POST", path, dsfRecordBody(rdataClass, r, { method: "POST", path }), opts);
}

/** Changes a record of a record set of class `rdataClass`; `rdata`, when given, is the record's whole new data (§7.2). */
export function updateDsfRecord(s: ApiCaller, serviceId: string, id: string, rdataClass: DsfRdataClass, changes: Partial<DsfRecordInput>, opts?: DsfWriteOptions): Promise<DsfRecord> {
  const path = RECORDS.item(serviceId, id);
  const c = RECORDS.check(dsfRecordInputSchema.partial(), changes, "PUT", path) as Partial<DsfRecordInput>;
  return RECORDS.write(s, "PUT", path, dsfRecordBody(rdataClass, c, { method: "PUT", path }), opts);
}
