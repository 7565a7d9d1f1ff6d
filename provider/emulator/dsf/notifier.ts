/**
 * Notifiers (`/REST/Notifier/`, dynect-api.md §7.5, §8 Accounts): account-level, immediate.
 * Request `{label, recipients: [{recipient, format, features?}], services: [{service_class, service_id}]}`;
 * a `DSF` service entry links the notifier to that Traffic Director service (the service's
 * `notifiers[]` then shows `{link_id, active, notifier: {…}}`, dyn-python's shape, §7.6).
 */
import { fail } from "../envelope";
import { TEXT } from "../messages";
import { readBool, readLabel, readObjectList } from "./fields";
import { newId } from "./model";

export interface Notifier {
  id: string;
  customer: string;
  label: string;
  recipients: Record<string, unknown>[];
  /** `Monitor` service entries as sent; `DSF` ones live as links on the services */
  monitorServices: { service_class: "Monitor"; service_id: string; active: "Y" | "N" }[];
  active: "Y" | "N";
}

export interface NotifierLink {
  linkId: string;
  notifierId: string;
}

type Body = Record<string, unknown>;

/** Recipients: `{recipient, format?, …}` objects (format defaults to "email") or bare address strings. */
function readRecipients(raw: unknown): Record<string, unknown>[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw fail(400, "INVALID_DATA", TEXT.badArg("recipients", "must be an array"));
  return raw.map((r) => {
    const item = typeof r === "string" ? { recipient: r } : r;
    if (typeof item !== "object" || item === null || typeof (item as Body).recipient !== "string" || (item as Body).recipient === "") {
      throw fail(400, "INVALID_DATA", TEXT.badArg("recipients", "each entry needs a recipient"));
    }
    return { format: "email", ...(item as Body) };
  });
}

/** `services` of a notifier request, split into DSF service ids and Monitor entries. */
export function readNotifierServices(raw: unknown): { dsf: string[]; monitor: Notifier["monitorServices"] } {
  const dsf: string[] = [];
  const monitor: Notifier["monitorServices"] = [];
  for (const s of readObjectList("services", raw) ?? []) {
    const id = typeof s.service_id === "string" ? s.service_id : typeof s.service_id === "number" ? String(s.service_id) : "";
    if (id === "") throw fail(400, "MISSING_DATA", TEXT.missingArg("services.service_id"));
    if (s.service_class === "DSF") dsf.push(id);
    else if (s.service_class === "Monitor") monitor.push({ service_class: "Monitor", service_id: id, active: readBool("services.active", s.active, true) ? "Y" : "N" });
    else throw fail(400, "INVALID_DATA", TEXT.badArg("services.service_class", "must be DSF or Monitor"));
  }
  return { dsf, monitor };
}

export function createNotifier(customer: string, body: Body): Notifier {
  if (body.label === undefined || body.label === null || body.label === "") throw fail(400, "MISSING_DATA", TEXT.missingArg("label"));
  return {
    id: newId(),
    customer,
    label: readLabel("label", body.label, ""),
    recipients: readRecipients(body.recipients),
    monitorServices: readNotifierServices(body.services).monitor,
    active: readBool("active", body.active, true) ? "Y" : "N",
  };
}

/** The given fields of a PUT on a copy; `services` is handled by the route (links live on services). */
export function updatedNotifier(n: Notifier, body: Body): Notifier {
  const next = structuredClone(n);
  if (body.label !== undefined) next.label = readLabel("label", body.label, n.label);
  if (body.recipients !== undefined) next.recipients = readRecipients(body.recipients);
  if (body.services !== undefined) next.monitorServices = readNotifierServices(body.services).monitor;
  if (body.active !== undefined) next.active = readBool("active", body.active, n.active === "Y") ? "Y" : "N";
  return next;
}

/** The notifier as a service's `notifiers[].notifier` shows it (§7.5). */
export function notifierSummary(n: Notifier): Record<string, unknown> {
  return { notifier_id: n.id, label: n.label, recipients: n.recipients.map((r) => ({ ...r })), active: n.active };
}

/** The /REST/Notifier/ reply: the summary plus its services (DSF links and Monitor entries). */
export function notifierJson(n: Notifier, dsfServiceIds: string[]): Record<string, unknown> {
  return {
    ...notifierSummary(n),
    services: [...dsfServiceIds.map((id) => ({ service_class: "DSF", service_id: id, active: "Y" })), ...n.monitorServices.map((s) => ({ ...s }))],
  };
}

export function newLink(notifierId: string): NotifierLink {
  return { linkId: newId(), notifierId };
}
