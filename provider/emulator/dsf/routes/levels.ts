/**
 * The five service-scoped levels of dynect-api.md §7.2 as Level descriptors (level.ts):
 * - rulesets: ordered; POST `ordering` is the insert position; DELETE keeps the pools.
 * - response pools: service-level; POST may attach the new pool to a ruleset (`dsf_ruleset_id`,
 *   `index`); DELETE takes the chains along and removes the pool from every ruleset.
 * - failover chains: `POST …/<svc>/<pool_id>/`; GET/PUT/DELETE on the same form take the chain id.
 * - record sets: POST into the chain the body names, or an orphan without one.
 * - records: `POST …/<svc>/<record_set_id>/`; GET/PUT/DELETE on the same form take the record id.
 * A POST without the parent segment may name the parent in the body (`dsf_response_pool_id`,
 * `dsf_record_set_id`). Deleting a chain or record set deletes its children.
 */
import { fail } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { addChain, addPool, addRecord, addRecordSet, addRuleset } from "../build";
import { readId, readInt } from "../fields";
import { deleteChain, deletePool, deleteRecordSet, insertIndex, type Chain, type DsfRecord, type Pool, type RecordSet, type Ruleset, type ServiceTree } from "../model";
import { chainJson, poolJson, recordJson, recordSetJson, rulesetJson } from "../serialize";
import { updateChain, updatePool, updateRecord, updateRecordSet, updateRuleset } from "../update";
import type { Level } from "./level";

function findIn<T>(objects: Iterable<T & { id: string }>, id: string | undefined, notFound: (id: string) => string): T {
  const o = id === undefined ? undefined : [...objects].find((x) => x.id === id);
  if (!o) throw fail(404, "NOT_FOUND", notFound(id ?? ""));
  return o;
}

const findRuleset = (t: ServiceTree, id: string | undefined): Ruleset => findIn(t.rulesets, id, (x) => TEXT.dsfNoObject("dsf_ruleset_id", "ruleset", x));
const findPool = (t: ServiceTree, id: string | undefined): Pool => findIn(t.pools.values(), id, TEXT.dsfNoPool);
const findChain = (t: ServiceTree, id: string | undefined): Chain => findIn(t.chains.values(), id, (x) => TEXT.dsfNoObject("dsf_record_set_failover_chain_id", "failover chain", x));
const findSet = (t: ServiceTree, id: string | undefined): RecordSet => findIn(t.recordSets.values(), id, (x) => TEXT.dsfNoObject("dsf_record_set_id", "record set", x));
const findRecord = (t: ServiceTree, id: string | undefined): DsfRecord => findIn(t.records.values(), id, (x) => TEXT.dsfNoObject("dsf_record_id", "record", x));

/** An optional insert position (`ordering`, `index`): a number or numeric string. */
function position(field: string, raw: unknown): number | undefined {
  return raw === undefined || raw === null || raw === "" ? undefined : readInt(field, raw, -2147483648, 2147483647, 0);
}

/** The parent id of a POST: the path's third segment, or the body field; MISSING_DATA without either. */
function parentId(ctx: Ctx, field: string): string {
  const id = ctx.params[1] ?? readId(field, ctx.args[field]);
  if (id === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg(field));
  return id;
}

const byId = <T extends { id: string }>(o: T) => o.id;

export const RULESETS: Level<Ruleset> = {
  resource: "DSFRuleset",
  what: "ruleset",
  kind: "ruleset",
  all: (t) => t.rulesets,
  id: byId,
  find: findRuleset,
  json: rulesetJson,
  create: (ctx, work, deps) => addRuleset(work, ctx.args, deps, insertIndex(position("ordering", ctx.args.ordering), work.rulesets.length)).id,
  update: (ctx, work, rs, deps) => updateRuleset(work, rs, ctx.args, deps),
  remove: (work, rs) => {
    work.rulesets = work.rulesets.filter((r) => r.id !== rs.id);
  },
};

export const POOLS: Level<Pool> = {
  resource: "DSFResponsePool",
  what: "response pool",
  kind: "response_pool",
  all: (t) => [...t.pools.values()],
  id: byId,
  find: findPool,
  json: poolJson,
  create: (ctx, work, deps) => {
    const rulesetId = readId("dsf_ruleset_id", ctx.args.dsf_ruleset_id);
    const rs = rulesetId === undefined ? undefined : findRuleset(work, rulesetId);
    const pool = addPool(work, ctx.args, deps);
    if (rs) rs.poolIds.splice(insertIndex(position("index", ctx.args.index), rs.poolIds.length), 0, pool.id);
    return pool.id;
  },
  update: (ctx, _work, pool) => updatePool(pool, ctx.args),
  remove: (work, pool) => deletePool(work, pool.id),
};

export const CHAINS: Level<Chain> = {
  resource: "DSFRecordSetFailoverChain",
  what: "failover chain",
  kind: "rs_chain",
  postWithParent: true,
  all: (t) => [...t.chains.values()],
  id: byId,
  find: findChain,
  json: chainJson,
  create: (ctx, work, deps) => addChain(work, findPool(work, parentId(ctx, "dsf_response_pool_id")).id, ctx.args, deps).id,
  update: (ctx, _work, chain) => updateChain(chain, ctx.args),
  remove: (work, chain) => deleteChain(work, chain.id),
};

export const RECORD_SETS: Level<RecordSet> = {
  resource: "DSFRecordSet",
  what: "record set",
  kind: "record_set",
  all: (t) => [...t.recordSets.values()],
  id: byId,
  find: findSet,
  json: recordSetJson,
  create: (ctx, work, deps) => {
    const chainId = readId("dsf_record_set_failover_chain_id", ctx.args.dsf_record_set_failover_chain_id);
    return addRecordSet(work, chainId === undefined ? null : findChain(work, chainId).id, ctx.args, deps).id;
  },
  update: (ctx, _work, set, deps) => updateRecordSet(set, ctx.args, deps),
  remove: (work, set) => deleteRecordSet(work, set.id),
};

/** Every listed record carries `dsf_record_id`: dyn-python GETs each one after listing (§7.2 "Lists"). */
export const RECORDS: Level<DsfRecord> = {
  resource: "DSFRecord",
  what: "record",
  kind: "record",
  postWithParent: true,
  all: (t) => [...t.records.values()],
  id: byId,
  find: findRecord,
  json: recordJson,
  create: (ctx, work) => addRecord(work, findSet(work, parentId(ctx, "dsf_record_set_id")), ctx.args).id,
  update: (ctx, work, rec) => updateRecord(findSet(work, rec.recordSetId), rec, ctx.args),
  remove: (work, rec) => {
    work.records.delete(rec.id);
  },
};
