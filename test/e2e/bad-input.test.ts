/**
 * Bad input through the real Pulumi CLI (issue 10, "Bad input"), on a stack whose zone and good
 * records exist. The engine stops a deployment at the first resource whose `check` fails (also
 * with --continue-on-error), so each case of test/helpers/bad-input-cases.ts gets its own
 * `pulumi preview` of the good program plus that case (after its partners): it fails naming the
 * resource, its property path and the fix, and the emulator sees no request during any of them.
 * Then `pulumi up` of the good program with every case in it fails without harm: nothing bad
 * reaches the API (no request refused, no bad zone), what it applied is published, and the good
 * program alone converges with one more `pulumi up`.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator";
import { BAD_INPUT_CASES, ZONE, type BadInputCase, type ResourceDecl } from "../helpers/bad-input-cases";
import { REPO_ROOT } from "../helpers/packed";
import { declaredRecords, publishedRecords } from "./harness/dns-state";
import { writeSpec, type ProgramSpec, type RecordSpec } from "./harness/project";
import type { PulumiWorkspace } from "./harness/pulumi-cli";
import { startE2e } from "./harness/setup";

const ACCOUNT = { customer: "bad-input", user: "bad-input-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `bad-input-${process.pid}`);

const good: RecordSpec[] = [
  { logical: "good-www", kind: "Record", name: "www", type: "A", ttl: 300, rdata: { address: "192.0.2.80" } },
  { logical: "good-mx", kind: "RecordSet", name: "@", type: "MX", records: [{ preference: 10, exchange: `mail.${ZONE}` }] },
];
const added: RecordSpec = { logical: "good-added", kind: "Record", name: "api", type: "AAAA", rdata: { address: "2001:db8::80" } };

function typed(d: ResourceDecl): RecordSpec {
  const { zone: _zone, ...args } = d.args as Record<string, any>;
  return { logical: d.logical, kind: d.kind === "recordSet" ? "RecordSet" : "Record", ...args };
}

const SPEC_KIND = { record: "Record", recordSet: "RecordSet", zoneRecords: "ZoneRecords" } as const;

function raw(d: ResourceDecl): RecordSpec {
  return { logical: d.logical, kind: SPEC_KIND[d.kind as keyof typeof SPEC_KIND], raw: d.args };
}

const baseZone = { logical: "zone", name: ZONE, contact: `hostmaster@${ZONE}` };
const partners = BAD_INPUT_CASES.flatMap((c) => c.partners ?? []);

/** The good program: the zone, its good records, and (from step 2 on) the partners and one more record. */
function goodSpec(withPartners: boolean): ProgramSpec {
  return { zones: [baseZone], records: [...good, ...(withPartners ? [...partners.map(typed), added] : [])] };
}

/** The good program plus bad cases, each after its partners. */
function badSpec(cases: BadInputCase[]): ProgramSpec {
  const spec = goodSpec(false);
  for (const c of cases) {
    spec.records.push(...(c.partners ?? []).map(typed));
    if (c.kind === "zone") spec.zones!.push({ logical: c.logical, ...c.args });
    else spec.records.push(raw(c));
  }
  return spec;
}

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

describe("bad input: check fails before any API call (pulumi CLI)", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let projectDir: string;

  before(
    async () => {
      ({ emulator, ws, projectDir } = await startE2e({ work: WORK, account: ACCOUNT, project: "dyn-bad-input", stack: "bad" }));
      writeSpec(projectDir, goodSpec(false));
      await ws.run(["up", "--yes", "--skip-preview"]);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("each case: pulumi preview fails naming the resource, its property path and the fix; the emulator sees no request", async () => {
    emulator.control.resetMetrics();
    const missing: string[] = [];
    // Two previews at a time (one per core); each reads its own spec file.
    await inBatches(BAD_INPUT_CASES, 2, async (c) => {
      const specFile = writeSpec(projectDir, badSpec([c]), `spec-${c.logical}.json`);
      const { code, stdout, stderr } = await ws.run(["preview"], { allowFailure: true, env: { DYN_E2E_SPEC: specFile } });
      // The engine reports a top-level input's failure as "<type> resource '<name>': property <path> value … has a problem: <reason>",
      // a nested one (sent without a property, runtime.ts forEngine) as "<type> resource '<name>' has a problem: <path> <reason>".
      // A conflict between resources is reported on whichever of them the engine checked last.
      const names = [c.logical, ...(c.partners ?? []).map((p) => p.logical)];
      const line = `${stdout}\n${stderr}`.split("\n").find((l) => names.some((n) => l.includes(`resource '${n}': property ${c.property} value`) || l.includes(`resource '${n}' has a problem: ${c.property} `)));
      if (code === 0 || !line || !c.fix.test(line)) missing.push(`${c.logical} (${c.property}), exit ${code}: ${line ?? `${stdout}\n${stderr}`}`);
    });
    assert.deepEqual(missing, [], "cases not reported with their property path and fix");
    const m = emulator.control.metrics();
    assert.equal(m.requestsTotal, 0, `the previews sent requests: ${JSON.stringify(m.requests)}`);
  });

  it("pulumi up with every case fails without harm; the good program then converges with one more up", async () => {
    writeSpec(projectDir, badSpec(BAD_INPUT_CASES));
    emulator.control.resetMetrics();
    const { code } = await ws.run(["up", "--yes", "--skip-preview", "--continue-on-error"], { allowFailure: true });
    assert.notEqual(code, 0, "the update stops at a bad resource");
    const m = emulator.control.metrics();
    assert.deepEqual(m.errors, {}, `the API refused requests: ${JSON.stringify(m.errors)}`);
    assert.deepEqual(Object.keys(emulator.control.state().zones), [ZONE], "no bad zone was created");
    // Whatever the stopped update applied is published and in the state; the rest follows now.
    const published = publishedRecords(emulator, [ZONE]);
    const wanted = declaredRecords(goodSpec(true));
    assert.deepEqual(published.filter((r) => !wanted.includes(r)), [], "nothing undeclared is published");
    writeSpec(projectDir, goodSpec(true));
    await ws.run(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(publishedRecords(emulator, [ZONE]), wanted);
    await ws.run(["preview", "--expect-no-changes"]);
  });
});
