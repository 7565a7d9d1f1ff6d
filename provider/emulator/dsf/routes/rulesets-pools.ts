/**
 * `/REST/DSFRuleset/<svc>/[<id>/]` and `/REST/DSFResponsePool/<svc>/[<id>/]` (dynect-api.md §7.2).
 * Rulesets are ordered; POST `ordering` is the insert position. Pools are service-level: a pool
 * POST may attach the new pool to a ruleset (`dsf_ruleset_id`, `index`); deleting a pool removes it
 * from every ruleset, deleting a ruleset keeps its pools.
 */
import { fail, info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { addPool, addRuleset } from "../build";
import { readId, readInt } from "../fields";
import { deletePool, insertIndex, type Pool, type Ruleset, type ServiceTree } from "../model";
import { poolJson, rulesetJson } from "../serialize";
import { updatePool, updateRuleset } from "../update";
import { changed, depsOf, listReply, mutate, readView, serviceFor } from "./common";

export function findRuleset(t: ServiceTree, id: string | undefined, field = "dsf_ruleset_id"): Ruleset {
  const rs = id === undefined ? undefined : t.rulesets.find((r) => r.id === id);
  if (!rs) throw fail(404, "NOT_FOUND", TEXT.dsfNoObject(field, "ruleset", id ?? ""));
  return rs;
}

export function findPool(t: ServiceTree, id: string | undefined): Pool {
  const p = id === undefined ? undefined : t.pools.get(id);
  if (!p) throw fail(404, "NOT_FOUND", TEXT.dsfNoPool(id ?? ""));
  return p;
}

/** An optional insert position (`ordering`, `index`): a number or numeric string. */
function position(field: string, raw: unknown): number | undefined {
  return raw === undefined || raw === null || raw === "" ? undefined : readInt(field, raw, -2147483648, 2147483647, 0);
}

// ---- rulesets -------------------------------------------------------------------------------

export function listRulesets(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "ruleset");
  const v = readView(ctx, entry);
  return listReply(
    ctx,
    "rulesets",
    v.tree.rulesets.map((rs) => ({ uri: `/REST/DSFRuleset/${entry.id}/${rs.id}/`, json: () => rulesetJson(v, rs) })),
  );
}

export function getRuleset(ctx: Ctx): Outcome {
  const v = readView(ctx, serviceFor(ctx, "ruleset"));
  return ok(rulesetJson(v, findRuleset(v.tree, ctx.params[1])), info(TEXT.dsfGot("ruleset")));
}

export function createRuleset(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "ruleset");
  const deps = depsOf(ctx);
  const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", "ruleset"), (work) => {
    const at = insertIndex(position("ordering", ctx.args.ordering), work.rulesets.length);
    return addRuleset(work, ctx.args, deps, at).id;
  });
  return changed(rulesetJson(view, findRuleset(view.tree, id)), TEXT.dsfAdded("ruleset"), entry);
}

export function putRuleset(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "ruleset");
  const deps = depsOf(ctx);
  const id = ctx.params[1];
  const { view } = mutate(ctx, entry, TEXT.dsfContext("update", "ruleset"), (work) => updateRuleset(work, findRuleset(work, id), ctx.args, deps));
  return changed(rulesetJson(view, findRuleset(view.tree, id)), TEXT.dsfUpdated("ruleset"), entry);
}

export function deleteRuleset(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "ruleset");
  const id = ctx.params[1];
  mutate(ctx, entry, TEXT.dsfContext("delete", "ruleset"), (work) => {
    findRuleset(work, id);
    work.rulesets = work.rulesets.filter((r) => r.id !== id);
  });
  return changed({}, TEXT.dsfDeleted("ruleset"), entry);
}

// ---- response pools -------------------------------------------------------------------------

export function listPools(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "response_pool");
  const v = readView(ctx, entry);
  return listReply(
    ctx,
    "response pools",
    [...v.tree.pools.values()].map((p) => ({ uri: `/REST/DSFResponsePool/${entry.id}/${p.id}/`, json: () => poolJson(v, p) })),
  );
}

export function getPool(ctx: Ctx): Outcome {
  const v = readView(ctx, serviceFor(ctx, "response_pool"));
  return ok(poolJson(v, findPool(v.tree, ctx.params[1])), info(TEXT.dsfGot("response pool")));
}

export function createPool(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "response_pool");
  const deps = depsOf(ctx);
  const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", "response pool"), (work) => {
    const rulesetId = readId("dsf_ruleset_id", ctx.args.dsf_ruleset_id);
    const rs = rulesetId === undefined ? undefined : findRuleset(work, rulesetId);
    const pool = addPool(work, ctx.args, deps);
    if (rs) rs.poolIds.splice(insertIndex(position("index", ctx.args.index), rs.poolIds.length), 0, pool.id);
    return pool.id;
  });
  return changed(poolJson(view, findPool(view.tree, id)), TEXT.dsfAdded("response pool"), entry);
}

export function putPool(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "response_pool");
  const id = ctx.params[1];
  const { view } = mutate(ctx, entry, TEXT.dsfContext("update", "response pool"), (work) => updatePool(findPool(work, id), ctx.args));
  return changed(poolJson(view, findPool(view.tree, id)), TEXT.dsfUpdated("response pool"), entry);
}

export function deletePoolRoute(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "response_pool");
  const id = ctx.params[1];
  mutate(ctx, entry, TEXT.dsfContext("delete", "response pool"), (work) => {
    findPool(work, id);
    deletePool(work, id);
  });
  return changed({}, TEXT.dsfDeleted("response pool"), entry);
}
