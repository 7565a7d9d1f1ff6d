/**
 * Traffic Director in the emulator's state file (section "dsf"): published service trees, notifier
 * links, monitors and notifiers. Like zone change sets, pending DSF changes are not persisted: after
 * a restart each service's draft equals its published tree.
 */
import { cloneTree, type Chain, type DsfRecord, type Pool, type RecordSet, type ServiceTree } from "./model";
import type { Monitor } from "./monitor";
import type { Notifier, NotifierLink } from "./notifier";
import type { DsfStore } from "./store";

type StoredTree = Omit<ServiceTree, "pools" | "chains" | "recordSets" | "records"> & { pools: Pool[]; chains: Chain[]; recordSets: RecordSet[]; records: DsfRecord[] };

interface Persisted {
  services: { id: string; customer: string; everPublished: boolean; publishedAt: number; links: NotifierLink[]; published: StoredTree }[];
  monitors: Monitor[];
  notifiers: Notifier[];
}

function storedTree(t: ServiceTree): StoredTree {
  return { ...t, pools: [...t.pools.values()], chains: [...t.chains.values()], recordSets: [...t.recordSets.values()], records: [...t.records.values()] };
}

function tree(s: StoredTree): ServiceTree {
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((o) => [o.id, o] as [string, T]));
  return { ...s, pools: byId(s.pools), chains: byId(s.chains), recordSets: byId(s.recordSets), records: byId(s.records) };
}

export function persistDsf(dsf: DsfStore): Persisted {
  return {
    services: [...dsf.services.values()].map((e) => ({ id: e.id, customer: e.customer, everPublished: e.everPublished, publishedAt: e.publishedAt, links: e.links, published: storedTree(e.published) })),
    monitors: [...dsf.monitors.values()],
    notifiers: [...dsf.notifiers.values()],
  };
}

export function restoreDsf(dsf: DsfStore, data: unknown): void {
  if (typeof data !== "object" || data === null) return;
  const p = data as Partial<Persisted>;
  for (const m of p.monitors ?? []) dsf.monitors.set(m.id, m);
  for (const n of p.notifiers ?? []) dsf.notifiers.set(n.id, n);
  for (const s of p.services ?? []) {
    const published = tree(s.published);
    dsf.services.set(s.id, { id: s.id, customer: s.customer, everPublished: s.everPublished, publishedAt: s.publishedAt, links: s.links, published, draft: cloneTree(published) });
  }
}
