/**
 * The Traffic Director part of what `pulumi-dyn generate` reads: the services attached to nodes of
 * the generated zones (one `GET /REST/DSF/?detail=Y`, dynect-api.md §7.2) and the monitors their
 * record sets use (one `GET /REST/DSFMonitor/?detail=Y`, only when one is used), each mapped into
 * its resource's input model by the provider's own read mapping — `liveModel` for a service,
 * `liveMonitorInputs` for a monitor — so the program generated from them plans no change.
 */
import { isIPv4, isIPv6 } from "../sdk/schemas/rdata";
import { listDsfMonitors, listDsfServices, type DynectSession, type RecordType } from "../sdk";
import { liveModel, type TrafficDirectorInputs } from "../resources/traffic-director-model";
import { liveMonitorInputs, type MonitorInputs } from "../resources/traffic-director-monitor-ops";

/** How the generated resource names the object it adopts: its label when that is unique, else its id. */
export type AdoptBy = true | string;

export interface LiveService {
  id: string;
  inputs: TrafficDirectorInputs;
  adopt: AdoptBy;
}

export interface LiveMonitor {
  id: string;
  inputs: MonitorInputs;
  adopt: AdoptBy;
}

export interface LiveTrafficDirector {
  services: LiveService[];
  monitors: LiveMonitor[];
}

/** A name a service answers for and a type it answers with there: records DynECT may also list at that node belong to the service. */
export interface ServedSet {
  /** relative to the zone, `@` for the apex */
  name: string;
  type: RecordType;
  /** the service's label */
  service: string;
}

function adoptBy(id: string, label: string, labels: string[]): AdoptBy {
  return labels.filter((l) => l === label).length === 1 ? true : id;
}

/** Services with a node in one of `zones`, and the monitors they use. */
export async function readTrafficDirectors(session: DynectSession, zones: string[]): Promise<LiveTrafficDirector> {
  const wanted = new Set(zones);
  const all = await listDsfServices(session);
  const labels = all.map((s) => s.label);
  const services = all
    .filter((s) => s.nodes.some((n) => wanted.has(n.zone.toLowerCase())))
    .map((s) => ({ id: s.service_id, inputs: liveModel(s).inputs, adopt: adoptBy(s.service_id, s.label, labels) }))
    .sort((a, b) => a.inputs.label.localeCompare(b.inputs.label) || a.id.localeCompare(b.id));
  const used = new Set(services.flatMap((s) => Object.values(s.inputs.pools).flatMap((p) => p.chains.flatMap((c) => c.recordSets.flatMap((r) => (r.monitor ? [r.monitor] : []))))));
  if (used.size === 0) return { services, monitors: [] };
  const live = await listDsfMonitors(session);
  const monitorLabels = live.map((m) => m.label);
  const monitors = live
    .filter((m) => used.has(m.dsf_monitor_id))
    .map((m) => ({ id: m.dsf_monitor_id, inputs: liveMonitorInputs(m), adopt: adoptBy(m.dsf_monitor_id, m.label, monitorLabels) }))
    .sort((a, b) => a.inputs.label.localeCompare(b.inputs.label) || a.id.localeCompare(b.id));
  return { services, monitors };
}

/** The types a service answers with: its record sets' and its failovers' (an address is A/AAAA, a host name CNAME, §7.4). */
function servedTypes(td: TrafficDirectorInputs): RecordType[] {
  const types = new Set<RecordType>(Object.values(td.pools).flatMap((p) => p.chains.flatMap((c) => c.recordSets.map((r) => r.type))));
  for (const rule of td.rules) if (rule.failover !== undefined) types.add(isIPv4(rule.failover) ? "A" : isIPv6(rule.failover) ? "AAAA" : "CNAME");
  return [...types].sort();
}

/**
 * What the services answer for in `zone`, by node and type (sorted) — as ZoneRecords `ignore`
 * patterns name them, so a wildcard node (`*`, `*.sub`), which a pattern cannot name alone, is
 * not listed: records there stay with the zone's resources.
 */
export function servedIn(services: LiveService[], zone: string): ServedSet[] {
  const out = services.flatMap((s) => s.inputs.nodes.filter((n) => n.zone === zone && !n.name.startsWith("*")).flatMap((n) => servedTypes(s.inputs).map((type) => ({ name: n.name, type, service: s.inputs.label }))));
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}
