/**
 * What a reply shows of a service with staged changes (dynect-api.md §7.3).
 *
 * - Reads without `pending_changes=Y`: the published tree, every `pending_change` "".
 * - Reads with `pending_changes=Y` ("published objects plus pending ones with their change type"):
 *   the published tree with the change set flagged — objects that exist only in the draft are added
 *   (`add`, after the published ones of their level), published objects whose own fields differ in
 *   the draft keep their published values and say `modify`, objects the draft deleted say `remove`.
 *   dyn-python's documentation shows exactly this for the service itself: with implicit publish off,
 *   `td.label = "…"` then `td.refresh()` (a GET with `pending_changes=Y`) still reads the old label.
 * - POST/PUT replies: the draft itself, marked the same way, so the client reads back what it changed.
 *
 * "Own fields" are an object's scalar fields, its parent, and for a ruleset its pool list; for the
 * service its label, ttl, nodes and ruleset order.
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

const serviceFields = (t: ServiceTree) => ({ label: t.label, ttl: t.ttl, active: t.active, nodes: t.nodes, order: t.rulesets.map((r) => r.id) });

/** The change type of every object id of either tree, and of the service. */
function diff(entry: ServiceEntry): { marks: Map<string, PendingMark>; serviceMark: PendingMark } {
  const d = entry.draft;
  const p = entry.published;
  const marks = new Map<string, PendingMark>();
  const level = <T>(draft: Map<string, T> | T[], published: Map<string, T> | T[], idOf: (o: T) => string) => {
    const pub = new Map([...published.values()].map((o) => [idOf(o), o] as [string, T]));
    const dr = new Map([...draft.values()].map((o) => [idOf(o), o] as [string, T]));
    for (const [id, o] of dr) marks.set(id, !pub.has(id) ? "add" : same(o, pub.get(id)) ? "" : "modify");
    for (const id of pub.keys()) if (!dr.has(id)) marks.set(id, "remove");
  };
  const byId = (o: { id: string }) => o.id;
  level(d.pools, p.pools, byId);
  level(d.chains, p.chains, byId);
  level(d.recordSets, p.recordSets, byId);
  level(d.records, p.records, byId);
  level(d.rulesets, p.rulesets, byId);
  const serviceMark: PendingMark = !entry.everPublished ? "add" : same(serviceFields(d), serviceFields(p)) ? "" : "modify";
  return { marks, serviceMark };
}

/** `base` plus the objects of `extra` it lacks (appended after its own, level by level). */
function union(base: ServiceTree, extra: ServiceTree, isAdded: (id: string) => boolean): ServiceTree {
  const t = cloneTree(base);
  for (const key of ["pools", "chains", "recordSets", "records"] as const) {
    const into = t[key] as Map<string, { id: string }>;
    for (const [id, o] of extra[key] as Map<string, { id: string }>) if (!into.has(id)) into.set(id, structuredClone(o));
  }
  for (const rs of t.rulesets) {
    // pools the other tree lists in this ruleset and this tree lacks entirely are shown where they are listed
    const other = extra.rulesets.find((r) => r.id === rs.id);
    if (other) rs.poolIds.push(...other.poolIds.filter((id) => isAdded(id) && !rs.poolIds.includes(id)));
  }
  for (const rs of extra.rulesets) if (!t.rulesets.some((r) => r.id === rs.id)) t.rulesets.push(structuredClone(rs));
  return t;
}

/** GET with `pending_changes=Y`: the published tree with the change set flagged (see the file comment). */
export function pendingReadView(entry: ServiceEntry): View {
  const { marks, serviceMark } = diff(entry);
  const tree = union(entry.published, entry.draft, (id) => marks.get(id) === "add");
  return { entry, tree, serviceMark, mark: (id) => marks.get(id) ?? "" };
}

/** POST/PUT replies: the draft, plus what it deleted (`remove`), marked. */
export function draftView(entry: ServiceEntry): View {
  const { marks, serviceMark } = diff(entry);
  const tree = union(entry.draft, entry.published, (id) => marks.get(id) === "remove");
  return { entry, tree, serviceMark, mark: (id) => marks.get(id) ?? "" };
}

/** The number of objects (service included) with a pending change; 0 = the draft equals the published tree. */
export function pendingCount(entry: ServiceEntry): number {
  const { marks, serviceMark } = diff(entry);
  return [...marks.values()].filter((m) => m !== "").length + (serviceMark !== "" ? 1 : 0);
}
