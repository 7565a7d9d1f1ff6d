/**
 * What the serialized shims require (`require("pulumi-dyn/runtime").dispatch(kind, op, args)`).
 * Shims stored in old state call this for ever: keep `dispatch`'s signature, the kind names
 * ("zone", "record", "recordSet") and the operation names backward compatible.
 * No side effects on import: this module is loaded in the program process too.
 */
import { checkRecord, checkRecordSet, checkZone, isNestedPath, type CheckFailure } from "./resources/check";
import { deploymentActivity, storeConfig } from "./deployment/context";
import { diffResource } from "./resources/diff";
import { mustRewriteTtlZero, zoneChecked, zoneDiffed } from "./deployment/zone-default-ttl";
import { createRecordResource, deleteRecordResource, readRecordResource, updateRecordResource } from "./resources/record-ops";
import { createRecordSetResource, deleteRecordSetResource, readRecordSetResource, updateRecordSetResource } from "./resources/record-set-ops";
import type { ResourceKind } from "./resources/types";
import { isUnknown } from "./resources/unknown";
import { createZoneResource, deleteZoneResource, readZoneResource, updateZoneResource } from "./resources/zone-ops";
import { checkZoneRecords } from "./resources/zone-records-check";
import { createZoneRecordsResource, deleteZoneRecordsResource, readZoneRecordsResource, updateZoneRecordsResource } from "./resources/zone-records-ops";

type Props = Record<string, unknown>;
type Handler = (...args: any[]) => unknown;

const PROVIDER_KEY = "__provider";

/** The serialized provider (`__provider`) is removed here, the one place, before any resource code sees the props. */
function withoutProvider(props: Props | undefined): Props {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  return rest;
}

/** The input naming the zone whose lane a kind's changes go through. */
const ZONE_KEY: Record<ResourceKind, string> = { zone: "name", record: "zone", recordSet: "zone", zoneRecords: "zone" };

/**
 * Tells the zone batcher a change is on its way: the engine calls `check` of a new resource, or a
 * `diff` that finds changes, before it schedules the create/update (deployment-activity.ts).
 */
function announce(kind: ResourceKind, inputs: Props): void {
  const zone = inputs[ZONE_KEY[kind]];
  if (typeof zone === "string" && !isUnknown(zone)) deploymentActivity().announce(zone);
}

/**
 * Failures as the engine shows them. For a nested path the engine would print
 * `property rdata.address value {<nil>} has a problem: …` (it looks up top-level keys only), so
 * those go without a property: their reason already names the path and the value (check.ts).
 */
function forEngine(failures: CheckFailure[]): CheckFailure[] {
  return failures.map((f) => (isNestedPath(f.property) ? { property: "", reason: f.reason } : f));
}

function checkWith(kind: ResourceKind, check: (news: Props) => { inputs: Props; failures: CheckFailure[] }): Handler {
  return (olds: Props, news: Props) => {
    deploymentActivity().checked();
    const { inputs, failures } = check(withoutProvider(news));
    if (failures.length > 0) return { inputs, failures: forEngine(failures) };
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
  return invoke(handler, list).finally(() => activity.leave());
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
