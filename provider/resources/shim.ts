/**
 * The only code that is serialized into Pulumi state (`__provider`). Each method forwards to the
 * installed runtime by package name, so old state's refresh and delete run the installed code and
 * neither credentials nor zod/undici ever end up in state (DESIGN invariant 1).
 *
 * Serialization rules that keep this thin: the methods are plain `function`s (no `this`), they
 * capture only the `kind` string, and they `require` the runtime inside the body.
 * Do not change the `dispatch(kind, op, args)` call: shims in existing state make it for ever.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "./types";

function shimFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "configure", args);
    },
    check: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "check", args);
    },
    diff: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "diff", args);
    },
    create: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "create", args);
    },
    read: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "read", args);
    },
    update: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "update", args);
    },
    delete: function (...args: unknown[]) {
      return require("pulumi-dyn/runtime").dispatch(kind, "delete", args);
    },
  } as pulumi.dynamic.ResourceProvider;
}

/** One shim object per kind, reused so Pulumi's per-object serialization cache applies. */
export const SHIMS: Readonly<Record<ResourceKind, pulumi.dynamic.ResourceProvider>> = {
  zone: shimFor("zone"),
  record: shimFor("record"),
  recordSet: shimFor("recordSet"),
};
