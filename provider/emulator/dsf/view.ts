/**
 * What a read shows (dynect-api.md §7.3): without `pending_changes=Y` the published tree, every
 * `pending_change` "". With it — and in every mutation reply — the draft overlaid on the published
 * tree: objects new in the draft are `add`, changed ones `modify`, and objects deleted in the draft
 * are still listed (after the current ones of their level) with `remove`.
 */
import { cloneTree, type PendingMark, type ServiceTree } from "./model";
import type { ServiceEntry } from "./store";

export interface View {
  entry: ServiceEntry;
  tree: ServiceTree;
  serviceMark: PendingMark;
  mark(id: string): PendingMark;
}

export function publishedView(entry: ServiceEntry): View {
  return { entry, tree: entry.published, serviceMark: "", mark: () => "" };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Merges a level: draft objects (marked add/modify/"") then published-only ones (remove). */
function mergeMap<T extends { id: string }>(draft: Map<string, T>, published: Map<string, T>, marks: Map<string, PendingMark>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [id, o] of draft) {
    const p = published.get(id);
    marks.set(id, !p ? "add" : same(o, p) ? "" : "modify");
    out.set(id, o);
  }
  for (const [id, o] of published) {
    if (!draft.has(id)) {
      marks.set(id, "remove");
      out.set(id, o);
    }
  }
  return out;
}

export function pendingView(entry: ServiceEntry): View {
  const d = cloneTree(entry.draft);
  const p = entry.published;
  const marks = new Map<string, PendingMark>();
  const tree: ServiceTree = {
    ...d,
    pools: mergeMap(d.pools, p.pools, marks),
    chains: mergeMap(d.chains, p.chains, marks),
    recordSets: mergeMap(d.recordSets, p.recordSets, marks),
    records: mergeMap(d.records, p.records, marks),
    rulesets: [],
  };
  const removedPool = (id: string) => marks.get(id) === "remove";
  for (const rs of d.rulesets) {
    const pub = p.rulesets.find((r) => r.id === rs.id);
    marks.set(rs.id, !pub ? "add" : same(rs, pub) ? "" : "modify");
    // a pool deleted in the draft is still shown where the published ruleset listed it
    const gone = pub ? pub.poolIds.filter((id) => removedPool(id) && !rs.poolIds.includes(id)) : [];
    tree.rulesets.push({ ...rs, poolIds: [...rs.poolIds, ...gone] });
  }
  for (const rs of p.rulesets) {
    if (!d.rulesets.some((r) => r.id === rs.id)) {
      marks.set(rs.id, "remove");
      tree.rulesets.push(rs);
    }
  }
  const own = (t: ServiceTree) => ({ label: t.label, ttl: t.ttl, active: t.active, nodes: t.nodes, order: t.rulesets.map((r) => r.id) });
  const serviceMark: PendingMark = !entry.everPublished ? "add" : same(own(d), own(p)) ? "" : "modify";
  return { entry, tree, serviceMark, mark: (id) => marks.get(id) ?? "" };
}

/** The number of objects (service included) a pending read would mark; 0 = nothing pending. */
export function pendingCount(entry: ServiceEntry): number {
  const v = pendingView(entry);
  const ids = [...v.tree.rulesets.map((r) => r.id), ...v.tree.pools.keys(), ...v.tree.chains.keys(), ...v.tree.recordSets.keys(), ...v.tree.records.keys()];
  return ids.filter((id) => v.mark(id) !== "").length + (v.serviceMark !== "" ? 1 : 0);
}
