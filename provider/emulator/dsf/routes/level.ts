/**
 * The one set of handlers behind every service-scoped level (rulesets, response pools, failover
 * chains, record sets, records; dynect-api.md §7.2): a level says how to list, find, serialise,
 * create, update and delete its objects, and gets GET (list/item), POST, PUT and DELETE from here.
 */
import { info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import type { RouteDef } from "../../routes";
import type { BuildDeps } from "../build";
import type { ServiceTree } from "../model";
import type { View } from "../view";
import { byArity, changed, depsOf, listReply, mutate, readView, serviceFor, type DsfKind } from "./common";

export interface Level<T> {
  /** `/REST/<resource>/…` */
  resource: string;
  /** in messages: "response pool" */
  what: string;
  kind: DsfKind;
  all(t: ServiceTree): T[];
  id(o: T): string;
  /** the object or 404 NOT_FOUND naming the id field */
  find(t: ServiceTree, id: string | undefined): T;
  json(v: View, o: T): unknown;
  /** adds the object of a POST to the working tree; returns its id */
  create(ctx: Ctx, work: ServiceTree, deps: BuildDeps): string;
  update(ctx: Ctx, work: ServiceTree, o: T, deps: BuildDeps): void;
  /** deletes the object and what it takes with it (§7.2 "Deletes") */
  remove(work: ServiceTree, o: T): void;
  /** a 3-segment POST names the parent (pool of a chain, record set of a record) */
  postWithParent?: boolean;
}

export function levelRoute<T>(l: Level<T>): RouteDef {
  const list = (ctx: Ctx): Outcome => {
    const entry = serviceFor(ctx, l.kind);
    const v = readView(ctx, entry);
    return listReply(
      ctx,
      `${l.what}s`,
      l.all(v.tree).map((o) => ({ uri: `/REST/${l.resource}/${entry.id}/${l.id(o)}/`, json: () => l.json(v, o) })),
    );
  };
  const get = (ctx: Ctx): Outcome => {
    const v = readView(ctx, serviceFor(ctx, l.kind));
    return ok(l.json(v, l.find(v.tree, ctx.params[1])), info(TEXT.dsfGot(l.what)));
  };
  const post = (ctx: Ctx): Outcome => {
    const entry = serviceFor(ctx, l.kind);
    const deps = depsOf(ctx);
    const { result: id, view } = mutate(ctx, entry, TEXT.dsfContext("add", l.what), (work) => l.create(ctx, work, deps));
    return changed(l.json(view, l.find(view.tree, id)), TEXT.dsfAdded(l.what), entry);
  };
  const put = (ctx: Ctx): Outcome => {
    const entry = serviceFor(ctx, l.kind);
    const deps = depsOf(ctx);
    const id = ctx.params[1];
    const { view } = mutate(ctx, entry, TEXT.dsfContext("update", l.what), (work) => l.update(ctx, work, l.find(work, id), deps));
    return changed(l.json(view, l.find(view.tree, id)), TEXT.dsfUpdated(l.what), entry);
  };
  const del = (ctx: Ctx): Outcome => {
    const entry = serviceFor(ctx, l.kind);
    mutate(ctx, entry, TEXT.dsfContext("delete", l.what), (work) => l.remove(work, l.find(work, ctx.params[1])));
    return changed({}, TEXT.dsfDeleted(l.what), entry);
  };
  return {
    name: l.resource,
    params: ["service_id", "id"],
    minParams: 1,
    methods: {
      GET: byArity(l.resource, "GET", 1, list, get),
      POST: l.postWithParent ? post : byArity(l.resource, "POST", 1, post),
      PUT: byArity(l.resource, "PUT", 1, undefined, put),
      DELETE: byArity(l.resource, "DELETE", 1, undefined, del),
    },
  };
}
