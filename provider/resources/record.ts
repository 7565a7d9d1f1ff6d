import * as pulumi from "@pulumi/pulumi";
import type { RdataInput, RecordType } from "../sdk/schemas/rdata";
import { hasBrand, setBrand } from "./brand";
import { withZoneDeletion } from "./deleted-with";
import { refuseImport } from "./no-import";
import { SHIMS } from "./shim";
import { trackConstructed } from "./zone-serial";

/** Record types users declare (SOA belongs to the {@link Zone}). */
export type UserRecordType = Exclude<RecordType, "SOA">;

/**
 * rdata of one type with each field an Input, typed from the table `check` uses (dynect-api §6.3):
 * integers as numbers or integer strings, enums as their values (CAA `tag`: `"issue"`,
 * `"issuewild"`, `"iodef"`), small ranges as their literals (IPSECKEY `gatetype` 0–3, LOC `version` 0).
 */
export type RdataArgs<T extends RecordType> = {
  [K in keyof RdataInput<T>]: pulumi.Input<RdataInput<T>[K]>;
};

/** Fields shared by {@link RecordArgs} and {@link RecordSetArgs}. */
export interface NodeArgs {
  /** The zone the record lives in, e.g. `"example.com"`. Changing it replaces the record. */
  zone: pulumi.Input<string>;
  /**
   * The node: a label relative to the zone (`"www"`, `"_sip._tcp"`, `"*.dev"`), `""` or `"@"` for the
   * zone apex, or an absolute name inside the zone (`"www.example.com."`). Changing it replaces.
   */
  name: pulumi.Input<string>;
  /** TTL in seconds; 0 (the default) means the zone's default TTL. Updated in place. */
  ttl?: pulumi.Input<number>;
  /**
   * Bind to records that already exist instead of failing with "already exists", then converge them
   * to the declared state. `pulumi import` cannot work for dynamic resources; use this.
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * Inputs of a {@link Record}: `type` selects the rdata shape (dynect-api §6.3), e.g.
 * `{ type: "MX", rdata: { preference: 10, exchange: "mail.example.com" } }`.
 */
export type RecordArgs = {
  [T in UserRecordType]: NodeArgs & {
    /** The record type, e.g. `"A"`, `"MX"`, `"TXT"`. Changing it replaces the record. */
    type: pulumi.Input<T>;
    /**
     * The record data. Host names may be given with or without trailing dot; TXT of any length is
     * written as one string (it is split into quoted 255-byte strings only when sent to DynECT).
     * Updated in place.
     */
    rdata: pulumi.Input<RdataArgs<T>>;
  };
}[UserRecordType];

/** The state of a {@link Record} (its outputs), e.g. for {@link Record.get}. */
export interface RecordState {
  /** The zone, lower-case, without trailing dot. */
  zone?: pulumi.Input<string>;
  /** The label relative to the zone, `"@"` for the apex. */
  name?: pulumi.Input<string>;
  /** The record type, e.g. `"MX"`. */
  type?: pulumi.Input<string>;
  /** TTL in seconds; 0 = the zone's default TTL. */
  ttl?: pulumi.Input<number>;
  /** The record data (dynect-api §6.3 field names). */
  rdata?: pulumi.Input<{ [key: string]: unknown }>;
  /** Whether the record was adopted at creation. */
  adopt?: pulumi.Input<boolean>;
  /** The absolute name of the node, without trailing dot. */
  fqdn?: pulumi.Input<string>;
  /** DynECT's current record id. */
  recordId?: pulumi.Input<number>;
}

/**
 * One DNS record. Other records of the same type at the node are left alone (use
 * {@link RecordSet} to own all of them). Pulumi id: `<zone>/<fqdn>/<TYPE>/<record id at creation>`.
 */
export class Record extends pulumi.dynamic.Resource {
  /** The zone, lower-case, without trailing dot. */
  declare readonly zone: pulumi.Output<string>;
  /** The relative label, `"@"` for the apex. */
  declare readonly name: pulumi.Output<string>;
  /** The record type, e.g. `"MX"`. */
  declare readonly type: pulumi.Output<UserRecordType>;
  /** TTL in seconds; 0 means the zone's default TTL. */
  declare readonly ttl: pulumi.Output<number>;
  /** Normalised rdata, as DynECT returns it. */
  declare readonly rdata: pulumi.Output<{ [key: string]: unknown }>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The absolute name of the node, without trailing dot. */
  declare readonly fqdn: pulumi.Output<string>;
  /** DynECT's current record id (it can change on update). */
  declare readonly recordId: pulumi.Output<number>;

  /**
   * A read-only reference to an existing record by id, e.g. `"example.com/www.example.com/A/123"`
   * (with `state` as the known properties, if given); never updated or deleted.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: RecordState, opts?: pulumi.CustomResourceOptions): Record {
    return new Record(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a Record (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is Record {
    return hasBrand(obj, "Record");
  }

  /** A record managed by Pulumi. */
  constructor(name: string, args: RecordArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: RecordArgs | RecordState, opts?: pulumi.CustomResourceOptions) {
    refuseImport("Record", name, opts);
    const outputs = {
      zone: undefined,
      name: undefined,
      type: undefined,
      ttl: undefined,
      rdata: undefined,
      adopt: undefined,
      fqdn: undefined,
      recordId: undefined,
    };
    // With `opts.id` (get) the props are the known state, as in Pulumi's generated SDKs.
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    // Deleted with its zone when the zone is deleted too (deleted-with.ts).
    super(SHIMS.record, name, props, withZoneDeletion(props.zone, opts), "dyn", "Record");
    setBrand(this, "Record");
    trackConstructed(this);
  }
}
