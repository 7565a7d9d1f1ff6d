import * as pulumi from "@pulumi/pulumi";
import { hasBrand, setBrand } from "./brand";
import type { RdataArgs, UserRecordType } from "./record";
import { withZoneDeletion } from "./deleted-with";
import { refuseImport } from "./no-import";
import { SHIMS } from "./shim";
import { trackConstructed } from "./zone-serial";

/**
 * One declared record of a {@link ZoneRecords}: `{ name, type, ttl?, rdata }`, or several records of
 * one node and type at once: `{ name, type, ttl?, values: [rdata, …] }`.
 */
export type ZoneRecordArgs = {
  [T in UserRecordType]: {
    /** The node: a label relative to the zone (`"www"`, `"_sip._tcp"`, `"*.dev"`), `"@"` for the apex, or an absolute name inside the zone. */
    name: pulumi.Input<string>;
    /** The record type, e.g. `"A"`, `"MX"`, `"TXT"`. */
    type: pulumi.Input<T>;
    /** TTL in seconds; 0 (the default) means the zone's default TTL. Records of one node and type share one TTL. */
    ttl?: pulumi.Input<number>;
  } & (
    | {
        /** The record's data (dynect-api §6.3 fields). */
        rdata: pulumi.Input<RdataArgs<T>>;
        values?: never;
      }
    | {
        /** The data of every record of this node and type. */
        values: pulumi.Input<pulumi.Input<RdataArgs<T>>[]>;
        rdata?: never;
      }
  );
}[UserRecordType];

/** Inputs of a {@link ZoneRecords}. */
export interface ZoneRecordsArgs {
  /** The zone, e.g. `zone.name` of a {@link Zone}. Changing it replaces the resource. */
  zone: pulumi.Input<string>;
  /** Every record the zone holds besides Dyn's own SOA and NS records and what `ignore` names. */
  records: pulumi.Input<pulumi.Input<ZoneRecordArgs>[]>;
  /**
   * Record sets this resource leaves alone: `"<name>"` or `"<name> <TYPE>"`, where name is a label,
   * `"@"`, `"*.<label>"` (everything below it) or `"*"`, and TYPE may be `"*"` — e.g. records other
   * tools or Traffic Director manage: `["_acme-challenge", "*.legacy", "@ TXT"]`.
   */
  ignore?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Take over a zone that already holds records: create then converges it to the declaration (sets
   * not declared and not ignored are deleted). Without it, create refuses a zone with records.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Apply a change of 20 or more record sets with one zone-file upload (`PUT /REST/ZoneFile/`,
   * dynect-api §5.5) instead of one call per set: far fewer requests under the account's rate limit.
   */
  bulk?: pulumi.Input<boolean>;
}

/** One record set as stored: its TTL and its records keyed by their zone-file text. */
export interface ZoneRecordSetState {
  ttl: number;
  values: { [valueKey: string]: { [field: string]: unknown } };
}

/** The state of a {@link ZoneRecords} (its outputs), e.g. for {@link ZoneRecords.get}. */
export interface ZoneRecordsState {
  /** The zone, lower-case, without trailing dot. */
  zone?: pulumi.Input<string>;
  /** The owned record sets, keyed by `"<label> <TYPE>"` (e.g. `"www A"`, `"@ MX"`). */
  records?: pulumi.Input<{ [setKey: string]: ZoneRecordSetState }>;
  /** The `ignore` patterns, normalised. */
  ignore?: pulumi.Input<string[]>;
  /** Whether existing records were adopted at creation. */
  adopt?: pulumi.Input<boolean>;
  /** Whether large changes use a zone-file upload. */
  bulk?: pulumi.Input<boolean>;
  /** How many records the resource owns. */
  recordCount?: pulumi.Input<number>;
}

/**
 * Every record of one zone in one resource — the natural choice for a whole zone and for more than a
 * few dozen records: one live read to plan, one call per changed node and type, one publish. The
 * diff names each changed set (`records["www A"]`). Pulumi id: the zone name.
 */
export class ZoneRecords extends pulumi.dynamic.Resource {
  /** The zone, lower-case, without trailing dot. */
  declare readonly zone: pulumi.Output<string>;
  /** The owned record sets, keyed by `"<label> <TYPE>"`; each has its TTL and its records keyed by their zone-file text. */
  declare readonly records: pulumi.Output<{ [setKey: string]: ZoneRecordSetState }>;
  /** The `ignore` patterns, normalised (absent when none). */
  declare readonly ignore: pulumi.Output<string[] | undefined>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The `bulk` input as declared. */
  declare readonly bulk: pulumi.Output<boolean | undefined>;
  /** How many records the resource owns. */
  declare readonly recordCount: pulumi.Output<number>;

  /** A read-only reference to the records of an existing zone (id: the zone name); never updated or deleted. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ZoneRecordsState, opts?: pulumi.CustomResourceOptions): ZoneRecords {
    return new ZoneRecords(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a ZoneRecords (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is ZoneRecords {
    return hasBrand(obj, "ZoneRecords");
  }

  /** The records of a zone, managed by Pulumi. */
  constructor(name: string, args: ZoneRecordsArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: ZoneRecordsArgs | ZoneRecordsState, opts?: pulumi.CustomResourceOptions) {
    refuseImport("ZoneRecords", name, opts);
    const outputs = { zone: undefined, records: undefined, ignore: undefined, adopt: undefined, bulk: undefined, recordCount: undefined };
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    // Deleted with its zone when the zone is deleted too (deleted-with.ts).
    super(SHIMS.zoneRecords, name, props, withZoneDeletion(props.zone, opts), "dyn", "ZoneRecords");
    setBrand(this, "ZoneRecords");
    trackConstructed(this);
  }
}
