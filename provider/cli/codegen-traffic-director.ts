/**
 * The Traffic Director part of a generated program: a `TrafficDirectorMonitor` per monitor the
 * services use, then a `TrafficDirector` per service, each with `adopt` — `true` where its label is
 * unique in the account, else its id. A record set names its monitor as `monitor: <monitor>.id` and
 * a node its zone as `zone: <zone>.name` where the program declares them; labels stay as they are
 * live (adoption by label matches them), regions read as names, and fields equal to what `check`
 * fills in are left out.
 */
import type { RecordType } from "../sdk";
import { checkTrafficDirector } from "../resources/traffic-director-check";
import { checkTrafficDirectorMonitor } from "../resources/traffic-director-monitor-check";
import type { TdPool, TrafficDirectorInputs } from "../resources/traffic-director-model";
import type { LiveMonitor, LiveService, LiveTrafficDirector } from "./live-traffic-director";
import { camel, type Names, slug } from "./codegen-names";
import { Code, literal, rdataLiteral, render, withoutDefaults } from "./codegen-values";

type Props = Record<string, unknown>;

function adoptLines(what: string, o: { id: string; adopt: true | string; inputs: { label: string } }): { comment: string[]; value: string | boolean } {
  if (o.adopt === true) return { comment: [], value: true };
  return { comment: [`// Adopted by id: more than one ${what} is labelled ${literal(o.inputs.label)}.`], value: o.id };
}

/** `new dyn.X("name", {` … `});` with one top-level argument a line. */
function resource(head: string, args: Props): string {
  return `${head}${render(args, "", Number.POSITIVE_INFINITY)});`;
}

function monitorBlock(m: LiveMonitor, v: string, names: Names): string[] {
  const args = withoutDefaults(m.inputs as unknown as Props, (p) => checkTrafficDirectorMonitor(p).inputs, (path) => path[0] === "label");
  const adopt = adoptLines("monitor", m);
  return [...adopt.comment, resource(`const ${v} = new dyn.TrafficDirectorMonitor(${literal(names.take(`monitor-${slug(m.inputs.label)}`))}, `, { ...args, adopt: adopt.value })];
}

/** The pools with references in place: a record set's monitor by the generated resource, rdata as readable source. */
function poolsSource(pools: Record<string, Partial<TdPool>>, monitorVars: Map<string, string>): Props {
  const out: Props = {};
  for (const [k, pool] of Object.entries(pools)) {
    out[k] = {
      ...pool,
      chains: pool.chains?.map((chain) => ({
        ...chain,
        recordSets: chain.recordSets?.map(({ type, label, ttl, serveCount, failCount, troubleCount, monitor, records }) => ({
          type,
          label,
          ttl,
          serveCount,
          failCount,
          troubleCount,
          monitor: monitor !== undefined && monitorVars.has(monitor) ? new Code(`${monitorVars.get(monitor)}.id`) : monitor,
          records: records?.map((r) => ({ ...r, rdata: new Code(rdataLiteral(type as RecordType, r.rdata)) })),
        })),
      })),
    };
  }
  return out;
}

function serviceBlock(s: LiveService, zoneVars: Map<string, string>, monitorVars: Map<string, string>, names: Names): string[] {
  // The label (adoption matches it), node names and record weights are written even where they are the defaults.
  const keep = (path: (string | number)[]) => (path.length === 1 && path[0] === "label") || (path[0] === "nodes" && path[2] === "name") || path[path.length - 1] === "weight";
  const model = withoutDefaults(s.inputs as unknown as Props, (p) => checkTrafficDirector(p).inputs, keep) as unknown as Partial<TrafficDirectorInputs>;
  const adopt = adoptLines("service", s);
  const args: Props = {
    ...model,
    nodes: model.nodes?.map((n) => ({ zone: zoneVars.has(n.zone) ? new Code(`${zoneVars.get(n.zone)}.name`) : n.zone, name: n.name })),
    pools: poolsSource(model.pools ?? {}, monitorVars),
    rules: model.rules?.map(({ label, geo, pools, failover }) => ({ label, geo, pools, failover })),
    adopt: adopt.value,
  };
  return [...adopt.comment, resource(`new dyn.TrafficDirector(${literal(names.take(`td-${slug(s.inputs.label)}`))}, `, args)];
}

export function trafficDirectorBlock(td: LiveTrafficDirector, zoneVars: Map<string, string>, names: Names, vars: Names): string[] {
  if (td.services.length === 0) return [];
  const lines = [
    `// Traffic Director: ${td.services.length} service(s) answering at nodes of these zones, and the ${td.monitors.length} monitor(s) they use.`,
    `// The records DynECT lists at those nodes, of the types a service answers with, are left to the service.`,
  ];
  const monitorVars = new Map<string, string>();
  for (const m of td.monitors) {
    const v = vars.take(camel(`${m.inputs.label} monitor`, "monitor"));
    monitorVars.set(m.id, v);
    lines.push(...monitorBlock(m, v, names));
  }
  for (const s of td.services) lines.push(...serviceBlock(s, zoneVars, monitorVars, names), ``);
  return lines;
}
