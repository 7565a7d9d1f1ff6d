import * as pulumi from "@pulumi/pulumi";
import { hasBrand, setBrand } from "./brand";
import { SHIMS } from "./shim";
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

/** The state of a {@link Zone} (its outputs). */
export interface ZoneState {
  name?: pulumi.Input<string>;
  contact?: pulumi.Input<string>;
  ttl?: pulumi.Input<number>;
  serialStyle?: pulumi.Input<SerialStyle>;
  adopt?: pulumi.Input<boolean>;
  serial?: pulumi.Input<number>;
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
  declare readonly ttl: pulumi.Output<number>;
  declare readonly serialStyle: pulumi.Output<SerialStyle>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The zone serial after the last publish made by this resource (or at the last refresh). */
  declare readonly serial: pulumi.Output<number>;
  /** `Primary` for zones DynECT serves as primary. */
  declare readonly zoneType: pulumi.Output<string>;

  /**
   * A read-only reference to an existing zone, e.g. `Zone.get("legacy", "example.com")`. Pulumi
   * refreshes it but never updates or deletes it.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Zone {
    return new Zone(name, undefined as unknown as ZoneArgs, { ...opts, id });
  }

  static override isInstance(obj: unknown): obj is Zone {
    return hasBrand(obj, "Zone");
  }

  constructor(name: string, args: ZoneArgs, opts?: pulumi.CustomResourceOptions) {
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
    const props: { [key: string]: unknown } = Object.assign(outputs, opts?.id ? {} : args);
    super(SHIMS.zone, name, props, opts, "dyn", "Zone");
    setBrand(this, "Zone");
  }
}
