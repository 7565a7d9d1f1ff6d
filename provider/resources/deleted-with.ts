/**
 * Destroying a zone deletes its records with it (DynECT deletes a zone with everything in it,
 * §5.1 `DELETE /REST/Zone/<zone>/`), so the per-record deletes before it are wasted calls — one
 * per Record, RecordSet or record set of a ZoneRecords. Pulumi's `deletedWith` resource option
 * skips a resource's delete when the resource it names is deleted in the same deployment (the
 * engine decides, DeleteStep in pkg/resource/deploy/step.go, for dynamic resources too).
 *
 * It is set automatically — unless the program sets `deletedWith` itself — when it is safe to say
 * the records go with the zone: the resource's `zone` input is exactly the `name` output of a Zone
 * declared in this program (so the records are in that very zone), and that Zone really deletes the
 * DynECT zone when Pulumi deletes it: it is managed (not a `Zone.get` reference), not protected
 * (a protected zone's delete fails after its records were skipped) and not `retainOnDelete`.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A Zone's `name` output → the Zone, for the zones whose deletion deletes their records. */
const deletingZones = new WeakMap<object, pulumi.CustomResource>();

/** Called by the Zone class after construction, with its resolved options. */
export function registerZone(zone: pulumi.CustomResource, name: pulumi.Output<string>, opts: pulumi.CustomResourceOptions | undefined): void {
  const protect = opts?.protect ?? (zone as unknown as { __protect?: boolean }).__protect; // inherited from a parent
  if (opts?.id !== undefined || opts?.retainOnDelete === true || protect === true) return;
  deletingZones.set(name, zone);
}

/** The options of a record resource, with `deletedWith` its zone when that is safe (see above). */
export function withZoneDeletion(zone: unknown, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions | undefined {
  if (opts?.deletedWith !== undefined || opts?.id !== undefined || typeof zone !== "object" || zone === null) return opts;
  const owner = deletingZones.get(zone);
  return owner ? { ...opts, deletedWith: owner } : opts;
}
