/**
 * The serialized `__provider` of each resource class, produced by `dynamic.Resource` itself from a
 * packed-and-installed copy of the package: only a shim that requires the installed runtime.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { packedProject } from "../helpers/packed";
import { serializedShims, type Kind } from "../helpers/provider-host";

describe("serialized shims (packed install)", () => {
  let shims: Record<Kind, string>;
  before(async () => {
    shims = serializedShims(await packedProject());
  });

  for (const kind of ["zone", "record", "recordSet"] as Kind[]) {
    it(`${kind}: requires pulumi-dyn/runtime, carries nothing else, stays small`, () => {
      const text = shims[kind];
      assert.match(text, /require\("pulumi-dyn\/runtime"\)\.dispatch\(kind, "create", args\)/);
      assert.match(text, new RegExp(`kind: "${kind}"`));
      assert.ok(Buffer.byteLength(text) < 4096, `${Buffer.byteLength(text)} bytes`);
      // No library code captured by value, no other module required.
      assert.doesNotMatch(text, /zod|undici|ZodType|safeParse|DynectSession/);
      const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(requires)], ["pulumi-dyn/runtime"]);
      // No credentials: the serializing process had none, and nothing reads them at serialization.
      assert.doesNotMatch(text, /password|customerName|DYN_|token/i);
    });
  }
});
