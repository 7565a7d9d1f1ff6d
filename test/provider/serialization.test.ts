/**
 * The serialized `__provider` of each resource class, produced by `dynamic.Resource` itself from a
 * packed-and-installed copy of the package: only a shim that requires the installed runtime.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { before, describe, it } from "node:test";
import { packedProject } from "../helpers/packed";
import { serializedShims, type Kind } from "../helpers/provider-host";

describe("serialized shims (packed install)", () => {
  let shims: Record<Kind, string>;
  let projectDir: string;
  before(async () => {
    projectDir = await packedProject();
    shims = serializedShims(projectDir);
  });

  it("pulumi-dyn/runtime has no side effects on import", () => {
    const script = `
      process.stdout; // created lazily (and stderr by node:assert): open them before measuring
      process.stderr;
      const handlers = () => process.listenerCount("SIGINT") + process.listenerCount("SIGTERM");
      const before = { handlers: handlers(), handles: process.getActiveResourcesInfo() };
      const rt = require("pulumi-dyn/runtime");
      const after = process.getActiveResourcesInfo();
      const added = after.filter((h, i) => before.handles[i] !== h);
      console.log(JSON.stringify({ dispatch: typeof rt.dispatch, handlers: handlers() - before.handlers, added }));
    `;
    // A plain node, as the provider host runs (no test-runner loader options).
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const res = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, env, encoding: "utf8", timeout: 30_000 });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { dispatch: "function", handlers: 0, added: [] });
  });

  it("rejects an operation this runtime does not know with an upgrade hint", () => {
    const script = `require("pulumi-dyn/runtime").dispatch("trafficDirector", "create", [{}]).catch((e) => console.log(e.message));`;
    const res = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, encoding: "utf8", timeout: 30_000 });
    assert.match(res.stdout, /unknown operation "create" of "trafficDirector".*upgrade pulumi-dyn/);
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
