/**
 * What the DSF route handlers share: finding the caller's service and objects (404 otherwise),
 * choosing the view a read shows, and the one mutation path — edit a working copy of the draft,
 * commit it only when the whole request validated, then publish when asked (§7.3).
 */
import { ApiError, errorMsg, fail, info, ok, type Msg, type Outcome } from "../../envelope";
import { sessionOf, truthy, type Ctx } from "../../context";
import { TEXT } from "../../messages";
import type { Handler } from "../../routes/types";
import type { BuildDeps } from "../build";
import { readPublish } from "../fields";
import { cloneTree, type ServiceTree } from "../model";
import type { ServiceEntry } from "../store";
import { draftView, pendingCount, pendingReadView, publishedView, type View } from "../view";

export function customerOf(ctx: Ctx): string {
  return sessionOf(ctx).customer;
}

/** The object kinds a DSF route works on, as the subsystem of its "No service found" message. */
export type DsfKind = "service" | "ruleset" | "response_pool" | "rs_chain" | "record_set" | "record" | "node";

/** The caller's service of the path, or 404 with the live text (dyn-python's docs show `detail: No service found`, `record_update: No service found`). */
export function serviceFor(ctx: Ctx, kind: DsfKind): ServiceEntry {
  const entry = ctx.params[0] ? ctx.emu.dsf.service(customerOf(ctx), ctx.params[0]) : undefined;
  if (!entry) throw new ApiError(404, [errorMsg("NOT_FOUND", TEXT.dsfNoService(ctx.method, kind))]);
  return entry;
}

export function depsOf(ctx: Ctx): BuildDeps {
  const customer = customerOf(ctx);
  return { monitorExists: (id) => ctx.emu.dsf.monitor(customer, id) !== undefined };
}

/** Reads show the published tree; with `pending_changes=Y` (dyn-python sends it on every service GET) the change set flagged on it (view.ts). */
export function readView(ctx: Ctx, entry: ServiceEntry): View {
  return truthy(ctx.args.pending_changes) ? pendingReadView(entry) : publishedView(entry);
}

/** Runs `fn`; a refusal gets the INFO `context` appended (`create: Ruleset not created`, …). */
export function withContext<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError(e.httpStatus, [...e.msgs, info(context)]);
    throw e;
  }
}

/**
 * The test control `dsf-fail-publish`: a request that would publish answers 400 OPERATION_FAILED
 * instead, applying nothing of itself (what it staged before stays staged). Call before committing.
 */
export function assertPublishable(ctx: Ctx, context: string): void {
  if (ctx.emu.dsf.takePublishFailure()) throw new ApiError(400, [errorMsg("OPERATION_FAILED", TEXT.dsfPublishFailed), info(context)]);
}

/** Publishes the service's draft: counted in the metrics; `notes` go to the notes of the attached zones (§7.3). */
export function publishService(ctx: Ctx, entry: ServiceEntry): void {
  const now = Math.floor(Date.now() / 1000);
  ctx.emu.dsf.publish(entry, now);
  ctx.emu.metrics.dsfPublish(entry.id);
  const notes = typeof ctx.args.notes === "string" && ctx.args.notes !== "" ? ctx.args.notes : undefined;
  if (notes === undefined) return;
  const user = sessionOf(ctx).user;
  for (const zoneName of new Set(entry.published.nodes.map((n) => n.zone))) {
    const zone = ctx.emu.store.zoneOf(entry.customer, zoneName);
    if (!zone) continue;
    zone.notes.push({ ts: now, note: notes, user, serial: zone.serial });
    ctx.emu.store.changed();
  }
}

/**
 * A change to one service: `edit` works on a copy of the draft (or of the published tree when
 * `from` says so) and returns what the reply needs; nothing is kept when it throws. Afterwards the
 * service is published when `publish` says "Y" — absent means staged, except where the caller
 * passes `publishByDefault` (§7.3). The reply view is the draft with its pending marks.
 */
export function mutate<T>(ctx: Ctx, entry: ServiceEntry, context: string, edit: (work: ServiceTree) => T, opts: { from?: "published"; publishByDefault?: boolean } = {}): { result: T; view: View; published: boolean } {
  const publishNow = withContext(context, () => readPublish(ctx.args.publish, opts.publishByDefault ?? false));
  const work = cloneTree(opts.from === "published" ? entry.published : entry.draft);
  const result = withContext(context, () => edit(work));
  if (publishNow) assertPublishable(ctx, context);
  entry.draft = work;
  if (publishNow) publishService(ctx, entry);
  return { result, view: draftView(entry), published: publishNow };
}

/** The success reply of a mutation: its message, plus a note while the service has unpublished changes. */
export function changed(data: unknown, text: string, entry: ServiceEntry): Outcome {
  const msgs: Msg[] = [info(text)];
  if (pendingCount(entry) > 0) msgs.push(info(TEXT.dsfStaged));
  return ok(data, ...msgs);
}

/** Collection (no id) vs item (with id) handlers of one method; a missing side answers 400 INVALID_REQUEST. */
export function byArity(resource: string, method: string, idParams: number, collection?: Handler, item?: Handler): Handler {
  return (ctx) => {
    const h = ctx.params.length > idParams ? item : collection;
    if (!h) throw fail(400, "INVALID_REQUEST", TEXT.badMethod(method, ctx.params.length > idParams ? `${resource} with an id` : `${resource} without an id`));
    return h(ctx);
  };
}

/** `GET` on a collection: full objects with `detail=Y`, else their URIs (§7.2 "Lists"). */
export function listReply(ctx: Ctx, what: string, items: { uri: string; json: () => unknown }[]): Outcome {
  const detail = truthy(ctx.args.detail);
  return ok(
    items.map((i) => (detail ? i.json() : i.uri)),
    info(TEXT.dsfList(what)),
  );
}
