/**
 * `diff` for every resource: normalised new inputs (from `check`) against the old outputs.
 * Identity keys go to `replaces`, everything else counts as an in-place change; `__provider` and
 * `adopt` (which only matters at create) are ignored, as are computed outputs.
 *
 * What the user sees is not this result: the Node host sends no detailed diff, so the CLI prints
 * its own diff (pkg/backend/display object_diff.go getResourcePropertiesDetails) — of the old
 * against the new *inputs* for a planned update (the step has no outputs yet when it is shown), of
 * the old against the new *outputs* for a refresh — positionally for arrays. Hence the stored
 * forms: multi-value sets keyed by zone-file text (normalize.ts valueKey), TXT as written.
 */
import { checkRecord, checkRecordSet, checkZone, type CheckResult } from "./check";
import { deepEqual } from "./normalize";
import { checkZoneRecords } from "./zone-records-check";
import { checkTrafficDirector } from "./traffic-director-check";
import { checkTrafficDirectorMonitor } from "./traffic-director-monitor-check";
import { SINGLE_VALUED_TYPES, type ResourceKind } from "./types";
import { containsUnknown, isUnknown } from "./unknown";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

type Props = Record<string, unknown>;

interface DiffSpec {
  identity: string[];
  mutable: string[];
  check(props: Props): CheckResult<Props>;
}

const SPECS: Record<ResourceKind, DiffSpec> = {
  zone: { identity: ["name"], mutable: ["contact", "ttl", "serialStyle"], check: checkZone },
  record: { identity: ["zone", "name", "type"], mutable: ["ttl", "rdata"], check: checkRecord },
  recordSet: { identity: ["zone", "name", "type"], mutable: ["ttl", "records"], check: checkRecordSet },
  zoneRecords: { identity: ["zone"], mutable: ["records", "ignore", "bulk"], check: checkZoneRecords },
  // Everything of a service is changed in place (§7.2 PUTs); its ids and monitoring state (serviceId, objects) are outputs only.
  trafficDirector: { identity: [], mutable: ["label", "ttl", "nodes", "pools", "rules", "notifiers"], check: checkTrafficDirector },
  trafficDirectorMonitor: { identity: [], mutable: ["label", "protocol", "probeInterval", "retries", "responseCount", "active", "options", "endpoints"], check: checkTrafficDirectorMonitor },
};

/**
 * Both sides in today's canonical form before comparing (falling back to the raw value): old
 * outputs may come from an older version of this package with another form, and so may the "new"
 * inputs of a refresh — the engine's refresh diff passes the refreshed outputs as olds and the
 * state's old inputs as news (RefreshStep in pkg/resource/deploy/step.go).
 */
function normalise(spec: DiffSpec, olds: Props): Props {
  const subset: Props = {};
  for (const key of [...spec.identity, ...spec.mutable]) if (olds[key] !== undefined) subset[key] = olds[key];
  const { inputs } = spec.check(subset);
  const out: Props = { ...olds };
  for (const key of Object.keys(subset)) if (inputs[key] !== undefined) out[key] = inputs[key];
  return out;
}

export function diffResource(kind: ResourceKind, olds: Props, newInputs: Props): DiffResult {
  const spec = SPECS[kind];
  const old = normalise(spec, olds);
  const news = normalise(spec, newInputs);
  const replaces = spec.identity.filter((k) => containsUnknown(news[k]) || !deepEqual(old[k], news[k]));
  const changed = spec.mutable.filter((k) => containsUnknown(news[k]) || !deepEqual(old[k], news[k]));
  let deleteBeforeReplace = false;
  if (replaces.length > 0 && kind !== "zone") {
    // A replacement at the same node collides when a single-valued type (CNAME, ALIAS, DNAME) is
    // involved; when the node or type is not known yet, assume it may collide.
    const unknownIdentity = spec.identity.some((k) => isUnknown(news[k]));
    const sameNode = old.zone === news.zone && old.name === news.name;
    deleteBeforeReplace = unknownIdentity || (sameNode && (SINGLE_VALUED_TYPES.has(String(old.type)) || SINGLE_VALUED_TYPES.has(String(news.type))));
  }
  return { changes: replaces.length > 0 || changed.length > 0, replaces, deleteBeforeReplace };
}
