/**
 * TrafficDirectorMonitor CRUD (dynect-api.md §7.2, §7.5 monitors): account-level and immediate, one
 * call each, on an account session; `adopt` binds create to an existing monitor instead (one list
 * read, and one PUT only when it differs from the declaration). Pulumi id: the monitor id, which
 * record sets of a TrafficDirector reference — so Pulumi creates the monitor before and deletes it
 * after them.
 */
import * as sdk from "../sdk";
import type { DsfMonitor, DsfMonitorInput } from "../sdk";
import { getContext } from "../deployment/context";
import { isDynError } from "../sdk";
import { diffResource } from "./diff";
import { initFailed, isNotFound, withContext } from "./errors";
import { pickAdopted } from "./traffic-director-adopt";
import { MONITOR_INPUTS, MONITOR_OPTIONS } from "./traffic-director-monitor-check";

type Props = Record<string, unknown>;

export interface MonitorInputs {
  label: string;
  protocol: DsfMonitorInput["protocol"];
  probeInterval: number;
  retries: number;
  responseCount: number;
  active: boolean;
  options?: Partial<Record<(typeof MONITOR_OPTIONS)[number], string | number>>;
  endpoints: { address: string; label: string; active: boolean; sitePrefs: string[] }[];
  adopt?: boolean | string;
}

export interface MonitorOutputs extends MonitorInputs {
  monitorId: string;
  /** ids of the Traffic Director services whose record sets use the monitor (never diffed) */
  services: string[];
}

function inputsOf(p: Props): MonitorInputs {
  const out: Props = {};
  for (const k of MONITOR_INPUTS) if (p[k] !== undefined) out[k] = p[k];
  return out as unknown as MonitorInputs;
}

/** The SDK's request; options the program dropped are sent as null, which clears them (PUT merges options key by key). */
function requestOf(m: MonitorInputs, clearing: boolean): DsfMonitorInput {
  const options: Record<string, unknown> = {};
  for (const key of MONITOR_OPTIONS) {
    const v = m.options?.[key];
    if (v !== undefined) options[key] = v;
    else if (clearing) options[key] = null;
  }
  return {
    label: m.label,
    protocol: m.protocol,
    probe_interval: m.probeInterval,
    retries: m.retries,
    response_count: m.responseCount,
    active: m.active,
    options: options as DsfMonitorInput["options"],
    endpoints: m.endpoints.map((e) => ({ address: e.address, label: e.label, active: e.active, site_prefs: e.sitePrefs })),
  };
}

/** A live monitor in the input model (also what `pulumi-dyn generate` writes for it). */
export function liveMonitorInputs(m: DsfMonitor): MonitorInputs {
  const out: MonitorInputs = {
    label: m.label,
    protocol: m.protocol,
    probeInterval: m.probe_interval,
    retries: m.retries,
    responseCount: m.response_count,
    active: m.active,
    endpoints: m.endpoints.map((e) => ({ address: e.address, label: e.label, active: e.active, sitePrefs: e.site_prefs })),
  };
  if (Object.keys(m.options).length > 0) out.options = { ...m.options };
  return out;
}

const outputsOf = (inputs: MonitorInputs, m: DsfMonitor): MonitorOutputs => ({ ...inputs, monitorId: m.dsf_monitor_id, services: [...m.services].sort() });
const describe = (p: { label?: unknown }, id?: string) => `Traffic Director monitor ${JSON.stringify(p.label)}${id ? ` (${id})` : ""}`;
const session = () => getContext().accountSession();

export async function createMonitorResource(props: Props): Promise<{ id: string; outs: MonitorOutputs }> {
  const m = inputsOf(props);
  let adopted: DsfMonitor | undefined;
  try {
    if (m.adopt !== undefined && m.adopt !== false) {
      const all = await sdk.listDsfMonitors(session());
      adopted = pickAdopted(all, (x) => x.dsf_monitor_id, (x) => x.label, m.adopt === true ? true : String(m.adopt), m.label, "monitor");
    }
    if (!adopted) {
      const created = await sdk.createDsfMonitor(session(), requestOf(m, false));
      return { id: created.dsf_monitor_id, outs: outputsOf(m, created) };
    }
    // Converged only where it differs, by the same comparison as a preview's diff: a match writes nothing.
    const live = outputsOf(liveMonitorInputs(adopted), adopted);
    const after = diffResource("trafficDirectorMonitor", { ...live }, { ...m }).changes ? await sdk.updateDsfMonitor(session(), adopted.dsf_monitor_id, requestOf(m, true)) : adopted;
    return { id: after.dsf_monitor_id, outs: outputsOf(m, after) };
  } catch (e) {
    const error = withContext(`creating ${describe(m)}`, e);
    // An adopted monitor stays in state even when converging it failed: it exists either way, as it was.
    if (adopted) throw initFailed(error, adopted.dsf_monitor_id, { ...outputsOf(liveMonitorInputs(adopted), adopted) });
    throw error;
  }
}

export async function readMonitorResource(id: string, props: Props): Promise<{ id?: string; props?: MonitorOutputs; inputs?: MonitorInputs }> {
  const monitorId = id || String(props.monitorId ?? "");
  try {
    const live = await sdk.getDsfMonitor(session(), monitorId);
    const inputs = liveMonitorInputs(live);
    if (props.adopt !== undefined) inputs.adopt = props.adopt as MonitorInputs["adopt"];
    return { id: live.dsf_monitor_id, props: outputsOf(inputs, live), inputs };
  } catch (e) {
    if (isNotFound(e)) return {};
    throw withContext(`reading ${describe(props, monitorId)}`, e);
  }
}

export async function updateMonitorResource(id: string, _olds: Props, news: Props): Promise<{ outs: MonitorOutputs }> {
  const m = inputsOf(news);
  try {
    return { outs: outputsOf(m, await sdk.updateDsfMonitor(session(), id, requestOf(m, true))) };
  } catch (e) {
    throw withContext(`updating ${describe(m, id)}`, e);
  }
}

export async function deleteMonitorResource(id: string, props: Props): Promise<void> {
  try {
    await sdk.deleteDsfMonitor(session(), id);
  } catch (e) {
    if (isNotFound(e)) return;
    if (isDynError(e, "ILLEGAL_OPERATION")) {
      throw withContext(`deleting ${describe(props, id)}`, new Error(`${e.message} — remove it from every record set that uses it (monitor: …) first; a TrafficDirector that references the monitor's id is updated or deleted before it`));
    }
    throw withContext(`deleting ${describe(props, id)}`, e);
  }
}
