/**
 * The README's first command, `npm run demo` (scripts/demo.mjs), runs to the end: it drives the
 * real Pulumi CLI through create → out-of-band change → refresh → correction → destroy, exits 0
 * and leaves no process behind.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT } from "../helpers/packed";
import { processesIn } from "./harness/processes";
import { ensurePulumiCli } from "./harness/pulumi-cli";

const WORK = join(REPO_ROOT, ".tmp", "e2e", `demo-${process.pid}`);
const DEMO_PROJECT = join(WORK, "project");

describe("npm run demo", () => {
  before(() => ensurePulumiCli(), { timeout: 55 * 60_000 });
  after(() => rmSync(WORK, { recursive: true, force: true }));

  it("runs every step, corrects the drift, exits 0 and leaves nothing running", async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, "scripts", "demo.mjs"), "--skip-build", "--work-dir", WORK], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 10 * 60_000,
      });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, output }));
    });
    assert.equal(code, 0, output);
    assert.match(output, /Demo finished/);
    // The drift is visible in the refresh diff, then corrected.
    assert.match(output, /cname: "example\.com\." => "parked\.example\.net\."/);
    assert.match(output, /cname: "parked\.example\.net\." => "example\.com\."/);
    assert.match(output, /the emulator serves no zone example\.com/);
    assert.deepEqual(processesIn(DEMO_PROJECT), []);
  });
});
