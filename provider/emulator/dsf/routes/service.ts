/**
 * `/REST/DSF/[<service_id>/]` (dynect-api.md §7.2, §7.4): list, get, create with the whole tree
 * in one POST, the service-level PUT actions, and the immediate DELETE.
 */
import { fail, info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { truthy } from "../../context";
import { addRuleset } from "../build";
import { MAX_TTL, readId, readInt, readObjectList, readPublish, readServiceLabel } from "../fields";
import { deleteRecordSet, emptyTree, newId, type ServiceTree } from "../model";
import { newLink, type NotifierLink } from "../notifier";
import { serviceJson } from "../serialize";
import type { ServiceEntry } from "../store";
import { draftView } from "../view";
import { assertPublishable, changed, customerOf, depsOf, listReply, mutate, publishService, readView, serviceFor, withContext } from "./common";
import { readNodes } from "./node";

/** The service TTL when none is given (unconfirmed; Dyn's UI proposed 30 s for Traffic Director). */
export const DEFAULT_SERVICE_TTL = 30;

/** The service as a read shows it, or (`reply`) as a POST/PUT answers: the draft with its marks. */
const json = (ctx: Ctx, entry: ServiceEntry, reply?: "reply") => {
  const customer = customerOf(ctx);
  return serviceJson(reply ? draftView(entry) : readView(ctx, entry), (id) => ctx.emu.dsf.notifier(customer, id));
};

export function listServices(ctx: Ctx): Outcome {
  const items = ctx.emu.dsf.servicesOf(customerOf(ctx)).map((e) => ({ uri: `/REST/DSF/${e.id}/`, json: () => json(ctx, e) }));
  return listReply(ctx, "services", items);
}

export function getService(ctx: Ctx): Outcome {
  return ok(json(ctx, serviceFor(ctx, "service")), info(TEXT.dsfGot("service")));
}

/** `notifiers: [{notifier_id}]` of a service POST → links (unknown ids 404). */
function readNotifierLinks(ctx: Ctx, raw: unknown): NotifierLink[] {
  return (readObjectList("notifiers", raw) ?? []).map((n) => {
    const id = readId("notifier_id", n.notifier_id);
    if (id === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("notifier_id"));
    if (!ctx.emu.dsf.notifier(customerOf(ctx), id)) throw fail(404, "NOT_FOUND", TEXT.dsfNoNotifier(id));
    return newLink(id);
  });
}

export function createService(ctx: Ctx): Outcome {
  const a = ctx.args;
  const context = TEXT.dsfContext("add", "service");
  const deps = depsOf(ctx);
  const { tree, links, publishNow } = withContext(context, () => {
    const publish = readPublish(a.publish, false);
    const t = emptyTree(newId(), readServiceLabel(a.label), readInt("ttl", a.ttl, 0, MAX_TTL, DEFAULT_SERVICE_TTL));
    t.nodes = readNodes(ctx, a.nodes);
    // the whole-service POST keeps the array order of its rulesets (§7.4)
    for (const rs of readObjectList("rulesets", a.rulesets) ?? []) addRuleset(t, rs, deps, t.rulesets.length);
    return { tree: t, links: readNotifierLinks(ctx, a.notifiers), publishNow: publish };
  });
  if (publishNow) assertPublishable(ctx, context);
  const entry = ctx.emu.dsf.add(customerOf(ctx), tree, links);
  if (publishNow) publishService(ctx, entry);
  return changed(json(ctx, entry, "reply"), TEXT.dsfAdded("service"), entry);
}

/** `rulesets: [{dsf_ruleset_id}, …]`: a permutation of all the service's rulesets (§7.2). */
function reorder(work: ServiceTree, raw: unknown): void {
  const ids = (readObjectList("rulesets", raw) ?? []).map((r) => readId("dsf_ruleset_id", r.dsf_ruleset_id));
  const known = new Set(work.rulesets.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => id !== undefined && known.has(id))) {
    throw fail(400, "INVALID_DATA", TEXT.dsfReorder);
  }
  work.rulesets = ids.map((id) => work.rulesets.find((r) => r.id === id) as ServiceTree["rulesets"][number]);
}

/** Record sets in no failover chain (POSTed without one) and their records (`remove_orphans`). */
function removeOrphans(work: ServiceTree): void {
  for (const s of [...work.recordSets.values()]) {
    if (s.chainId === null || !work.chains.has(s.chainId)) deleteRecordSet(work, s.id);
  }
}

/**
 * PUT /REST/DSF/<id>/: `revert` (discard the change set), then `label`, `ttl`, `rulesets`
 * (reorder), `remove_orphans`, then the notifier links (immediate), then `publish` (§7.2: dyn-python
 * adds `publish: "Y"` to every service update — apply, then publish).
 */
export function updateService(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "service");
  const a = ctx.args;
  const context = TEXT.dsfContext("update", "service");
  const reverting = truthy(a.revert);
  const linkOps = withContext(context, () => notifierLinkOps(ctx, entry));
  const { published } = mutate(
    ctx,
    entry,
    context,
    (work) => {
      if (a.label !== undefined) work.label = readServiceLabel(a.label);
      if (a.ttl !== undefined) work.ttl = readInt("ttl", a.ttl, 0, MAX_TTL, work.ttl);
      if (a.rulesets !== undefined) reorder(work, a.rulesets);
      if (truthy(a.remove_orphans)) removeOrphans(work);
    },
    reverting ? { from: "published" } : {},
  );
  linkOps();
  ctx.emu.dsf.changed();
  const text = published ? TEXT.dsfPublished : reverting ? TEXT.dsfReverted : TEXT.dsfUpdated("service");
  return changed(json(ctx, entry, "reply"), text, entry);
}

/** Validates `add_notifier`/`remove_notifier` up front and returns the change to apply afterwards. */
function notifierLinkOps(ctx: Ctx, entry: ServiceEntry): () => void {
  const a = ctx.args;
  const ops: (() => void)[] = [];
  if (truthy(a.add_notifier)) {
    const id = readId("notifier_id", a.notifier_id);
    if (id === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("notifier_id"));
    if (!ctx.emu.dsf.notifier(customerOf(ctx), id)) throw fail(404, "NOT_FOUND", TEXT.dsfNoNotifier(id));
    ops.push(() => entry.links.push(newLink(id)));
  }
  if (truthy(a.remove_notifier)) {
    const id = readId("link_id", a.link_id);
    if (id === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("link_id"));
    if (!entry.links.some((l) => l.linkId === id)) throw fail(404, "NOT_FOUND", TEXT.dsfNoLink(id));
    ops.push(() => (entry.links = entry.links.filter((l) => l.linkId !== id)));
  }
  return () => ops.forEach((op) => op());
}

/** DELETE is immediate whatever `publish` says (§7.2; dyn-python and octoDNS send `{}`). */
export function deleteService(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "service");
  ctx.emu.dsf.deleteService(entry.id);
  return ok({}, info(TEXT.dsfDeleted("service")));
}
