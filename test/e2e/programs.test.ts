/**
 * The programs users see first — the repository's demo project (Pulumi.yaml + index.js at the
 * root) and the examples — run unchanged with the real Pulumi CLI against the emulator, with
 * pulumi-dyn installed from its npm tarball: up, no changes on a second preview, destroy.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { OutOfBandClient } from "./harness/dynect-rest";
import { ensurePulumiCli, PulumiWorkspace } from "./harness/pulumi-cli";

const ACCOUNT = { customer: "programs", user: "programs-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `programs-${process.pid}`);

interface Case {
  title: string;
  source: string;
  zone: string;
  /** Record types the zone serves after `up` (besides DynECT's own SOA/NS). */
  types: string[];
  /** DNS that exists before the first `pulumi up` (made by hand through the DynECT API). */
  before?: (dynect: OutOfBandClient) => Promise<void>;
  /** More checks of the zone the emulator serves after `up`. */
  after?: (zone: LiveZone) => void;
}

interface LiveZone {
  records: { fqdn: string; record_type: string; ttl: number; rdata: Record<string, unknown> }[];
}

const ADOPT_DIR = join(REPO_ROOT, "examples", "adopt-existing");

const CASES: Case[] = [
  { title: "the demo project at the repository root", source: REPO_ROOT, zone: "example.com", types: ["A", "AAAA", "CAA", "CNAME", "MX", "SRV", "TXT"] },
  { title: "examples/basic", source: join(REPO_ROOT, "examples", "basic"), zone: "basic.example.com", types: ["A", "CNAME", "MX"] },
  {
    title: "examples/zone-records",
    source: join(REPO_ROOT, "examples", "zone-records"),
    zone: "records.example.org",
    types: ["A", "CNAME", "MX", "SRV", "TXT"],
    after: (zone) => assert.equal(zone.records.filter((r) => r.record_type === "A").length, 2 + 2 + 50),
  },
  {
    title: "examples/adopt-existing",
    source: ADOPT_DIR,
    zone: "legacy.example.net",
    types: ["A", "CNAME", "MX", "TXT"],
    before: (dynect) =>
      dynect.change("legacy.example.net", async (c) => {
        await c.uploadZoneFile("legacy.example.net", readFileSync(join(ADOPT_DIR, "legacy.zone"), "utf8"));
      }),
    after: (zone) => {
      const user = zone.records.filter((r) => r.record_type !== "SOA" && r.record_type !== "NS");
      const show = (r: LiveZone["records"][number]) => `${r.fqdn} ${r.ttl} ${r.record_type} ${JSON.stringify(r.rdata)}`;
      // Everything adopted in place: nothing duplicated, the undeclared ftp record untouched.
      assert.deepEqual(user.map(show).sort(), [
        'ftp.legacy.example.net 3600 A {"address":"198.51.100.21"}',
        'legacy.example.net 300 A {"address":"198.51.100.10"}',
        'legacy.example.net 300 A {"address":"198.51.100.11"}',
        'legacy.example.net 3600 MX {"exchange":"mx1.legacy.example.net.","preference":10}',
        'legacy.example.net 3600 MX {"exchange":"mx2.legacy.example.net.","preference":20}',
        'legacy.example.net 3600 TXT {"txtdata":"v=spf1 mx -all"}',
        // Converged to the declared TTL (was 86400).
        'www.legacy.example.net 300 CNAME {"cname":"legacy.example.net."}',
      ]);
    },
  },
];

describe("the shipped Pulumi programs run with the real CLI", () => {
  let emulator: RunningEmulator;
  let binDir: string;
  let installed: string;

  before(
    async () => {
      [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    // Stack, backend and PULUMI_HOME of this run (failures carry the full CLI output in their message).
    rmSync(WORK, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.title}: up, no changes afterwards, destroy`, async () => {
      const work = join(WORK, c.zone);
      const projectDir = join(work, "project");
      rmSync(work, { recursive: true, force: true });
      mkdirSync(projectDir, { recursive: true });
      for (const f of ["Pulumi.yaml", "index.js"]) copyFileSync(join(c.source, f), join(projectDir, f));
      symlinkSync(join(installed, "node_modules"), join(projectDir, "node_modules"), "dir");
      const ws = new PulumiWorkspace(projectDir, work, binDir, "dev");
      await ws.initStack(ACCOUNT, emulator.url);

      if (c.before) await c.before(new OutOfBandClient(emulator.url, ACCOUNT));
      await ws.run(["up", "--yes"]);
      const zone = emulator.control.state().zones[c.zone] as LiveZone | undefined;
      assert.ok(zone, `zone ${c.zone} is published`);
      const types = [...new Set(zone.records.map((r) => r.record_type))].filter((t) => t !== "SOA" && t !== "NS").sort();
      assert.deepEqual(types, c.types);
      c.after?.(zone);

      await ws.run(["preview", "--expect-no-changes"]);
      await ws.run(["destroy", "--yes"]);
      assert.equal(emulator.control.state().zones[c.zone], undefined);
      assert.ok(!ws.allOutput().includes(ACCOUNT.password), "the password never appears in the output");
    });
  }
});
