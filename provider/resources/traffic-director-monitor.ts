import * as pulumi from "@pulumi/pulumi";
import type { DsfMonitorOptions, DsfMonitorProtocol } from "../sdk";
import { hasBrand, setBrand } from "./brand";
import { SHIMS } from "./shim";

/** The probe's settings (timeout, port, path, host, header, expected); only those given are sent. */
export type TrafficDirectorMonitorOptions = DsfMonitorOptions;

/** An address the monitor probes besides the records it watches. */
export interface TrafficDirectorMonitorEndpoint {
  /** The address to probe, e.g. `"192.0.2.10"`. */
  address: pulumi.Input<string>;
  /** Default `""`. */
  label?: pulumi.Input<string>;
  /** Default true. */
  active?: pulumi.Input<boolean>;
  /** Preferred probe sites. Default `[]`. */
  sitePrefs?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Inputs of a {@link TrafficDirectorMonitor}. */
export interface TrafficDirectorMonitorArgs {
  /** The monitor's label in Dyn. */
  label: pulumi.Input<string>;
  /** What it speaks: `"HTTP"`, `"HTTPS"`, `"PING"`, `"SMTP"` or `"TCP"`. */
  protocol: pulumi.Input<DsfMonitorProtocol>;
  /** Seconds between probes (1–86400). Default 60. */
  probeInterval?: pulumi.Input<number>;
  /** Retries before a probe counts as failed (0–255). Default 2. */
  retries?: pulumi.Input<number>;
  /** How many probing agents must see an endpoint up (0–2). Default 2. */
  responseCount?: pulumi.Input<number>;
  /** Whether it probes at all. Default true. */
  active?: pulumi.Input<boolean>;
  /** Probe settings: timeout, port, path, host, header, expected. */
  options?: pulumi.Input<TrafficDirectorMonitorOptions>;
  /** Extra addresses to probe. */
  endpoints?: pulumi.Input<pulumi.Input<TrafficDirectorMonitorEndpoint>[]>;
  /**
   * Take over an existing monitor instead of creating one: `true` binds to the monitor with this
   * `label` (and creates it when there is none; several with the label are refused), a string binds
   * to the monitor with that id or label. It is then converged to the declaration — with no call
   * when it already matches. `pulumi import` cannot work for dynamic resources.
   */
  adopt?: pulumi.Input<boolean | string>;
}

/** The state of a {@link TrafficDirectorMonitor} (its outputs), e.g. for {@link TrafficDirectorMonitor.get}. */
export interface TrafficDirectorMonitorState {
  /** The monitor's label. */
  label?: pulumi.Input<string>;
  /** `"HTTP"`, `"HTTPS"`, `"PING"`, `"SMTP"` or `"TCP"`. */
  protocol?: pulumi.Input<string>;
  /** Seconds between probes. */
  probeInterval?: pulumi.Input<number>;
  /** Retries before a probe counts as failed. */
  retries?: pulumi.Input<number>;
  /** How many agents must see an endpoint up. */
  responseCount?: pulumi.Input<number>;
  /** Whether it probes. */
  active?: pulumi.Input<boolean>;
  /** The probe settings that are set. */
  options?: pulumi.Input<TrafficDirectorMonitorOptions>;
  /** Extra addresses probed. */
  endpoints?: pulumi.Input<{ address: string; label: string; active: boolean; sitePrefs: string[] }[]>;
  /** DynECT's monitor id (also the Pulumi id). */
  monitorId?: pulumi.Input<string>;
  /** Ids of the Traffic Director services whose record sets use it. */
  services?: pulumi.Input<string[]>;
  /** The `adopt` input as declared. */
  adopt?: pulumi.Input<boolean | string>;
}

/**
 * A Traffic Director monitor (dynect-api §7.5): probes the records of the record sets that name it
 * (`monitor: monitor.id` on a {@link TrafficDirector} record set, so Pulumi creates the monitor
 * first and deletes it last). Account-level and immediate. Pulumi id: the monitor id.
 */
export class TrafficDirectorMonitor extends pulumi.dynamic.Resource {
  /** The monitor's label. */
  declare readonly label: pulumi.Output<string>;
  /** `"HTTP"`, `"HTTPS"`, `"PING"`, `"SMTP"` or `"TCP"`. */
  declare readonly protocol: pulumi.Output<DsfMonitorProtocol>;
  /** Seconds between probes. */
  declare readonly probeInterval: pulumi.Output<number>;
  /** Retries before a probe counts as failed. */
  declare readonly retries: pulumi.Output<number>;
  /** How many agents must see an endpoint up. */
  declare readonly responseCount: pulumi.Output<number>;
  /** Whether it probes. */
  declare readonly active: pulumi.Output<boolean>;
  /** The probe settings that are set (absent when none). */
  declare readonly options: pulumi.Output<TrafficDirectorMonitorOptions | undefined>;
  /** Extra addresses probed, defaults filled in. */
  declare readonly endpoints: pulumi.Output<{ address: string; label: string; active: boolean; sitePrefs: string[] }[]>;
  /** DynECT's monitor id (also the Pulumi id). */
  declare readonly monitorId: pulumi.Output<string>;
  /** Ids of the Traffic Director services whose record sets use it (output only, never diffed). */
  declare readonly services: pulumi.Output<string[]>;
  /** The `adopt` input as declared (it only matters at creation). */
  declare readonly adopt: pulumi.Output<boolean | string | undefined>;

  /** A read-only reference to an existing monitor by its id; never updated or deleted. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: TrafficDirectorMonitorState, opts?: pulumi.CustomResourceOptions): TrafficDirectorMonitor {
    return new TrafficDirectorMonitor(name, state as any, { ...opts, id }); // as generated SDKs do: the state is the props
  }

  /** True when `obj` is a TrafficDirectorMonitor (also one created by another copy of pulumi-dyn). */
  static override isInstance(obj: unknown): obj is TrafficDirectorMonitor {
    return hasBrand(obj, "TrafficDirectorMonitor");
  }

  /** A monitor managed by Pulumi. */
  constructor(name: string, args: TrafficDirectorMonitorArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: TrafficDirectorMonitorArgs | TrafficDirectorMonitorState, opts?: pulumi.CustomResourceOptions) {
    const outputs = { label: undefined, protocol: undefined, probeInterval: undefined, retries: undefined, responseCount: undefined, active: undefined, options: undefined, endpoints: undefined, monitorId: undefined, services: undefined, adopt: undefined };
    const props: { [key: string]: unknown } = Object.assign(outputs, argsOrState as object | undefined);
    super(SHIMS.trafficDirectorMonitor, name, props, opts, "dyn", "TrafficDirectorMonitor");
    setBrand(this, "TrafficDirectorMonitor");
  }
}
