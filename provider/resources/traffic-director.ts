import * as pulumi from "@pulumi/pulumi";
import type { DsfAutomation, DsfRdataClass, DsfRegionName } from "../sdk";
import { hasBrand, setBrand } from "./brand";
import type { RdataArgs } from "./record";
import { SHIMS } from "./shim";
import type { TdNode, TdObjects, TdPool, TdRule } from "./traffic-director-model";

/** A region of the world in geo rules: a readable name, its abbreviation, or Dyn's code (11–17). */
export type TrafficDirectorRegion = DsfRegionName | "NA" | "SA" | "EU" | "AF" | "AS" | "OC" | "AN" | 11 | 12 | 13 | 14 | 15 | 16 | 17;

/** One answer of a record set: its data and how often, and whether, Dyn serves it. */
export interface TrafficDirectorRecordArgs<T extends DsfRdataClass = DsfRdataClass> {
  /** The record's data — the fields of its record set's type (dynect-api §6.3), e.g. `{ address: "192.0.2.10" }`. */
  rdata: pulumi.Input<RdataArgs<T>>;
  /** Its share of the answers among the set's records: 1–15 for A/AAAA, 1–255 for other types. Default 1. */
  weight?: pulumi.Input<number>;
  /** A label shown in Dyn's UI. Default `""`. */
  label?: pulumi.Input<string>;
  /** Who decides whether it is served: `"auto"` (monitoring, default), `"auto_down"` (monitoring may only take it out), `"manual"` (`eligible` alone). */
  automation?: pulumi.Input<DsfAutomation>;
  /** Whether it may be served. Under `"auto"`/`"auto_down"` monitoring changes the live value; that never shows as a diff. Default true. */
  eligible?: pulumi.Input<boolean>;
}

/** A record set of a failover chain: records of one type, served `serveCount` at a time. */
export type TrafficDirectorRecordSetArgs = {
  [T in DsfRdataClass]: {
    /** The record type, e.g. `"A"`, `"AAAA"`, `"CNAME"`. A change recreates the set (and the sets after it in its chain). */
    type: pulumi.Input<T>;
    /** A label shown in Dyn's UI. Default `""`. */
    label?: pulumi.Input<string>;
    /** TTL of its answers in seconds; leave it out to use the service's `ttl`. */
    ttl?: pulumi.Input<number>;
    /** How many records Dyn serves at once (1 to the number of records; 1 for CNAME). Default 1. */
    serveCount?: pulumi.Input<number>;
    /** How many records may fail before the set fails over (0 to the number of records). Default 1. */
    failCount?: pulumi.Input<number>;
    /** How many records may be in trouble before the set is (0 to the number of records). Default 0. */
    troubleCount?: pulumi.Input<number>;
    /** The monitor probing the records: a {@link TrafficDirectorMonitor}'s `id` (so Pulumi creates it first and deletes it last). */
    monitor?: pulumi.Input<string>;
    /** The records (order does not matter; each value once). */
    records: pulumi.Input<pulumi.Input<TrafficDirectorRecordArgs<T>>[]>;
  };
}[DsfRdataClass];

/** A failover chain of a pool: record sets tried in order. */
export interface TrafficDirectorChainArgs {
  /** A label shown in Dyn's UI. Default `""`. */
  label?: pulumi.Input<string>;
  /** Whether the chain belongs to the pool's core set (see `coreSetCount`). Default false. */
  core?: pulumi.Input<boolean>;
  /** The record sets, in failover order. */
  recordSets: pulumi.Input<pulumi.Input<TrafficDirectorRecordSetArgs>[]>;
}

/** A response pool: what a rule answers with. Rules name pools by their key in `pools`. */
export interface TrafficDirectorPoolArgs {
  /** The pool's label in Dyn. Default: its key in `pools`. */
  label?: pulumi.Input<string>;
  /** How many core record sets must be up for the pool to serve (0–255). Default 1. */
  coreSetCount?: pulumi.Input<number>;
  /** Who decides whether the pool is served: `"auto"` (default), `"auto_down"`, `"manual"`. */
  automation?: pulumi.Input<DsfAutomation>;
  /** Whether the pool may be served. Under automation, monitoring changes the live value without a diff. Default true. */
  eligible?: pulumi.Input<boolean>;
  /** The failover chains. */
  chains: pulumi.Input<pulumi.Input<TrafficDirectorChainArgs>[]>;
}

/** Where a rule applies. Empty or absent: everywhere. */
export interface TrafficDirectorGeoArgs {
  /** Continents: `"north-america"` (or `"NA"`, or Dyn's code `11`), `"south-america"`, `"europe"`, `"africa"`, `"asia"`, `"oceania"`, `"antarctica"`. */
  regions?: pulumi.Input<pulumi.Input<TrafficDirectorRegion | string>[]>;
  /** ISO 3166-1 alpha-2 country codes, e.g. `["US", "CA"]`. */
  countries?: pulumi.Input<pulumi.Input<string>[]>;
  /** US states and Canadian provinces, e.g. `["CA", "ON"]`. */
  provinces?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A rule (a Dyn ruleset): queries it matches are answered from its pools, in failover order. */
export interface TrafficDirectorRuleArgs {
  /** A label shown in Dyn's UI. Default: its geo in words (`"north-america, US"`), or `"default"`. */
  label?: pulumi.Input<string>;
  /** Where it applies; absent = every query (such a rule comes last). */
  geo?: pulumi.Input<TrafficDirectorGeoArgs>;
  /** Keys of `pools`, in failover order. */
  pools?: pulumi.Input<pulumi.Input<string>[]>;
  /** The last resort when every pool is down: an IP address (A/AAAA) or a host name (CNAME). */
  failover?: pulumi.Input<string>;
}

/** A name the service answers for. */
export interface TrafficDirectorNodeArgs {
  /** The zone, e.g. `zone.name` of a {@link Zone}. */
  zone: pulumi.Input<string>;
  /** A label relative to the zone (`"www"`), `"@"` for the apex (default), or an absolute name inside it. */
  name?: pulumi.Input<string>;
}

/** Inputs of a {@link TrafficDirector}. */
export interface TrafficDirectorArgs {
  /** The service's label. Default `"<fqdn of the first node>.:<type>"` (`"www.example.com.:A"`), the convention octoDNS reads. */
  label?: pulumi.Input<string>;
  /** TTL of the answers in seconds (record sets may set their own). Default 30. */
  ttl?: pulumi.Input<number>;
  /** The names the service answers for. */
  nodes?: pulumi.Input<pulumi.Input<TrafficDirectorNodeArgs>[]>;
  /** The response pools by name; rules refer to them by that name. */
  pools: pulumi.Input<{ [key: string]: pulumi.Input<TrafficDirectorPoolArgs> }>;
  /** The rules in the order Dyn tries them; the first that matches a query answers it. */
  rules: pulumi.Input<pulumi.Input<TrafficDirectorRuleArgs>[]>;
  /** Ids of notifiers linked to the service (`[]`: none). Absent: the service's links are left as they are. */
  notifiers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Take over an existing service instead of creating one: `true` binds to the service with this
   * `label` (and creates it when there is none), a string binds to the service with that id or
   * label. It is then converged to the declaration. `pulumi import` cannot work for dynamic resources.
   */
  adopt?: pulumi.Input<boolean | string>;
}

/** The state of a {@link TrafficDirector} (its outputs), e.g. for {@link TrafficDirector.get}. */
export interface TrafficDirectorState {
  /** The service's label. */
  label?: pulumi.Input<string>;
  /** TTL of the answers in seconds. */
  ttl?: pulumi.Input<number>;
  /** The names it answers for, `{ zone, name }` with `name` relative (`"@"` = apex). */
  nodes?: pulumi.Input<TdNode[]>;
  /** The pools by name, normalised (defaults filled in, records sorted). */
  pools?: pulumi.Input<{ [key: string]: TdPool }>;
  /** The rules in serving order, normalised. */
  rules?: pulumi.Input<TdRule[]>;
  /** Linked notifier ids. */
  notifiers?: pulumi.Input<string[]>;
  /** The `adopt` input as declared. */
  adopt?: pulumi.Input<boolean | string>;
  /** DynECT's service id (also the Pulumi id). */
  serviceId?: pulumi.Input<string>;
  /** DynECT's objects behind the declaration: ids and monitoring state. */
  objects?: pulumi.Input<TdObjects>;
}

/**
 * A whole Traffic Director service (dynect-api §7) in one resource: geo rules answering from
 * weighted, monitored response pools. Created with one call, updated with the fewest object-level
 * changes and one publish (reverted on any failure), read back into this shape by refresh — also a
 * service built by hand. Pulumi id: the service id.
 */
export class TrafficDirector extends pulumi.dynamic.Resource {
  /** The service's label. */
  declare readonly label: pulumi.Output<string>;
  /** TTL of the answers in seconds. */
  declare readonly ttl: pulumi.Output<number>;
  /** The names it answers for, `name` relative to `zone` (`"@"` = apex), sorted. */
  declare readonly nodes: pulumi.Output<TdNode[]>;
  /** The pools by name, normalised: defaults filled in, rdata canonical, records sorted. */
  declare readonly pools: pulumi.Output<{ [key: string]: TdPool }>;
  /** The rules in serving order, normalised: regions by name, codes sorted. */
  declare readonly rules: pulumi.Output<TdRule[]>;
  /** Linked notifier ids, sorted (absent when none were declared). */
  declare readonly notifiers: pulumi.Output<string[] | undefined>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | string | undefined>;
  /** DynECT's service id (also the Pulumi id). */
  declare readonly serviceId: pulumi.Output<string>;
  /**
   * DynECT's objects behind the declaration, shaped like it: `objects.pools.eu.chains[0].recordSets[0].records[1].recordId`,
   * with each object's monitoring `status` (and a record's `eligible`, `torpidity`); `objects.rules[i].rulesetId`.
   * Outputs only: they never cause a diff.
   */
  declare readonly objects: pulumi.Output<TdObjects>;

  /** A read-only reference to an existing service by its id (with `state` as the known properties, if given); never updated or deleted. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: TrafficDirectorState, opts?: pulumi.CustomResourceOptions): TrafficDirector {
    return new TrafficDirector(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a TrafficDirector (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is TrafficDirector {
    return hasBrand(obj, "TrafficDirector");
  }

  /** A Traffic Director service managed by Pulumi. */
  constructor(name: string, args: TrafficDirectorArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: TrafficDirectorArgs | TrafficDirectorState, opts?: pulumi.CustomResourceOptions) {
    const outputs = { label: undefined, ttl: undefined, nodes: undefined, pools: undefined, rules: undefined, notifiers: undefined, adopt: undefined, serviceId: undefined, objects: undefined };
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    super(SHIMS.trafficDirector, name, props, opts, "dyn", "TrafficDirector");
    setBrand(this, "TrafficDirector");
  }
}
