/**
 * Traffic Director part of `GET /__emulator/state`: per service its published tree in the GET
 * shape plus how much is pending, so a test can assert "nothing half-applied" (the published tree
 * unchanged and `pending: 0`) without going through /REST/.
 */
import { monitorJson } from "./monitor";
import { notifierJson } from "./notifier";
import { serviceJson } from "./serialize";
import type { DsfStore } from "./store";
import { pendingCount, publishedView } from "./view";

export interface DsfServiceState {
  customer: string;
  /** published label (the draft's may differ while pending) */
  label: string;
  /** false while a service POSTed without publish has never been published */
  published: boolean;
  /** the published service as `GET /REST/DSF/<id>/` returns it */
  service: Record<string, unknown>;
  /** objects (service included) with a pending change; 0 = draft equals published */
  pending: number;
}

export function dsfSnapshot(dsf: DsfStore): { services: Record<string, DsfServiceState>; monitors: Record<string, unknown>; notifiers: Record<string, unknown> } {
  const services: Record<string, DsfServiceState> = {};
  for (const e of dsf.services.values()) {
    services[e.id] = {
      customer: e.customer,
      label: e.published.label,
      published: e.everPublished,
      service: serviceJson(publishedView(e), (id) => dsf.notifiers.get(id)),
      pending: pendingCount(e),
    };
  }
  const monitors: Record<string, unknown> = {};
  for (const m of dsf.monitors.values()) monitors[m.id] = { customer: m.customer, ...monitorJson(m, dsf.servicesUsingMonitor(m.customer, m.id), "get") };
  const notifiers: Record<string, unknown> = {};
  for (const n of dsf.notifiers.values()) notifiers[n.id] = { customer: n.customer, ...notifierJson(n, dsf.servicesLinkedTo(n.id)) };
  return { services, monitors, notifiers };
}
