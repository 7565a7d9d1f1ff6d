/**
 * The account-level objects: `/REST/DSFMonitor/[<id>/]` and `/REST/Notifier/[<id>/]`
 * (dynect-api.md §7.2, §7.5). No publish: every call takes effect at once (§7.3).
 */
import { fail, info, ok, type Outcome } from "../../envelope";
import type { Ctx } from "../../context";
import { TEXT } from "../../messages";
import { createMonitor, monitorJson, updatedMonitor, type Monitor } from "../monitor";
import { createNotifier, newLink, notifierJson, readNotifierServices, updatedNotifier, type Notifier } from "../notifier";
import { customerOf, listReply, withContext } from "./common";

// ---- monitors -------------------------------------------------------------------------------

function monitorFor(ctx: Ctx): Monitor {
  const m = ctx.params[0] ? ctx.emu.dsf.monitor(customerOf(ctx), ctx.params[0]) : undefined;
  if (!m) throw fail(404, "NOT_FOUND", TEXT.dsfNoMonitor(ctx.params[0] ?? ""));
  return m;
}

const monitorReply = (ctx: Ctx, m: Monitor, reply: "get" | "write") => monitorJson(m, ctx.emu.dsf.servicesUsingMonitor(m.customer, m.id), reply);

export function listMonitors(ctx: Ctx): Outcome {
  const r = listReply(
    ctx,
    "monitors",
    ctx.emu.dsf.monitorsOf(customerOf(ctx)).map((m) => ({ uri: `/REST/DSFMonitor/${m.id}/`, json: () => monitorReply(ctx, m, "get") })),
  );
  return { ...r, msgs: [info(TEXT.dsfMonitorList)] };
}

export function getMonitor(ctx: Ctx): Outcome {
  return ok(monitorReply(ctx, monitorFor(ctx), "get"), info(TEXT.dsfMonitorGot));
}

export function postMonitor(ctx: Ctx): Outcome {
  const m = withContext(TEXT.dsfContext("add", "monitor"), () => createMonitor(customerOf(ctx), ctx.args));
  ctx.emu.dsf.putMonitor(m);
  return ok(monitorReply(ctx, m, "write"), info(TEXT.dsfAdded("monitor")));
}

export function putMonitor(ctx: Ctx): Outcome {
  const next = withContext(TEXT.dsfContext("update", "monitor"), () => updatedMonitor(monitorFor(ctx), ctx.args));
  ctx.emu.dsf.putMonitor(next);
  return ok(monitorReply(ctx, next, "write"), info(TEXT.dsfUpdated("monitor")));
}

/** A monitor still attached to record sets (published or pending) is refused: detach it first (emulator choice). */
export function deleteMonitor(ctx: Ctx): Outcome {
  const m = monitorFor(ctx);
  const users = ctx.emu.dsf.servicesUsingMonitor(m.customer, m.id);
  if (users.length > 0) throw fail(400, "ILLEGAL_OPERATION", TEXT.dsfMonitorInUse(users.join(", ")), TEXT.dsfContext("delete", "monitor"));
  ctx.emu.dsf.deleteMonitor(m.id);
  return ok({}, info(TEXT.dsfDeleted("monitor")));
}

// ---- notifiers ------------------------------------------------------------------------------

function notifierFor(ctx: Ctx): Notifier {
  const n = ctx.params[0] ? ctx.emu.dsf.notifier(customerOf(ctx), ctx.params[0]) : undefined;
  if (!n) throw fail(404, "NOT_FOUND", TEXT.dsfNoNotifier(ctx.params[0] ?? ""));
  return n;
}

const notifierReply = (ctx: Ctx, n: Notifier) => notifierJson(n, ctx.emu.dsf.servicesLinkedTo(n.id));

/** `services: [{service_class: "DSF", service_id}]` → the set of services the notifier is linked to (unknown ids 404). */
function linkServices(ctx: Ctx, n: Notifier, raw: unknown): () => void {
  const wanted = readNotifierServices(raw).dsf;
  const entries = wanted.map((id) => {
    const e = ctx.emu.dsf.service(customerOf(ctx), id);
    if (!e) throw fail(404, "NOT_FOUND", TEXT.dsfNoService(ctx.method, "service"));
    return e;
  });
  return () => {
    for (const e of ctx.emu.dsf.servicesOf(n.customer)) {
      const linked = e.links.some((l) => l.notifierId === n.id);
      if (linked && !wanted.includes(e.id)) e.links = e.links.filter((l) => l.notifierId !== n.id);
    }
    for (const e of entries) if (!e.links.some((l) => l.notifierId === n.id)) e.links.push(newLink(n.id));
  };
}

export function listNotifiers(ctx: Ctx): Outcome {
  return listReply(
    ctx,
    "notifiers",
    ctx.emu.dsf.notifiersOf(customerOf(ctx)).map((n) => ({ uri: `/REST/Notifier/${n.id}/`, json: () => notifierReply(ctx, n) })),
  );
}

export function getNotifier(ctx: Ctx): Outcome {
  return ok(notifierReply(ctx, notifierFor(ctx)), info(TEXT.dsfGot("notifier")));
}

export function postNotifier(ctx: Ctx): Outcome {
  const { n, link } = withContext(TEXT.dsfContext("add", "notifier"), () => {
    const created = createNotifier(customerOf(ctx), ctx.args);
    return { n: created, link: linkServices(ctx, created, ctx.args.services) };
  });
  ctx.emu.dsf.putNotifier(n);
  link();
  return ok(notifierReply(ctx, n), info(TEXT.dsfAdded("notifier")));
}

export function putNotifier(ctx: Ctx): Outcome {
  const { next, link } = withContext(TEXT.dsfContext("update", "notifier"), () => {
    const n = updatedNotifier(notifierFor(ctx), ctx.args);
    return { next: n, link: ctx.args.services === undefined ? () => undefined : linkServices(ctx, n, ctx.args.services) };
  });
  link();
  ctx.emu.dsf.putNotifier(next);
  return ok(notifierReply(ctx, next), info(TEXT.dsfUpdated("notifier")));
}

/** Deleting a notifier unlinks it from every service. */
export function deleteNotifier(ctx: Ctx): Outcome {
  const n = notifierFor(ctx);
  ctx.emu.dsf.deleteNotifier(n.id);
  return ok({}, info(TEXT.dsfDeleted("notifier")));
}
