/**
 * What the serialized shims require (`require("pulumi-dyn/runtime").dispatch(kind, op, args)`).
 * Shims stored in old state call this for ever: keep `dispatch`'s signature, the kind names
 * ("zone", "record", "recordSet") and the operation names backward compatible.
 * No side effects on import: this module is loaded in the program process too.
 */
import { checkRecord, checkRecordSet, checkZone } from "./resources/check";
import { storeConfig } from "./deployment/context";
import { diffResource } from "./resources/diff";
import { createRecordResource, deleteRecordResource, readRecordResource, updateRecordResource } from "./resources/record-ops";
import { createRecordSetResource, deleteRecordSetResource, readRecordSetResource, updateRecordSetResource } from "./resources/record-set-ops";
import type { ResourceKind } from "./resources/types";
import { createZoneResource, deleteZoneResource, readZoneResource, updateZoneResource } from "./resources/zone-ops";

type Props = Record<string, unknown>;
type Handler = (...args: any[]) => unknown;

const PROVIDER_KEY = "__provider";

/** The serialized provider (`__provider`) is removed here, the one place, before any resource code sees the props. */
function withoutProvider(props: Props | undefined): Props {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props ?? {};
  return rest;
}

function checkWith(check: (news: Props) => { inputs: Props; failures: { property: string; reason: string }[] }): Handler {
  return (_olds: Props, news: Props) => {
    const { inputs, failures } = check(withoutProvider(news));
    return failures.length > 0 ? { inputs, failures } : { inputs };
  };
}

function diffWith(kind: ResourceKind): Handler {
  return (_id: string, olds: Props, news: Props) => diffResource(kind, withoutProvider(olds), withoutProvider(news));
}

const HANDLERS: Record<ResourceKind, Record<string, Handler>> = {
  zone: {
    check: checkWith(checkZone),
    diff: diffWith("zone"),
    create: (inputs: Props) => createZoneResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readZoneResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateZoneResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string) => deleteZoneResource(id),
  },
  record: {
    check: checkWith(checkRecord),
    diff: diffWith("record"),
    create: (inputs: Props) => createRecordResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readRecordResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateRecordResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteRecordResource(id, withoutProvider(props)),
  },
  recordSet: {
    check: checkWith(checkRecordSet),
    diff: diffWith("recordSet"),
    create: (inputs: Props) => createRecordSetResource(withoutProvider(inputs)),
    read: (id: string, props: Props) => readRecordSetResource(id, withoutProvider(props)),
    update: (id: string, olds: Props, news: Props) => updateRecordSetResource(id, withoutProvider(olds), withoutProvider(news)),
    delete: (id: string, props: Props) => deleteRecordSetResource(id, withoutProvider(props)),
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
  try {
    return Promise.resolve(handler(...list));
  } catch (e) {
    return Promise.reject(e);
  }
}
