/**
 * What `pulumi up` shows while pulumi-dyn works (deployment/progress.ts): publishes, a wait for
 * DynECT's rate-limit lock-out (never a silent hang), and a re-login with the replay of the batch it
 * cost — through the real CLI, in its default output.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { createProject, writeSpec, type RecordSpec } from "./harness/project";
import { ensurePulumiCli, PulumiWorkspace } from "./harness/pulumi-cli";

const ACCOUNT = { customer: "progress", user: "progress-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `progress-${process.pid}`);
const ZONE = "progress.example.org";

function records(prefix: string, n: number): RecordSpec[] {
  return Array.from({ length: n }, (_, i) => ({ logical: `${prefix}${i}`, kind: "Record" as const, name: `${prefix}${i}`, type: "A", ttl: 300, rdata: { address: `192.0.2.${i + 1}` } }));
}

/** Resolves when `cond` holds (checked every 20 ms), or rejects after `ms`. */
async function until(cond: () => boolean, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("pulumi up shows what pulumi-dyn is doing", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let projectDir: string;

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
      projectDir = createProject(join(WORK, "project"), installed, "dyn-progress");
      ws = new PulumiWorkspace(projectDir, WORK, binDir);
      await ws.run(["stack", "init", ws.stack, "--secrets-provider", "passphrase"], { stackScoped: false });
      await ws.run(["config", "set", "dyn:customerName", ACCOUNT.customer]);
      await ws.run(["config", "set", "--secret", "dyn:password"], { stdin: ACCOUNT.password });
      await ws.run(["config", "set", "dyn:username", ACCOUNT.user]);
      await ws.run(["config", "set", "dyn:apiUrl", emulator.url]);
      // The client-side budget off, so the server's (lowered) limit is what the provider meets.
      await ws.run(["config", "set", "dyn:requestsPerMinute", "0"]);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
  });

  it("a publish, and a rate-limit lock-out announced with its wait", async () => {
    writeSpec(projectDir, { zone: { name: ZONE, contact: `hostmaster@${ZONE}`, ttl: 3600 }, records: records("a", 12) });
    // A tiny account limit with a 3 s lock-out: the deployment runs into it.
    emulator.control.setRateLimit({ perMinute: 10, lockoutMs: 3000 });
    const { stdout } = await ws.run(["up", "--yes"]);
    emulator.control.setRateLimit({ perMinute: 1_000_000 });
    assert.ok(emulator.control.metrics().rateLimited > 0, "the deployment was rate limited");
    assert.match(stdout, /pulumi-dyn: published zone progress\.example\.org \(\d+ changes?, serial \d+\)/);
    assert.match(stdout, /pulumi-dyn: DynECT's account-wide rate limit answered \S+ \S+ with 429 \(every session of the account is paused\): waiting \d+ s/);
    assert.match(stdout, /14 created/); // the stack, the zone and 12 records
  });

  it("a token that dies mid-batch: the re-login and the replay are shown", async () => {
    writeSpec(projectDir, { zone: { name: ZONE, contact: `hostmaster@${ZONE}`, ttl: 3600 }, records: [...records("a", 12), ...records("b", 30)] });
    emulator.control.resetMetrics();
    // Slow enough that the batch is mid-way when the token dies.
    emulator.control.setFaults({ latencyMs: 15 });
    const run = ws.run(["up", "--yes", "--parallel", "64"]);
    await until(() => (emulator.control.metrics().requests["POST /REST/ARecord/:zone/:fqdn"] ?? 0) >= 10, "10 record creations");
    assert.ok(emulator.control.expireTokens() >= 1);
    const { stdout } = await run;
    emulator.control.setFaults({ latencyMs: 0 });
    assert.match(stdout, /pulumi-dyn: the DynECT session token expired or was invalidated; logged in again/);
    assert.match(stdout, /pulumi-dyn: zone progress\.example\.org: the DynECT session was replaced mid-batch .*replaying \d+ change\(s\) on the new one/);
    const zone = emulator.control.state().zones[ZONE] as { records: { record_type: string }[] };
    assert.equal(zone.records.filter((r) => r.record_type === "A").length, 42, "nothing lost, nothing duplicated");
  });
});
