/**
 * Account-level Traffic Director objects (dynect-api.md §7.2, §7.5): monitors (`/REST/DSFMonitor/`)
 * and notifiers (`/REST/Notifier/`). Immediate — they take no `publish` (§7.3). Requests nest the
 * monitor's probe options under `options`; replies flatten them, which the schema reads back.
 */
import { z } from "zod";
import type { ApiCaller } from "../engine/call";
import { dsfMonitorSchema, notifierSchema, type DsfMonitor, type Notifier } from "../schemas/dsf";
import { dsfMonitorInputSchema, notifierInputSchema, type DsfMonitorInput, type NotifierInput } from "../schemas/dsf-input";
import { dsfId } from "./dsf";
import { checkInput } from "./validate";

export type { DsfMonitor, Notifier };

const monitorPath = (id?: string) => `/REST/DSFMonitor/${id === undefined ? "" : `${dsfId(id, "monitor id")}/`}`;
const monitorSchema = dsfMonitorSchema as z.ZodType<DsfMonitor>;

export async function listDsfMonitors(s: ApiCaller): Promise<DsfMonitor[]> {
  return (await s.call("GET", monitorPath(), { detail: "Y" }, { schema: z.array(monitorSchema) })).data;
}

export async function getDsfMonitor(s: ApiCaller, monitorId: string): Promise<DsfMonitor> {
  return (await s.call("GET", monitorPath(monitorId), undefined, { schema: monitorSchema })).data;
}

/** Creates a monitor. Labels need not be unique, so an ambiguous failure is not repeated blindly: a monitor with the same label and protocol counts as created. */
export async function createDsfMonitor(s: ApiCaller, input: DsfMonitorInput): Promise<DsfMonitor> {
  const path = monitorPath();
  const m = checkInput(dsfMonitorInputSchema, input, "Traffic Director monitor", { method: "POST", path });
  return (
    await s.call("POST", path, m, {
      schema: monitorSchema,
      verifyAfterAmbiguousFailure: async (unqueued) => {
        const same = (await listDsfMonitors(unqueued)).filter((x) => x.label === m.label && x.protocol === m.protocol);
        return same.length === 1 ? same[0] : undefined;
      },
    })
  ).data;
}

/** Changes the given fields; `options` are merged key by key (§7.2). */
export async function updateDsfMonitor(s: ApiCaller, monitorId: string, changes: Partial<DsfMonitorInput>): Promise<DsfMonitor> {
  const path = monitorPath(monitorId);
  const c = checkInput(dsfMonitorInputSchema.partial(), changes, "Traffic Director monitor", { method: "PUT", path });
  return (await s.call("PUT", path, c, { schema: monitorSchema })).data;
}

/** Deletes a monitor (immediate). DynECT refuses one that record sets still use: detach it first. */
export async function deleteDsfMonitor(s: ApiCaller, monitorId: string): Promise<void> {
  await s.call("DELETE", monitorPath(monitorId));
}

// ---- notifiers ---------------------------------------------------------------------------------

const notifierPath = (id?: string) => `/REST/Notifier/${id === undefined ? "" : `${dsfId(id, "notifier id")}/`}`;
const asNotifier = notifierSchema as z.ZodType<Notifier>;

export async function listNotifiers(s: ApiCaller): Promise<Notifier[]> {
  return (await s.call("GET", notifierPath(), { detail: "Y" }, { schema: z.array(asNotifier) })).data;
}

export async function getNotifier(s: ApiCaller, notifierId: string): Promise<Notifier> {
  return (await s.call("GET", notifierPath(notifierId), undefined, { schema: asNotifier })).data;
}

/** Creates a notifier; `services: [{service_class: "DSF", service_id}]` links it to Traffic Director services. */
export async function createNotifier(s: ApiCaller, input: NotifierInput): Promise<Notifier> {
  const path = notifierPath();
  const n = checkInput(notifierInputSchema, input, "notifier", { method: "POST", path });
  return (await s.call("POST", path, n, { schema: asNotifier })).data;
}

/** Changes the given fields; `services` replaces the services it reports on. */
export async function updateNotifier(s: ApiCaller, notifierId: string, changes: Partial<NotifierInput>): Promise<Notifier> {
  const path = notifierPath(notifierId);
  const c = checkInput(notifierInputSchema.partial(), changes, "notifier", { method: "PUT", path });
  return (await s.call("PUT", path, c, { schema: asNotifier })).data;
}

/** Deletes a notifier; it leaves every service it was linked to. */
export async function deleteNotifier(s: ApiCaller, notifierId: string): Promise<void> {
  await s.call("DELETE", notifierPath(notifierId));
}
