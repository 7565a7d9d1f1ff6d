/**
 * The serialized `__provider` of each resource class, produced by `dynamic.Resource` itself from a
 * packed-and-installed copy of the package: a `require` of the installed provider module, nothing else.
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
    const script = `require("pulumi-dyn/runtime").dispatch("geoService", "create", [{}]).catch((e) => console.log(e.message));`;
    const res = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, encoding: "utf8", timeout: 30_000 });
    assert.match(res.stdout, /unknown operation "create" of "geoService".*upgrade pulumi-dyn/);
  });

  const MODULE: Record<Kind, string> = {
    zone: "zone",
    record: "record",
    recordSet: "record-set",
    zoneRecords: "zone-records",
    trafficDirector: "traffic-director",
    trafficDirectorMonitor: "traffic-director-monitor",
  };
  for (const kind of Object.keys(MODULE) as Kind[]) {
    it(`${kind}: only requires pulumi-dyn/providers/${MODULE[kind]} (the installed code), carries nothing else, stays tiny`, () => {
      const text = shims[kind];
      // The provider object is a module's exports: serialized by reference, not by value.
      const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(requires)], [`pulumi-dyn/providers/${MODULE[kind]}`]);
      assert.ok(Buffer.byteLength(text) < 512, `${Buffer.byteLength(text)} bytes`);
      // No library code captured by value.
      assert.doesNotMatch(text, /zod|undici|ZodType|safeParse|DynectSession|dispatch/);
      // No credentials: the serializing process had none, and nothing reads them at serialization.
      assert.doesNotMatch(text, /password|customerName|DYN_|token/i);
    });

    it(`${kind}: the installed provider module forwards every operation to the runtime`, () => {
      const script = `
        const p = require("pulumi-dyn/providers/${MODULE[kind]}");
        const ops = Object.keys(p).sort();
        p.create({}).then(() => console.log("resolved"), (e) => console.log(JSON.stringify({ ops, error: e.message })));
      `;
      const res = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, encoding: "utf8", timeout: 30_000 });
      assert.equal(res.status, 0, res.stderr);
      const out = JSON.parse(res.stdout);
      assert.deepEqual(out.ops, ["check", "configure", "create", "delete", "diff", "read", "update"]);
      // No configure() happened in this bare process: the runtime answers with the credentials hint.
      assert.match(out.error, /credentials are missing/);
    });
  }

  it("state written by 0.1 (a by-value shim calling dispatch) is still served by the runtime", () => {
    const script = `require("pulumi-dyn/runtime").dispatch("record", "check", [{}, { zone: "example.com", name: "www", type: "A", rdata: { address: "192.0.2.1" } }]).then((r) => console.log(JSON.stringify(r)));`;
    const res = spawnSync(process.execPath, ["-e", script], { cwd: projectDir, encoding: "utf8", timeout: 30_000 });
    assert.equal(res.status, 0, res.stderr);
    assert.equal(JSON.parse(res.stdout).inputs.rdata.address, "192.0.2.1");
  });
});
