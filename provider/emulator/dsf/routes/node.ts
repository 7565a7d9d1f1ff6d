/**
 * `/REST/DSFNode/<service_id>` (dynect-api.md §7.2; dyn-python sends no trailing slash):
 * GET the node list, POST `{node}` adds, PUT `{nodes}` replaces, DELETE `{node}` removes; every
 * reply is the node list after the change. Zone and fqdn may end with a dot (octoDNS sends
 * `"example.com."`): it is stripped and never returned. The zone must be one of the caller's;
 * attaching a service to a name inside it creates the node (it shows in NodeList once published).
 */
import { fail, info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { inZone, isHostname, normalizeName } from "../../validate";
import { readObject, readObjectList } from "../fields";
import type { DsfNode } from "../model";
import { changed, customerOf, mutate, readView, serviceFor, withContext } from "./common";

function nameArg(field: string, raw: unknown): string {
  if (raw === undefined || raw === null || raw === "") throw fail(400, "MISSING_DATA", TEXT.missingArg(field));
  if (typeof raw !== "string") throw fail(400, "INVALID_DATA", TEXT.badArg(field, "must be a domain name"));
  return normalizeName(raw);
}

/** One `{zone, fqdn}`; fqdn defaults to the zone (dyn-python's `DSFNode(zone)` sends `zone + "."`). */
export function readNode(ctx: Ctx, raw: Record<string, unknown>): DsfNode {
  const zone = nameArg("zone", raw.zone);
  const fqdn = raw.fqdn === undefined || raw.fqdn === null || raw.fqdn === "" ? zone : nameArg("fqdn", raw.fqdn);
  if (!ctx.emu.store.zoneOf(customerOf(ctx), zone)) throw fail(400, "INVALID_DATA", TEXT.dsfNodeZone(zone));
  if (!isHostname(fqdn)) throw fail(400, "INVALID_DATA", TEXT.fqdnInvalid(fqdn));
  if (!inZone(fqdn, zone)) throw fail(400, "INVALID_DATA", TEXT.fqdnNotInZone(fqdn, zone));
  return { zone, fqdn };
}

/** A node list without duplicates, in the order given. */
export function readNodes(ctx: Ctx, raw: unknown): DsfNode[] {
  const out: DsfNode[] = [];
  for (const n of readObjectList("nodes", raw) ?? []) {
    const node = readNode(ctx, n);
    if (!out.some((o) => o.zone === node.zone && o.fqdn === node.fqdn)) out.push(node);
  }
  return out;
}

const nodesJson = (nodes: DsfNode[]) => nodes.map((n) => ({ zone: n.zone, fqdn: n.fqdn }));

function oneNode(ctx: Ctx, context: string): DsfNode {
  return withContext(context, () => {
    const node = readObject("node", ctx.args.node);
    if (!node) throw fail(400, "MISSING_DATA", TEXT.missingArg("node"));
    return readNode(ctx, node);
  });
}

export function getNodes(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "node");
  return ok(nodesJson(readView(ctx, entry).tree.nodes), info(TEXT.dsfNodes));
}

export function addNode(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "node");
  const node = oneNode(ctx, TEXT.dsfContext("add", "node"));
  const { view } = mutate(ctx, entry, TEXT.dsfContext("add", "node"), (work) => {
    if (!work.nodes.some((n) => n.zone === node.zone && n.fqdn === node.fqdn)) work.nodes.push(node);
  });
  return changed(nodesJson(view.tree.nodes), TEXT.dsfNodes, entry);
}

export function replaceNodes(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "node");
  const context = TEXT.dsfContext("update", "nodes");
  if (ctx.args.nodes === undefined) throw fail(400, "MISSING_DATA", TEXT.missingArg("nodes"), context);
  const nodes = withContext(context, () => readNodes(ctx, ctx.args.nodes));
  const { view } = mutate(ctx, entry, context, (work) => {
    work.nodes = nodes;
  });
  return changed(nodesJson(view.tree.nodes), TEXT.dsfNodes, entry);
}

export function removeNode(ctx: Ctx): Outcome {
  const entry = serviceFor(ctx, "node");
  const context = TEXT.dsfContext("delete", "node");
  const node = oneNode(ctx, context);
  const { view } = mutate(ctx, entry, context, (work) => {
    const i = work.nodes.findIndex((n) => n.zone === node.zone && n.fqdn === node.fqdn);
    if (i < 0) throw fail(404, "NOT_FOUND", TEXT.dsfNodeMissing(node.fqdn));
    work.nodes.splice(i, 1);
  });
  return changed(nodesJson(view.tree.nodes), TEXT.dsfNodes, entry);
}
