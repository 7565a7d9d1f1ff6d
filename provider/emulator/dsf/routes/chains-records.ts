/**
 * `/REST/DSFRecordSetFailoverChain/`, `/REST/DSFRecordSet/`, `/REST/DSFRecord/` (dynect-api.md §7.2).
 * The 3-segment paths are read by method: `POST …Chain/<svc>/<pool_id>/` creates a chain in that
 * pool and `POST DSFRecord/<svc>/<record_set_id>/` a record in that set, while GET/PUT/DELETE on the
 * same form take the chain or record id. A POST without that segment may name the parent in the
 * body (`dsf_response_pool_id`, `dsf_record_set_id`). Deleting a chain or record set deletes its children.
 */
import { fail, info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { addChain, addRecord, addRecordSet } from "../build";
import { readId } from "../fields";
import { deleteChain, deleteRecordSet, type Chain, type DsfRecord, type RecordSet, type ServiceTree } from "../model";
import { chainJson, recordJson, recordSetJson } from "../serialize";
import { updateChain, updateRecord, updateRecordSet } from "../update";
import { changed, depsOf, listReply, mutate, readView, serviceFor } from "./common";
import { findPool } from "./rulesets-pools";

function findIn<T>(map: Map<string, T>, id: string | undefined, field: string, what: string): T {
  const o = id === undefined ? undefined : map.get(id);
  if (!o) throw fail(404, "NOT_FOUND", TEXT.dsfNoObject(field, what, id ?? ""));
  return o;
}

const findChain = (t: ServiceTree, id: string | undefined): Chain => findIn(t.chains, id, "dsf_record_set_failover_chain_id", "failover chain");
const findSet = (t: ServiceTree, id: string | undefined): RecordSet => findIn(t.recordSets, id, "dsf_record_set_id", "record set");
const findRecord = (t: ServiceTree, id: string | undefined): DsfRecord => findIn(t.records, id, "dsf_record_id", "record");

/** The parent id of a POST: the path's third segment, or the body field. */
function parentId(ctx: Ctx, field: string): string | undefined {
  return ctx.params[1] ?? readId(field, ctx.args[field]);
}

// ---- failover chains ------------------------------------------------------------------------

export function listChains(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "rs_chain");
  const v = readView(ctx, entry);
  return listReply(
    ctx,
    "failover chains",
    [...v.tree.chains.values()].map((c) => ({ uri: `/REST/DSFRecordSetFailoverChain/${entry.id}/${c.id}/`, json: () => chainJson(v, c) })),
  );
}

export function getChain(ctx: Ctx): Outcome {
  const v = readView(ctx, serviceFor(ctx, "rs_chain"));
  return ok(chainJson(v, findChain(v.tree, ctx.params[1])), info(TEXT.dsfGot("failover chain")));
}

export function createChain(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "rs_chain");
  const deps = depsOf(ctx);
  const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", "failover chain"), (work) => {
    const poolId = parentId(ctx, "dsf_response_pool_id");
    if (poolId === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("dsf_response_pool_id"));
    return addChain(work, findPool(work, poolId).id, ctx.args, deps).id;
  });
  return changed(chainJson(view, findChain(view.tree, id)), TEXT.dsfAdded("failover chain"), entry);
}

export function putChain(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "rs_chain");
  const id = ctx.params[1];
  const { view } = mutate(ctx, entry, TEXT.dsfContext("update", "failover chain"), (work) => updateChain(findChain(work, id), ctx.args));
  return changed(chainJson(view, findChain(view.tree, id)), TEXT.dsfUpdated("failover chain"), entry);
}

export function deleteChainRoute(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "rs_chain");
  const id = ctx.params[1];
  mutate(ctx, entry, TEXT.dsfContext("delete", "failover chain"), (work) => deleteChain(work, findChain(work, id).id));
  return changed({}, TEXT.dsfDeleted("failover chain"), entry);
}

// ---- record sets ----------------------------------------------------------------------------

export function listRecordSets(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record_set");
  const v = readView(ctx, entry);
  return listReply(
    ctx,
    "record sets",
    [...v.tree.recordSets.values()].map((s) => ({ uri: `/REST/DSFRecordSet/${entry.id}/${s.id}/`, json: () => recordSetJson(v, s) })),
  );
}

export function getRecordSet(ctx: Ctx): Outcome {
  const v = readView(ctx, serviceFor(ctx, "record_set"));
  return ok(recordSetJson(v, findSet(v.tree, ctx.params[1])), info(TEXT.dsfGot("record set")));
}

/** POST /REST/DSFRecordSet/<svc>/: in the chain the body names, or an orphan without one (§7.2). */
export function createRecordSet(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record_set");
  const deps = depsOf(ctx);
  const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", "record set"), (work) => {
    const chainId = readId("dsf_record_set_failover_chain_id", ctx.args.dsf_record_set_failover_chain_id);
    return addRecordSet(work, chainId === undefined ? null : findChain(work, chainId).id, ctx.args, deps).id;
  });
  return changed(recordSetJson(view, findSet(view.tree, id)), TEXT.dsfAdded("record set"), entry);
}

export function putRecordSet(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record_set");
  const deps = depsOf(ctx);
  const id = ctx.params[1];
  const { view } = mutate(ctx, entry, TEXT.dsfContext("update", "record set"), (work) => updateRecordSet(findSet(work, id), ctx.args, deps));
  return changed(recordSetJson(view, findSet(view.tree, id)), TEXT.dsfUpdated("record set"), entry);
}

export function deleteRecordSetRoute(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record_set");
  const id = ctx.params[1];
  mutate(ctx, entry, TEXT.dsfContext("delete", "record set"), (work) => deleteRecordSet(work, findSet(work, id).id));
  return changed({}, TEXT.dsfDeleted("record set"), entry);
}

// ---- records --------------------------------------------------------------------------------

/** Every record carries `dsf_record_id` (dyn-python GETs each one after listing, §7.2 "Lists"). */
export function listRecords(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record");
  const v = readView(ctx, entry);
  return listReply(
    ctx,
    "records",
    [...v.tree.records.values()].map((r) => ({ uri: `/REST/DSFRecord/${entry.id}/${r.id}/`, json: () => recordJson(v, r) })),
  );
}

export function getRecord(ctx: Ctx): Outcome {
  const v = readView(ctx, serviceFor(ctx, "record"));
  return ok(recordJson(v, findRecord(v.tree, ctx.params[1])), info(TEXT.dsfGot("record")));
}

export function createRecord(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record");
  const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", "record"), (work) => {
    const setId = parentId(ctx, "dsf_record_set_id");
    if (setId === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("dsf_record_set_id"));
    return addRecord(work, findSet(work, setId), ctx.args).id;
  });
  return changed(recordJson(view, findRecord(view.tree, id)), TEXT.dsfAdded("record"), entry);
}

export function putRecord(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record");
  const id = ctx.params[1];
  const { view } = mutate(ctx, entry, TEXT.dsfContext("update", "record"), (work) => {
    const rec = findRecord(work, id);
    updateRecord(findSet(work, rec.recordSetId), rec, ctx.args);
  });
  return changed(recordJson(view, findRecord(view.tree, id)), TEXT.dsfUpdated("record"), entry);
}

export function deleteRecordRoute(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "record");
  const id = ctx.params[1];
  mutate(ctx, entry, TEXT.dsfContext("delete", "record"), (work) => work.records.delete(findRecord(work, id).id));
  return changed({}, TEXT.dsfDeleted("record"), entry);
}
