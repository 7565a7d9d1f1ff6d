/**
 * What the serialized shims require (`require("pulumi-dyn/runtime").dispatch(kind, op, args)`).
 * Shims stored in old state call this for ever: keep `dispatch`'s signature, the kind names
 * ("zone", "record", "recordSet", "zoneRecords", "trafficDirector", "trafficDirectorMonitor") and the
 * operation names backward compatible.
 * No side effects on import: this module is loaded in the program process too.
 */
import { checkRecord, checkRecordSet, checkZone, isNestedPath, type CheckFailure } from "./resources/check";
import { declaredNodes } from "./resources/declared-nodes";
import { checkStoredEndpoint, deploymentActivity, storeConfig } from "./deployment/context";
import { diffResource } from "./resources/diff";
import { mustRewriteTtlZero, zoneChecked, zoneDiffed } from "./deployment/zone-default-ttl";
import { createRecordResource, deleteRecordResource, readRecordResource, updateRecordResource } from "./resources/record-ops";
import { createRecordSetResource, deleteRecordSetResource, readRecordSetResource, updateRecordSetResource } from "./resources/record-set-ops";
import type { ResourceKind } from "./resources/types";
import { isUnknown } from "./resources/unknown";
import { createZoneResource, deleteZoneResource, readZoneResource, updateZoneResource } from "./resources/zone-ops";
import { checkZoneRecords } from "./resources/zone-records-check";
import { checkTrafficDirector } from "./resources/traffic-director-check";
import { createTrafficDirectorResource, deleteTrafficDirectorResource, readTrafficDirectorResource, updateTrafficDirectorResource } from "./resources/traffic-director-ops";
import { checkTrafficDirectorMonitor } from "./resources/traffic-director-monitor-check";
import { createMonitorResource, deleteMonitorResource, readMonitorResource, updateMonitorResource } from "./resources/traffic-director-monitor-ops";
import { createZoneRecordsResource, deleteZoneRecordsResource, readZoneRecordsResource, updateZoneRecordsResource } from "./resources/zone-records-ops";

type Props = Record<string, unknown>;
type Handler = (...args: any[]) => unknown;

const PROVIDER_KEY = "__provider";

/** The serialized provider (`__provider`) is removed here, the one place, before any resource code sees the props. */
function withoutProvider(props: Props | undefined): Props {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  return rest;
}

/**
 * The input naming the zone whose lane a kind's changes go through. Traffic Director services and
 * monitors publish on their own (§7.3): they use no zone lane and announce nothing.
 */
const ZONE_KEY: Partial<Record<ResourceKind, string>> = { zone: "name", record: "zone", recordSet: "zone", zoneRecords: "zone" };

/**
 * Tells the zone batcher a change is on its way: the engine calls `check` of a new resource, or a
 * `diff` that finds changes, before it schedules the create/update (deployment-activity.ts).
 */
function announce(kind: ResourceKind, inputs: Props): void {
  const key = ZONE_KEY[kind];
  if (key === undefined) return;
  const zone = inputs[key];
  if (typeof zone === "string" && !isUnknown(zone)) deploymentActivity().announce(zone);
}

/**
 * Failures as the engine shows them. For a nested path the engine would print
 * `property rdata.address value {<nil>} has a problem: …` (it looks up top-level keys only), so
 * those go without a property: their reason already names the path and the value (check.ts).
 */
function forEngine(failures: CheckFailure[]): CheckFailure[] {
  return failures.map((f) => {
    if (!isNestedPath(f.property)) return f;
    return { property: "", reason: f.reason.startsWith(`${f.property} `) ? f.reason : `${f.property} ${f.reason}` };
  });
}

function checkWith(kind: ResourceKind, check: (news: Props) => { inputs: Props; failures: CheckFailure[] }): Handler {
  return (olds: Props, news: Props) => {
    deploymentActivity().checked();
    checkStoredEndpoint(); // a preview never logs in: refuse an insecure dyn:apiUrl here
    const { inputs, failures } = check(withoutProvider(news));
    if (failures.length > 0) return { inputs, failures: forEngine(failures) };
    // Conflicts with what other resources of the program declare at the same node.
    const conflicts = kind === "record" || kind === "recordSet" || kind === "zoneRecords" ? declaredNodes().claim(kind, inputs) : [];
    if (conflicts.length > 0) return { inputs, failures: forEngine(conflicts) };
    if (kind === "zone") zoneChecked(inputs);
    if (Object.keys(withoutProvider(olds)).length === 0) announce(kind, inputs);
    return { inputs };
  };
}

function diffWith(kind: ResourceKind): Handler {
  return (_id: string, olds: Props, news: Props) => {
    deploymentActivity().checked();
    const inputs = withoutProvider(news);
    const old = withoutProvider(olds);
    const result = diffResource(kind, old, inputs);
    if (kind === "zone") zoneDiffed(old, inputs);
    // TTL 0 resolves when written: rewrite after the zone's TTL change (zone-default-ttl.ts).
    else if (!result.changes && mustRewriteTtlZero(kind, inputs)) result.changes = true;
    if (result.changes) announce(kind, inputs);
    return result;
  };
}

const HANDLERS: Record<ResourceKind, Record<string, Handler>> = {
  zone: {
    check: checkWith("zone", checkZone),
    diff: diffWith("zone"),
    create: (inputs: Props) => createZoneResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readZoneResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateZoneResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string) => deleteZoneResource(id),
  },
  record: {
    check: checkWith("record", checkRecord),
    diff: diffWith("record"),
    create: (inputs: Props) => createRecordResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readRecordResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateRecordResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteRecordResource(id, withoutProvider(props)),
  },
  recordSet: {
    check: checkWith("recordSet", checkRecordSet),
    diff: diffWith("recordSet"),
    create: (inputs: Props) => createRecordSetResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readRecordSetResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateRecordSetResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteRecordSetResource(id, withoutProvider(props)),
  },
  zoneRecords: {
    check: checkWith("zoneRecords", checkZoneRecords),
    diff: diffWith("zoneRecords"),
    create: (inputs: Props) => createZoneRecordsResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readZoneRecordsResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateZoneRecordsResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteZoneRecordsResource(id, withoutProvider(props)),
  },
  trafficDirector: {
    check: checkWith("trafficDirector", checkTrafficDirector),
    diff: diffWith("trafficDirector"),
    create: (inputs: Props) => createTrafficDirectorResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readTrafficDirectorResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateTrafficDirectorResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteTrafficDirectorResource(id, withoutProvider(props)),
  },
  trafficDirectorMonitor: {
    check: checkWith("trafficDirectorMonitor", checkTrafficDirectorMonitor),
    diff: diffWith("trafficDirectorMonitor"),
    create: (inputs: Props) => createMonitorResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readMonitorResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateMonitorResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteMonitorResource(id, withoutProvider(props)),
  },
};

/**
 * Runs operation `op` of resource `kind` with the arguments the Pulumi host passed to the shim
 * method (`args`, an array or `arguments`-like list). Always returns a promise.
 */
export function dispatch(kind: string, op: string, args?: ArrayLike<unknown>): Promise<unknown> {
  const list = Array.from(args ?? []);
  if (op === "configure") {
    // Synchronously, before anything awaits (notes §2): the host may already run other calls.
    const req = list[0] as { config?: { get(key: string): string | undefined } } | undefined;
    storeConfig(req?.config);
    return Promise.resolve();
  }
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, kind) ? HANDLERS[kind as ResourceKind][op] : undefined;
  if (!handler) {
    return Promise.reject(new Error(`pulumi-dyn: unknown operation "${op}" of "${kind}" — the installed pulumi-dyn is older than the code that created this state; upgrade pulumi-dyn`));
  }
  if (!ENGINE_WAITS_ON.has(op)) return invoke(handler, list);
  // An operation the engine's step executor waits on: counted while in flight (deployment-activity.ts).
  const activity = deploymentActivity();
  activity.enter();
  const source = RESULT_PROVIDER_FROM[op];
  const run = invoke(handler, list).finally(() => activity.leave());
  return source === undefined ? run : run.catch((e: unknown) => Promise.reject(withProviderInState(e, list[source] as Props | undefined)));
}

/** The argument whose `__provider` the host puts into an operation's result: create(inputs), update(id, olds, news). */
const RESULT_PROVIDER_FROM: Readonly<Record<string, number>> = { create: 0, update: 2 };

/**
 * An init-failed error (resources/errors.ts `initFailed`) carries the state the engine stores for
 * an object that exists although its operation failed. The host adds `__provider` to results, but
 * not to these properties — without it, refresh and destroy of that state fail in the host ("code
 * must be a string"). So it is added here, from the same argument the host takes it from.
 */
function withProviderInState(error: unknown, args: Props | undefined): unknown {
  const e = error as { id?: unknown; properties?: unknown } | undefined;
  if (!e || typeof e !== "object" || typeof e.id !== "string" || e.id === "") return error;
  const provider = args?.[PROVIDER_KEY];
  if (typeof provider !== "string") return error;
  const properties = e.properties && typeof e.properties === "object" ? (e.properties as Props) : {};
  e.properties = { ...properties, [PROVIDER_KEY]: provider };
  return error;
}

/** Resource operations that occupy one of the engine's `--parallel` slots while they run. */
const ENGINE_WAITS_ON: ReadonlySet<string> = new Set(["create", "read", "update", "delete"]);

function invoke(handler: Handler, args: unknown[]): Promise<unknown> {
  try {
    return Promise.resolve(handler(...args));
  } catch (e) {
    return Promise.reject(e);
  }
}
