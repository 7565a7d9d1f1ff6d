/**
 * TTL 0 and a zone TTL change in the same deployment. DynECT resolves a record's `ttl: 0` to the
 * zone's default TTL when the record is written (dynect-api §6.1; the emulator does the same), so a
 * record declared with `ttl: 0` keeps the old default when the zone's TTL changes. To converge in
 * the same deployment, a Zone whose `diff` changes its TTL marks the zone here, and the `diff` of
 * every Record, RecordSet or ZoneRecords of that zone that declares TTL 0 then reports a change:
 * its update rewrites the records with TTL 0, which DynECT resolves to the new default.
 *
 * That works because a record whose `zone` is the Zone's output (`zone: zone.name`) is checked
 * and diffed only after the Zone's step — in preview and in `up`. Only a diff of inputs this
 * process has checked counts (a program deployment): the refresh diff of an out-of-band TTL change
 * (refreshed outputs against the old inputs, no check) marks nothing. Per provider process, like
 * all deployment state.
 */
import type { ResourceKind } from "../resources/types";

type Props = Record<string, unknown>;

/** Zone name → the TTL its last check in this process declared. */
const checkedTtl = new Map<string, unknown>();
/** Zones whose default TTL this deployment changes. */
const changing = new Set<string>();

/** After `check` of a Zone: the program declares this TTL. */
export function zoneChecked(inputs: Props): void {
  if (typeof inputs.name === "string") checkedTtl.set(inputs.name, inputs.ttl);
}

/** After `diff` of a Zone (normalised old outputs and new inputs). */
export function zoneDiffed(olds: Props, news: Props): void {
  const zone = news.name;
  if (typeof zone !== "string" || typeof news.ttl !== "number" || checkedTtl.get(zone) !== news.ttl) return;
  if (olds.name === zone && olds.ttl !== news.ttl) changing.add(zone);
}

/** Whether a record resource's diff must report a change so its TTL-0 records take the zone's new default. */
export function mustRewriteTtlZero(kind: ResourceKind, news: Props): boolean {
  if (kind === "zone" || typeof news.zone !== "string" || !changing.has(news.zone)) return false;
  if (kind === "zoneRecords") {
    const sets = news.records;
    return typeof sets === "object" && sets !== null && Object.values(sets as Record<string, Props>).some((set) => set?.ttl === 0);
  }
  return news.ttl === 0;
}
