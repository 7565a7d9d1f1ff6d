import * as pulumi from "@pulumi/pulumi";
import { hasBrand, setBrand } from "./brand";
import type { NodeArgs, RdataArgs, UserRecordType } from "./record";
import { withZoneDeletion } from "./deleted-with";
import { refuseImport } from "./no-import";
import { SHIMS } from "./shim";
import { trackConstructed } from "./zone-serial";

/**
 * Inputs of a {@link RecordSet}: every record of one type at one node, e.g.
 * `{ type: "A", records: [{ address: "192.0.2.1" }, { address: "192.0.2.2" }] }`.
 */
export type RecordSetArgs = {
  [T in UserRecordType]: NodeArgs & {
    /** The record type. Changing it replaces the set. */
    type: pulumi.Input<T>;
    /**
     * The rdata of each record (order does not matter; duplicates are rejected). Updated in place.
     * Stored keyed by each record's zone-file text (see the `records` output).
     */
    records: pulumi.Input<pulumi.Input<RdataArgs<T>>[]>;
  };
}[UserRecordType];

/** The state of a {@link RecordSet} (its outputs), e.g. for {@link RecordSet.get}. */
export interface RecordSetState {
  /** The zone, lower-case, without trailing dot. */
  zone?: pulumi.Input<string>;
  /** The label relative to the zone, `"@"` for the apex. */
  name?: pulumi.Input<string>;
  /** The record type, e.g. `"A"`. */
  type?: pulumi.Input<string>;
  /** TTL in seconds of every record of the set; 0 = the zone's default TTL. */
  ttl?: pulumi.Input<number>;
  /** The rdata of every record (dynect-api §6.3 field names): keyed by their zone-file text as stored, or a list. */
  records?: pulumi.Input<{ [value: string]: { [field: string]: unknown } } | { [field: string]: unknown }[]>;
  /** Whether the set was adopted at creation. */
  adopt?: pulumi.Input<boolean>;
  /** The absolute name of the node, without trailing dot. */
  fqdn?: pulumi.Input<string>;
  /** DynECT's record ids, in the order of `records`. */
  recordIds?: pulumi.Input<number[]>;
}

/**
 * All records of one type at one node, written with DynECT's one-call replace of the whole set
 * (§6.1 PUT). Records of that type at the node that are not declared are removed.
 * Pulumi id: `<zone>/<fqdn>/<TYPE>`.
 */
export class RecordSet extends pulumi.dynamic.Resource {
  /** The zone, lower-case, without trailing dot. */
  declare readonly zone: pulumi.Output<string>;
  /** The relative label, `"@"` for the apex. */
  declare readonly name: pulumi.Output<string>;
  /** The record type, e.g. `"A"`. */
  declare readonly type: pulumi.Output<UserRecordType>;
  /** TTL in seconds of every record of the set; 0 means the zone's default TTL. */
  declare readonly ttl: pulumi.Output<number>;
  /**
   * Normalised rdata of every record, keyed by its zone-file text (`"192.0.2.10"`,
   * `"10 mail.example.com."`), keys sorted — so a preview of a changed member reads as that member
   * removed and the new one added. `Object.values(records)` is the list.
   */
  declare readonly records: pulumi.Output<{ [value: string]: { [field: string]: unknown } }>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The absolute name of the node, without trailing dot. */
  declare readonly fqdn: pulumi.Output<string>;
  /** DynECT's record ids, in the order of `records`. */
  declare readonly recordIds: pulumi.Output<number[]>;

  /**
   * A read-only reference to an existing set by id, e.g. `"example.com/www.example.com/A"` (with
   * `state` as the known properties, if given); never updated or deleted.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: RecordSetState, opts?: pulumi.CustomResourceOptions): RecordSet {
    return new RecordSet(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a RecordSet (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is RecordSet {
    return hasBrand(obj, "RecordSet");
  }

  /** A record set managed by Pulumi. */
  constructor(name: string, args: RecordSetArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: RecordSetArgs | RecordSetState, opts?: pulumi.CustomResourceOptions) {
    refuseImport("RecordSet", name, opts);
    const outputs = {
      zone: undefined,
      name: undefined,
      type: undefined,
      ttl: undefined,
      records: undefined,
      adopt: undefined,
      fqdn: undefined,
      recordIds: undefined,
    };
    // With `opts.id` (get) the props are the known state, as in Pulumi's generated SDKs.
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    // Deleted with its zone when the zone is deleted too (deleted-with.ts).
    super(SHIMS.recordSet, name, props, withZoneDeletion(props.zone, opts), "dyn", "RecordSet");
    setBrand(this, "RecordSet");
    trackConstructed(this);
  }
}
