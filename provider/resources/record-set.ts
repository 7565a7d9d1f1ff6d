import * as pulumi from "@pulumi/pulumi";
import { hasBrand, setBrand } from "./brand";
import type { NodeArgs, RdataArgs, UserRecordType } from "./record";
import { SHIMS } from "./shim";

/**
 * Inputs of a {@link RecordSet}: every record of one type at one node, e.g.
 * `{ type: "A", records: [{ address: "192.0.2.1" }, { address: "192.0.2.2" }] }`.
 */
export type RecordSetArgs = {
  [T in UserRecordType]: NodeArgs & {
    /** The record type. Changing it replaces the set. */
    type: pulumi.Input<T>;
    /** The rdata of each record (order does not matter; duplicates are rejected). Updated in place. */
    records: pulumi.Input<pulumi.Input<RdataArgs<T>>[]>;
  };
}[UserRecordType];

/** The state of a {@link RecordSet} (its outputs). */
export interface RecordSetState {
  zone?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  type?: pulumi.Input<string>;
  ttl?: pulumi.Input<number>;
  records?: pulumi.Input<{ [key: string]: unknown }[]>;
  adopt?: pulumi.Input<boolean>;
  fqdn?: pulumi.Input<string>;
  recordIds?: pulumi.Input<number[]>;
}

/**
 * All records of one type at one node, written with DynECT's one-call replace of the whole set
 * (§6.1 PUT). Records of that type at the node that are not declared are removed.
 * Pulumi id: `<zone>/<fqdn>/<TYPE>`.
 */
export class RecordSet extends pulumi.dynamic.Resource {
  declare readonly zone: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<UserRecordType>;
  declare readonly ttl: pulumi.Output<number>;
  /** Normalised rdata of every record, canonically sorted. */
  declare readonly records: pulumi.Output<{ [key: string]: unknown }[]>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  declare readonly fqdn: pulumi.Output<string>;
  /** DynECT's record ids, in the order of `records`. */
  declare readonly recordIds: pulumi.Output<number[]>;

  /** A read-only reference to an existing set by id, e.g. `"example.com/www.example.com/A"`. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): RecordSet {
    return new RecordSet(name, undefined as unknown as RecordSetArgs, { ...opts, id });
  }

  static override isInstance(obj: unknown): obj is RecordSet {
    return hasBrand(obj, "RecordSet");
  }

  constructor(name: string, args: RecordSetArgs, opts?: pulumi.CustomResourceOptions) {
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
    const props: { [key: string]: unknown } = Object.assign(outputs, opts?.id ? {} : args);
    super(SHIMS.recordSet, name, props, opts, "dyn", "RecordSet");
    setBrand(this, "RecordSet");
  }
}
