import * as pulumi from "@pulumi/pulumi";
import { hasBrand, setBrand } from "./brand";
import { registerZone } from "./deleted-with";
import { refuseImport } from "./no-import";
import { SHIMS } from "./shim";
import { trackConstructed } from "./zone-serial";
import type { SerialStyle } from "./types";

/** Inputs of a {@link Zone}. */
export interface ZoneArgs {
  /** The zone's DNS name, e.g. `"example.com"` (case and a trailing dot are ignored). Changing it replaces the zone. */
  name: pulumi.Input<string>;
  /** The zone administrator's e-mail address (SOA `rname`), e.g. `"hostmaster@example.com"`. Updated in place. */
  contact: pulumi.Input<string>;
  /** The zone's default TTL in seconds (records with `ttl: 0` use it). Default 3600. Updated in place. */
  ttl?: pulumi.Input<number>;
  /** How DynECT computes the serial at each publish: `increment` (default), `epoch`, `day` or `minute`. */
  serialStyle?: pulumi.Input<SerialStyle>;
  /**
   * Bind to a zone that already exists in the account instead of failing, then converge it to the
   * declared contact/ttl/serialStyle. `pulumi import` cannot work for dynamic resources; use this.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The state of a {@link Zone} (its outputs), e.g. for {@link Zone.get}. */
export interface ZoneState {
  /** The zone name, lower-case, without trailing dot. */
  name?: pulumi.Input<string>;
  /** The administrator e-mail, `user@domain`. */
  contact?: pulumi.Input<string>;
  /** The zone's default TTL in seconds. */
  ttl?: pulumi.Input<number>;
  /** How DynECT computes the serial at each publish. */
  serialStyle?: pulumi.Input<SerialStyle>;
  /** Whether the zone was adopted at creation. */
  adopt?: pulumi.Input<boolean>;
  /** The serial at the zone's own last publish (see {@link Zone.serial}). */
  serial?: pulumi.Input<number>;
  /** `Primary` for zones DynECT serves as primary. */
  zoneType?: pulumi.Input<string>;
}

/**
 * A DynECT primary zone. Created and published on create; contact, ttl and serialStyle are changed
 * through the SOA record and published. Deleting the resource deletes the zone and all its records.
 * Pulumi id: the zone name.
 */
export class Zone extends pulumi.dynamic.Resource {
  /** The zone name, lower-case, without trailing dot. */
  declare readonly name: pulumi.Output<string>;
  /** The administrator e-mail, normalised to `user@domain`. */
  declare readonly contact: pulumi.Output<string>;
  /** The zone's default TTL in seconds (the SOA record's TTL); records with `ttl: 0` use it. */
  declare readonly ttl: pulumi.Output<number>;
  /** How DynECT computes the serial at each publish: `increment`, `epoch`, `day` or `minute`. */
  declare readonly serialStyle: pulumi.Output<SerialStyle>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /**
   * The serial DynECT gave the zone at this resource's own last publish (its creation or last
   * update), or when a `Zone.get` reference first read it. Publishes of the zone's records move the
   * live serial without changing this output, and a refresh never changes it (it would be drift
   * nobody caused): the live value is {@link getZoneSerial}.
   */
  declare readonly serial: pulumi.Output<number>;
  /** `Primary` for zones DynECT serves as primary. */
  declare readonly zoneType: pulumi.Output<string>;

  /**
   * A read-only reference to an existing zone, e.g. `Zone.get("legacy", "example.com")`. Pulumi
   * reads it (with `state` as the known properties, if given) but never updates or deletes it.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ZoneState, opts?: pulumi.CustomResourceOptions): Zone {
    return new Zone(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a Zone (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is Zone {
    return hasBrand(obj, "Zone");
  }

  /** A zone managed by Pulumi. */
  constructor(name: string, args: ZoneArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: ZoneArgs | ZoneState, opts?: pulumi.CustomResourceOptions) {
    refuseImport("Zone", name, opts);
    // dynamic.Resource writes __provider into props: always hand it a fresh object.
    // Every output is declared (as undefined) so it becomes an Output field.
    const outputs = {
      name: undefined,
      contact: undefined,
      ttl: undefined,
      serialStyle: undefined,
      adopt: undefined,
      serial: undefined,
      zoneType: undefined,
    };
    // With `opts.id` (get) the props are the known state, as in Pulumi's generated SDKs.
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    super(SHIMS.zone, name, props, opts, "dyn", "Zone");
    setBrand(this, "Zone");
    registerZone(this, this.name, opts);
    trackConstructed(this);
  }
}
