/**
 * Drift detection tells the truth, and what a user reads, through the real Pulumi CLI against the
 * emulator (issues 13 and 14). One stack, ordered steps:
 *   1 up → refresh --expect-no-changes (the serial moved: no drift) · 2 one RecordSet member and a
 *   long TXT change: the preview text · 3 up → refresh clean · 4 a zone TTL change under TTL-0
 *   records converges in one up · 5 a nested-field error and the import: option, as printed ·
 *   6 the pulumi import command · 7 destroy leaves the referenced zone alone.
 * Then a second stack: destroying a zone with 150 records makes no per-record call.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { packedProject, REPO_ROOT } from "../helpers/packed";
import { OutOfBandClient } from "./harness/dynect-rest";
import { createProject, writeSpec } from "./harness/project";
import { ensurePulumiCli, PulumiWorkspace, type CommandResult } from "./harness/pulumi-cli";

const ACCOUNT = { customer: "drift-customer", user: "drift-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `drift-${process.pid}`);
const ZONE = "drift.example.org";
const REF_ZONE = "by-hand.example.org";

const PROGRAM = `"use strict";
const dyn = require("pulumi-dyn");
const spec = require("./spec.json");

const zone = new dyn.Zone("zone", { name: spec.zone, contact: "hostmaster@" + spec.zone, ttl: spec.zoneTtl });
const set = new dyn.RecordSet("set", { zone: zone.name, name: "@", type: "A", ttl: 0, records: spec.addresses.map((address) => ({ address })) });
new dyn.Record("mx", { zone: zone.name, name: "@", type: "MX", ttl: 0, rdata: { preference: 10, exchange: "mail." + spec.zone } });
new dyn.Record("dkim", { zone: zone.name, name: "sel._domainkey", type: "TXT", ttl: 600, rdata: { txtdata: spec.dkim } });

// DNS made by hand, referenced; and one record of ours in it, whose publishes move its serial.
const ref = dyn.Zone.get("ref", spec.refZone);
dyn.Record.get("ref-www", spec.refZone + "/www." + spec.refZone + "/A/" + spec.refWwwId);
dyn.RecordSet.get("ref-mx", spec.refZone + "/" + spec.refZone + "/MX");
dyn.ZoneRecords.get("ref-all", spec.refZone, { ignore: ["pulumi"] });
new dyn.Record("ours", { zone: ref.name, name: "pulumi", type: "TXT", rdata: { txtdata: spec.ours } });

if (spec.bad) new dyn.Record("bad", { zone: zone.name, name: "bad", type: "A", rdata: { address: "192.0.2.256" } });
if (spec.importing) new dyn.Zone("imported", { name: spec.refZone, contact: "hostmaster@" + spec.refZone }, { import: spec.refZone });

exports.serial = dyn.getZoneSerial(zone.name);
exports.refSerial = dyn.getZoneSerial(ref.name);
exports.members = set.records.apply((r) => Object.keys(r));
`;

interface Spec {
  zone: string;
  zoneTtl: number;
  addresses: string[];
  dkim: string;
  refZone: string;
  refWwwId: number;
  ours: string;
  bad?: boolean;
  importing?: boolean;
}

const dkim = (key: string) => `v=DKIM1; k=rsa; p=${key.repeat(Math.ceil(400 / key.length)).slice(0, 400)}`;

interface LiveRecord {
  fqdn: string;
  record_type: string;
  ttl: number;
  rdata: Record<string, unknown>;
}
interface LiveZone {
  serial: number;
  records: LiveRecord[];
}

/** One resource's part of `pulumi preview --diff` output (the engine prints resources in the order their steps ran). */
function resourceBlock(out: string, marker: string): string {
  const start = out.indexOf(marker);
  if (start < 0) return "";
  const rest = out.slice(start + marker.length);
  const next = rest.search(/\n\s*[~+\->] pulumi[:-]|\n\s*--outputs:--|\nResources:/);
  return out.slice(start, start + marker.length + (next < 0 ? rest.length : next));
}

describe("drift and what the user sees, with the real CLI", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let projectDir: string;
  let spec: Spec;

  const liveZone = (zone: string) => emulator.control.state().zones[zone] as LiveZone | undefined;
  const ttlsOf = (zone: string, type: string) =>
    liveZone(zone)!
      .records.filter((r) => r.record_type === type && r.fqdn === zone)
      .map((r) => r.ttl);
  const outputs = async () => JSON.parse((await ws.run(["stack", "output", "--json"])).stdout) as { serial: number; refSerial: number; members: string[] };
  const write = (change: Partial<Spec>) => {
    spec = { ...spec, ...change };
    writeSpec(projectDir, spec as unknown as Record<string, unknown>);
  };
  const refreshIsClean = async () => {
    await ws.run(["refresh", "--yes", "--expect-no-changes", "--parallel", "32"]);
    await ws.run(["preview", "--refresh", "--expect-no-changes", "--parallel", "32"]);
  };
  const printed = (r: CommandResult) => `${r.stdout}\n${r.stderr}`;

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
      // The referenced zone, made by hand.
      const oob = new OutOfBandClient(emulator.url, ACCOUNT);
      await oob.login();
      let wwwId = 0;
      try {
        await oob.uploadZoneFile(
          REF_ZONE,
          [`$ORIGIN ${REF_ZONE}.`, `@ 3600 IN SOA ns1.example.net. hostmaster.${REF_ZONE}. 1 3600 600 604800 300`, "@ 3600 IN MX 10 mx1.example.net.", "@ 3600 IN MX 20 mx2.example.net.", "www 300 IN A 198.51.100.7", ""].join("\n"),
        );
        await oob.publish(REF_ZONE);
        wwwId = (await oob.records("A", REF_ZONE, `www.${REF_ZONE}`))[0].record_id;
      } finally {
        await oob.logout();
      }
      projectDir = createProject(join(WORK, "project"), installed, "dyn-drift", PROGRAM);
      ws = new PulumiWorkspace(projectDir, WORK, binDir);
      await ws.initStack(ACCOUNT, emulator.url);
      write({ zone: ZONE, zoneTtl: 3600, addresses: ["192.0.2.10", "192.0.2.11", "192.0.2.12"], dkim: dkim("MIIBIjAN"), refZone: REF_ZONE, refWwwId: wwwId, ours: "managed by pulumi" });
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("1. after up, refresh --expect-no-changes passes though every publish moved the serials; getZoneSerial is the live serial", async () => {
    await ws.run(["up", "--yes", "--parallel", "32"]);
    const out = await outputs();
    assert.equal(out.serial, liveZone(ZONE)!.serial, "the stack output is the serial after the deployment");
    assert.ok(liveZone(ZONE)!.serial > 1, "the records' publishes moved the serial past the zone's own");
    assert.equal(out.refSerial, liveZone(REF_ZONE)!.serial, "our record's publish moved the referenced zone's serial");
    assert.deepEqual(out.members, ["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
    await refreshIsClean();
  });

  it("2. a preview of one RecordSet member changed reads as that member removed and one added; long TXT shows as written", async () => {
    write({ addresses: ["192.0.2.10", "192.0.2.12", "192.0.2.13"], dkim: dkim("QUJDREVG") });
    const { stdout } = await ws.run(["preview", "--diff"]);
    const setDiff = resourceBlock(stdout, "dyn:RecordSet: (update)");
    assert.match(setDiff, /-\s+"?192\.0\.2\.11"?\s*: \{/, stdout);
    assert.match(setDiff, /\+\s+"?192\.0\.2\.13"?\s*: \{/, stdout);
    assert.doesNotMatch(setDiff, /\[\d\]/, "no positional entries");
    assert.doesNotMatch(setDiff, /192\.0\.2\.12"?\s*=>/, "no member renamed into another");
    const txtDiff = resourceBlock(stdout, "dyn:Record: (update)");
    assert.match(txtDiff, /~ txtdata: "v=DKIM1; k=rsa; p=MIIBIjAN[^"]*" => "v=DKIM1; k=rsa; p=QUJDREVG[^"]*"/, "the text as written, in one piece");
    assert.doesNotMatch(txtDiff, /\\"/, "no DynECT chunk quoting");
  });

  it("3. up applies it; refresh is clean again, references included", async () => {
    await ws.run(["up", "--yes", "--parallel", "32"]);
    const dk = liveZone(ZONE)!.records.find((r) => r.record_type === "TXT")!;
    assert.match(String(dk.rdata.txtdata), /^"[^"]{255}" "[^"]+"$/, "chunked on the wire");
    assert.equal((await outputs()).serial, liveZone(ZONE)!.serial);
    await refreshIsClean();
  });

  it("4. a zone TTL change rewrites the TTL-0 records in the same up; the next refresh is clean", async () => {
    write({ zoneTtl: 300 });
    const { json } = await ws.runJson(["preview"]);
    const ops = Object.fromEntries((json.steps as { urn: string; op: string }[]).filter((s) => s.urn.includes("dyn:")).map((s) => [s.urn.split("::").pop(), s.op]));
    // --json lists no "same" steps: the dkim record (TTL 600) is not touched.
    assert.deepEqual([ops.zone, ops.set, ops.mx, ops.dkim ?? "same"], ["update", "update", "update", "same"], JSON.stringify(ops));
    await ws.run(["up", "--yes", "--parallel", "32"]);
    assert.deepEqual([ttlsOf(ZONE, "A"), ttlsOf(ZONE, "MX")], [[300, 300, 300], [300]], "TTL 0 took the new zone default");
    assert.equal(liveZone(ZONE)!.records.find((r) => r.record_type === "TXT")!.ttl, 600, "an explicit TTL stays");
    await refreshIsClean();
  });

  it("5. a bad rdata value and the import: option each print one clear line, with no stack trace", async () => {
    write({ bad: true });
    const bad = printed(await ws.run(["preview"], { allowFailure: true }));
    assert.match(bad, /rdata\.address must be an IPv4 address, got "192\.0\.2\.256" — e\.g\. rdata: \{ address: "192\.0\.2\.10" \}/, bad);
    assert.doesNotMatch(bad, /<nil>/);
    write({ bad: false, importing: true });
    const result = await ws.run(["preview"], { allowFailure: true });
    const text = printed(result);
    assert.notEqual(result.code, 0);
    assert.ok(
      text.includes(
        `dyn.Zone "imported" cannot be imported — Pulumi cannot import dynamic-provider resources (pulumi/pulumi#16175): declare the existing object with adopt: true instead of the import option (or generate the program from live DNS with \`npx pulumi-dyn generate\`); see https://www.npmjs.com/package/pulumi-dyn#importing-existing-dns`,
      ),
      text,
    );
    assert.doesNotMatch(text, /^\s+at /m, "no stack trace");
    write({ importing: false });
  });

  it("6. the pulumi import command fails inside Pulumi's host (no code of ours runs) and changes nothing", async () => {
    const before = (await ws.run(["stack", "export"])).stdout;
    const result = await ws.run(["import", "pulumi-nodejs:dynamic/dyn:Zone", "imported", REF_ZONE, "--yes"], { allowFailure: true });
    assert.notEqual(result.code, 0);
    // What the README documents; when Pulumi's host learns to import, this fails and the README must change.
    assert.match(printed(result), /Cannot read properties of undefined \(reading 'toJavaScript'\)/);
    const urns = (exported: string) => ((JSON.parse(exported).deployment.resources ?? []) as { urn: string }[]).map((r) => r.urn).sort();
    assert.deepEqual(urns((await ws.run(["stack", "export"])).stdout), urns(before), "nothing imported");
  });

  it("7. destroy removes our zone and our record in the referenced zone, and leaves the hand-made DNS alone", async () => {
    await ws.run(["destroy", "--yes", "--parallel", "32"]);
    assert.equal(liveZone(ZONE), undefined);
    const ref = liveZone(REF_ZONE)!;
    assert.deepEqual(ref.records.filter((r) => r.record_type !== "SOA" && r.record_type !== "NS").map((r) => `${r.fqdn} ${r.record_type}`).sort(), [
      `${REF_ZONE} MX`,
      `${REF_ZONE} MX`,
      `www.${REF_ZONE} A`,
    ]);
  });
});

describe("destroying a zone with its 150 records, with the real CLI", () => {
  const COUNT = 150;
  const BIG = "big.example.org";
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  const work = join(WORK, "big");

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT], rateLimitPerMinute: 1_000_000 });
      const program = `"use strict";
const dyn = require("pulumi-dyn");
const zone = new dyn.Zone("zone", { name: "${BIG}", contact: "hostmaster@${BIG}" });
for (let i = 0; i < ${COUNT}; i++) {
  new dyn.Record("host" + i, { zone: zone.name, name: "host" + i, type: "A", ttl: 300, rdata: { address: "10.0." + Math.floor(i / 250) + "." + (i % 250 + 1) } });
}
`;
      const projectDir = createProject(join(work, "project"), installed, "dyn-big", program);
      ws = new PulumiWorkspace(projectDir, work, binDir);
      await ws.initStack(ACCOUNT, emulator.url, { config: { "dyn:requestsPerMinute": "0" } });
      await ws.run(["up", "--yes", "--parallel", "64"]);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
  });

  it(`pulumi destroy deletes the zone with one call, not ${COUNT} record deletes`, async (t) => {
    const zone = emulator.control.state().zones[BIG] as LiveZone;
    assert.equal(zone.records.filter((r) => r.record_type === "A").length, COUNT);
    emulator.control.resetMetrics();
    const { stdout } = await ws.run(["destroy", "--yes", "--parallel", "64"]);
    const m = emulator.control.metrics();
    t.diagnostic(`destroy: ${m.requestsTotal} requests ${JSON.stringify(m.requests)}`);
    assert.match(stdout, new RegExp(`${COUNT + 2} deleted`), "every resource (and the stack) left the state");
    assert.equal(emulator.control.state().zones[BIG], undefined);
    assert.deepEqual(Object.keys(m.requests).filter((k) => /^DELETE \/REST\/\w+Record\//.test(k)), [], "no per-record delete");
    assert.equal(m.requests["DELETE /REST/Zone/:zone"], 1);
    assert.equal(m.publishesTotal, 0);
    // One login and one logout per provider process (preview, destroy), and the zone delete.
    assert.ok(m.requestsTotal <= 5, `${m.requestsTotal} requests`);
  });
});
