/**
 * The provider object of one resource kind: every method forwards to the installed runtime
 * (`pulumi-dyn/runtime` dispatch). Each kind's object is the whole `module.exports` of its own
 * module in this folder, so Pulumi's closure serializer finds it in `require.cache` and writes the
 * resource's `__provider` as `require("pulumi-dyn/providers/<module>")` — about 260 bytes, where a
 * by-value shim took 2.4 KB. That matters at scale: the engine stores `__provider` twice per
 * resource and a file backend rewrites the whole state after every step (bench/README.md).
 *
 * Stored state names these modules for ever: keep every `providers/<module>` path and the kind it
 * forwards to. Nothing here loads the runtime until a method runs (the program process only
 * needs the object).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../resources/types";

const OPERATIONS = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

export function forwardingProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const provider: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const op of OPERATIONS) {
    // By package name, not a relative path: the same text also works if this object is ever
    // serialized by value (a copy of the package outside node_modules).
    provider[op] = (...args: unknown[]) => require("pulumi-dyn/runtime").dispatch(kind, op, args);
  }
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}
