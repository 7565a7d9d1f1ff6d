/**
 * The fault suite (issue 10): `pulumi up` of about a hundred records over three zones with the real
 * CLI (test/e2e/harness/fault-program.ts) while the emulator injects one kind of fault per case.
 * Each case runs on a stack of its own in one shared workspace, against an emulator reset to empty:
 *   1. the faulted `pulumi up --continue-on-error` (it may fail);
 *   2. when it ends — and again once every slow job the emulator still runs has finished — no
 *      resource is recorded as done while unpublished, none is missing from the state while
 *      published, nothing is published twice (fault-check.ts);
 *   3. at most one more `pulumi up` (after `pulumi refresh` where a user would need one: `refresh`
 *      in the case) converges: the zones hold exactly the declared records, published, and
 *      `pulumi preview --expect-no-changes` passes.
 * What each fault cost (the emulator's error counts, logins) is printed per case; test/README.md
 * has the table. The last case runs two stacks of the project at once, both with dyn:sessionKey.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it, type TestContext } from "node:test";
import type { ArrivingRequest, MetricsSnapshot, RunningEmulator } from "../../provider/emulator";
import { REPO_ROOT } from "../helpers/packed";
import { declaredRecords } from "./harness/dns-state";
import { disagreements, publishedOf, recordedResources, unansweredResources, type StackExport } from "./harness/fault-check";
import { faultProgram } from "./harness/fault-program";
import { dynamicProviderProcessesIn } from "./harness/processes";
import { writeSpec, type ProgramSpec } from "./harness/project";
import type { CommandResult, PulumiWorkspace } from "./harness/pulumi-cli";
import { startE2e } from "./harness/setup";

const ACCOUNT = { customer: "faults", user: "faults-user", password: `pw-${randomBytes(12).toString("hex")}` };
const WORK = join(REPO_ROOT, ".tmp", "e2e", `faults-${process.pid}`);
const SPEC = faultProgram("fault");
const [ZONE_A, ZONE_B] = SPEC.zones!.map((z) => String(z.name));
const SESSION_KEY = randomBytes(32).toString("base64");

interface FaultContext {
  emulator: RunningEmulator;
  projectDir: string;
  /** Calls `action` as the n-th /REST/ request matching `match` arrives (before it is processed). */
  at(n: number, match: (r: ArrivingRequest) => boolean, action: (r: ArrivingRequest) => void): void;
}

interface FaultCase {
  name: string;
  /** Extra stack config of the case. */
  config?: Record<string, string>;
  /** Extra environment of the faulted `pulumi up` (its provider process inherits it). */
  env?: NodeJS.ProcessEnv;
  /** Arms the fault before the faulted up. */
  inject(ctx: FaultContext): void;
  /** When the state holds interrupted operations, the user runs `pulumi refresh` with these flags before the next up. */
  refresh?: string[];
}

const isRecordWrite = (r: ArrivingRequest) => r.method === "POST" && /^\/REST\/[A-Z]+Record\//.test(r.path);
const isRecordWriteIn = (zone: string) => (r: ArrivingRequest) => isRecordWrite(r) && r.path.includes(`/${zone}/`);

function killProvider(projectDir: string): void {
  const pids = dynamicProviderProcessesIn(projectDir);
  assert.equal(pids.length, 1, `one provider process runs the update (found ${pids.join(", ") || "none"})`);
  process.kill(pids[0], "SIGKILL");
}

const CASES: FaultCase[] = [
  {
    name: "tokens expire mid-apply",
    inject: ({ emulator, at }) => {
      for (const n of [15, 45]) at(n, isRecordWrite, () => emulator.control.expireTokens());
    },
  },
  {
    name: '"job running" collisions',
    inject: ({ emulator }) => emulator.control.setFaults({ failNext: { count: 8, mode: "job-running", method: "POST", match: "Record/" } }),
  },
  {
    name: '"Operation blocked by current task"',
    inject: ({ emulator, at }) => {
      for (const zone of [ZONE_A, ZONE_B]) at(1, isRecordWriteIn(zone), () => emulator.control.blockZone({ zone, requests: 3, taskName: "ProvisionZone" }));
    },
  },
  {
    name: "429 lock-out (60 requests/min, 1.5 s lock-out)",
    inject: ({ emulator }) => emulator.control.setRateLimit({ perMinute: 60, lockoutMs: 1_500 }),
  },
  {
    name: "bursts of 5xx",
    inject: ({ emulator, at }) => {
      const burst = (mode: "http500" | "http503") => () => emulator.control.setFaults({ failNext: { count: 3, mode } });
      at(10, () => true, burst("http503"));
      at(40, () => true, burst("http500"));
      at(90, () => true, burst("http503"));
    },
  },
  {
    name: "connection reset after the server applied a POST (and a publish)",
    inject: ({ emulator }) =>
      emulator.control.setFaults({
        failNext: [
          { count: 6, mode: "reset-after", method: "POST", match: "Record/" },
          { count: 2, mode: "reset-after", method: "PUT", match: "/REST/Zone/" },
        ],
      }),
  },
  {
    name: "publish turned into a slow job (followed within the deadline)",
    inject: ({ emulator, at }) => at(1, isRecordWrite, () => emulator.control.slow({ mode: "redirect", match: "PUT /REST/Zone/", jobMs: 1_500, count: 3 })),
  },
  {
    name: "publish turned into a slow job past the deadline",
    env: { DYN_JOB_DEADLINE_MS: "1500" },
    inject: ({ emulator, at }) => at(1, isRecordWriteIn(ZONE_A), () => emulator.control.slow({ mode: "incomplete", match: `PUT /REST/Zone/${ZONE_A}`, jobMs: 4_000, count: 1 })),
  },
  {
    name: "publish failure followed by a discard failure",
    // One session: the zone's later batch runs on the token that still holds the failed changes.
    config: { "dyn:maxSessions": "1" },
    inject: ({ emulator, at }) =>
      at(1, isRecordWriteIn(ZONE_B), () =>
        emulator.control.setFaults({
          failNext: [
            { count: 4, mode: "http503", method: "PUT", match: `/REST/Zone/${ZONE_B}` },
            { count: 4, mode: "http503", method: "DELETE", match: `/REST/ZoneChanges/${ZONE_B}` },
          ],
        }),
      ),
  },
  {
    name: "emulator restart losing every session and unpublished change",
    inject: ({ emulator, at }) => at(30, isRecordWrite, () => emulator.control.restart()),
  },
  {
    // Every zone's batch is still sending its changes: nothing of the wave is published yet.
    name: "provider process killed (SIGKILL) mid-batch",
    inject: ({ projectDir, at }) => at(5, isRecordWrite, () => killProvider(projectDir)),
    refresh: ["--clear-pending-creates"],
  },
  {
    name: "provider process killed (SIGKILL) mid-batch with dyn:sessionKey",
    config: { "dyn:sessionKey": SESSION_KEY },
    inject: ({ projectDir, at }) => at(5, isRecordWrite, () => killProvider(projectDir)),
    refresh: ["--clear-pending-creates"],
  },
  {
    // The worst moment: a zone's publish is applied, the provider dies before anyone hears of it.
    name: "provider process killed (SIGKILL) just after a publish was applied",
    inject: ({ projectDir, at }) => {
      const written = new Set<string>();
      at(1, (r) => {
        if (isRecordWrite(r)) written.add(r.path.split("/")[3]);
        return r.method === "PUT" && written.has(r.path.split("/")[3]) && /^\/REST\/Zone\//.test(r.path);
      }, () => setImmediate(() => killProvider(projectDir)));
    },
    refresh: ["--clear-pending-creates"],
  },
];

/** Waits (polling with a deadline) until the emulator runs no slow job any more. */
async function slowJobsDone(emulator: RunningEmulator, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (emulator.control.metrics().jobsRunning > 0) {
    if (Date.now() > until) throw new Error("slow jobs still running");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function summary(result: CommandResult): string {
  const out = `${result.stdout}\n${result.stderr}`;
  const resources = /Resources:\n([\s\S]*?)\n\n/.exec(out)?.[1]?.replace(/\s+/g, " ").trim();
  return `exit ${result.code}${resources ? ` (${resources})` : ""}`;
}

/** The distinct causes the CLI printed (names of records and zones left out), at most three. */
function causes(result: CommandResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split("\n").filter((l) => /^\s+error: /.test(l));
  const generic = lines.map((l) =>
    l
      .replace(/^\s+error: /, "")
      .replace(/[a-z0-9_.-]+\.example\.?/g, "<name>")
      .replace(/\b(A|AAAA|TXT|CNAME|SRV|MX|CAA) record( set)?/g, "record$2")
      .slice(0, 200),
  );
  const distinct = [...new Set(generic)];
  return distinct.length === 0 ? "" : `; causes: ${distinct.slice(0, 3).join(" / ")}${distinct.length > 3 ? ` (+${distinct.length - 3} more)` : ""}`;
}

describe("fault suite: pulumi up of ~100 records over 3 zones while the emulator injects faults", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  let projectDir: string;
  const table: string[] = [];

  before(
    async () => {
      ({ emulator, ws, projectDir } = await startE2e({ work: WORK, account: ACCOUNT, project: "dyn-faults", stack: "template" }));
      writeSpec(projectDir, SPEC);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    if (table.length > 0) console.log(`fault suite results:\n${table.join("\n")}`);
    await emulator?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  const exportState = async (stack: string) => JSON.parse((await ws.run(["stack", "export"], { stack })).stdout) as StackExport;

  /** Init a stack from the template's config plus `config` (set as secrets). */
  async function newStack(stack: string, config: Record<string, string> = {}): Promise<void> {
    await ws.run(["stack", "init", stack, "--copy-config-from", "template"], { stackScoped: false });
    for (const [key, value] of Object.entries(config)) await ws.run(["config", "set", "--secret", key], { stdin: value, stack });
  }

  /**
   * Steps 2 and 3 for one stack after its faulted up: the verdicts at its end and after the slow
   * jobs, then at most one more up (after a refresh when operations were interrupted). Returns the
   * table row.
   */
  async function judgeAndRecover(
    name: string,
    stack: string,
    spec: ProgramSpec,
    faulted: CommandResult,
    opts: { refresh?: string[]; specFile?: string; metrics: MetricsSnapshot },
  ): Promise<string> {
    const env = opts.specFile ? { DYN_E2E_SPEC: opts.specFile } : undefined;
    const publishedAtEnd = publishedOf(emulator, spec);
    const state = await exportState(stack);
    const unanswered = unansweredResources(`${faulted.stdout}\n${faulted.stderr}`);
    const atEnd = disagreements(emulator, spec, state, publishedAtEnd, unanswered);
    await slowJobsDone(emulator);
    const later = disagreements(emulator, spec, state, publishedOf(emulator, spec), unanswered).filter((d) => !atEnd.includes(d));
    const { done, pending } = recordedResources(state);
    const row = [
      name,
      `faulted up: ${summary(faulted)}, ${done.size} done, ${pending.size} pending, ${unanswered.size} unanswered${causes(faulted)}`,
      `errors seen: ${JSON.stringify(opts.metrics.errors)}, logins ${opts.metrics.logins}, publishes ${opts.metrics.publishesTotal}`,
    ];
    assert.deepEqual(atEnd, [], `${row.join(" | ")}\nwhen the faulted up ended, the state and the published zones disagree:\n${faulted.stdout}\n${faulted.stderr}`);
    assert.deepEqual(later, [], `${row.join(" | ")}\nonce the emulator's slow jobs finished, the state and the published zones disagree`);

    let recovery = "none needed";
    if (faulted.code !== 0 || pending.size > 0) {
      // Interrupted operations: `pulumi up` warns about them and asks for `pulumi refresh`.
      const refresh = opts.refresh && pending.size > 0;
      if (refresh) await ws.run(["refresh", "--yes", ...opts.refresh!], { stack, env });
      const next = await ws.run(["up", "--yes", "--skip-preview", "--parallel", "64"], { stack, allowFailure: true, env });
      recovery = `${refresh ? `pulumi refresh ${opts.refresh!.join(" ")}, then ` : ""}pulumi up: ${summary(next)}`;
      assert.equal(next.code, 0, `${row.join(" | ")}\nthe next pulumi up converges:\n${next.stdout}\n${next.stderr}`);
    }
    row.push(`recovery: ${recovery}`);
    return row.join(" | ");
  }

  /** Converged: the zones hold exactly `expected` (default: the declared records), and nothing is left to do. */
  async function assertConverged(stack: string, spec: ProgramSpec, opts: { specFile?: string; expected?: string[] } = {}): Promise<void> {
    assert.deepEqual(publishedOf(emulator, spec), opts.expected ?? declaredRecords(spec), `${stack}: the zones hold exactly the declared records`);
    await ws.run(["preview", "--expect-no-changes", "--parallel", "64"], { stack, env: opts.specFile ? { DYN_E2E_SPEC: opts.specFile } : undefined });
  }

  function resetEmulator(): void {
    emulator.control.reset();
    emulator.control.setRateLimit({ perMinute: 1_000_000, lockoutMs: 60_000 });
    emulator.control.resetMetrics();
  }

  /** Clears every fault switch (the verdicts and the recovery run without faults). */
  function clearFaults(): void {
    emulator.control.setFaults({ failNext: [], latencyMs: 0 });
    emulator.control.slow({ mode: "off", jobMs: 0 });
    emulator.control.setRateLimit({ perMinute: 1_000_000, lockoutMs: 60_000 });
  }

  for (const [i, c] of CASES.entries()) {
    it(c.name, async (t: TestContext) => {
      const stack = `case-${i + 1}`;
      resetEmulator();
      await newStack(stack, c.config);
      const listeners: (() => void)[] = [];
      const ctx: FaultContext = {
        emulator,
        projectDir,
        at(n, match, action) {
          let seen = 0;
          const off = emulator.control.onRequest((r) => {
            if (match(r) && ++seen === n) {
              off();
              action(r);
            }
          });
          listeners.push(off);
        },
      };
      c.inject(ctx);
      const faulted = await ws.run(["up", "--yes", "--skip-preview", "--continue-on-error", "--parallel", "64"], { stack, allowFailure: true, env: c.env });
      for (const off of listeners) off();
      const metrics = emulator.control.metrics();
      clearFaults();
      const row = await judgeAndRecover(c.name, stack, SPEC, faulted, { refresh: c.refresh, metrics });
      table.push(row);
      t.diagnostic(row);
      await assertConverged(stack, SPEC);
    });
  }

  // Two stacks of one project on one account, both with dyn:sessionKey: "prod" owns the zones and
  // their records, "dev" adds records of its own to the same zones. prod's provider is paused
  // (SIGSTOP) in the middle of its batch for zone A — its changes pending on its token — while dev
  // runs; dev's publishes of zone A fail, it discards its changes of zone A, and is paused in turn
  // while prod goes on and ends. (Pausing is what a busy machine does to a process; it makes the
  // interleaving exact.)
  it("two stacks of one project applying at once with dyn:sessionKey", async (t: TestContext) => {
    resetEmulator();
    // (prod without a ZoneRecords: it would own every record of its zone, dev's too)
    const prod = { stack: "two-prod", spec: faultProgram("two", { zoneRecords: false }) };
    const dev = { stack: "two-dev", spec: faultProgram("two", { guest: "dev" }) };
    const stacks = [prod, dev].map((s) => ({ ...s, specFile: writeSpec(projectDir, s.spec, `spec-${s.stack}.json`) }));
    // One session each (dyn:maxSessions 1): a persisted session is kept per slot, so this makes
    // both runs take the same slot's saved token, whichever zone starts first.
    for (const s of stacks) await newStack(s.stack, { "dyn:sessionKey": SESSION_KEY, "dyn:maxSessions": "1" });
    // A first, small run of prod creates the zones and leaves a persisted session behind.
    const small = writeSpec(projectDir, { ...prod.spec, records: prod.spec.records.slice(0, 5) }, "spec-two-prod-small.json");
    await ws.run(["up", "--yes", "--skip-preview"], { stack: prod.stack, env: { DYN_E2E_SPEC: small } });
    emulator.control.resetMetrics();

    const zoneA = String(prod.spec.zones![0].name);
    const paused = new Set<number>();
    const pause = (pid: number) => (process.kill(pid, "SIGSTOP"), paused.add(pid));
    const resume = (pid: number | undefined) => pid !== undefined && paused.delete(pid) && process.kill(pid, "SIGCONT");
    let prodPid: number | undefined;
    let devPid: number | undefined;
    const prodPaused = new Promise<void>((resolve) => {
      let seen = 0;
      const off = emulator.control.onRequest((r) => {
        if (isRecordWriteIn(zoneA)(r) && ++seen === 10) {
          off();
          [prodPid] = dynamicProviderProcessesIn(projectDir);
          pause(prodPid);
          resolve();
        }
      });
    });
    const run = (s: (typeof stacks)[number]) =>
      ws.run(["up", "--yes", "--skip-preview", "--continue-on-error", "--parallel", "64"], { stack: s.stack, allowFailure: true, env: { DYN_E2E_SPEC: s.specFile } });
    const prodRun = run(stacks[0]);
    await prodPaused;
    emulator.control.setFaults({ failNext: { count: 4, mode: "http503", method: "PUT", match: `/REST/Zone/${zoneA}` } });
    // Once dev's discard of zone A is applied: dev waits, prod goes on.
    const offDiscard = emulator.control.onRequest((r) => {
      if (r.method !== "DELETE" || !r.path.startsWith(`/REST/ZoneChanges/${zoneA}`)) return;
      offDiscard();
      setImmediate(() => {
        devPid = dynamicProviderProcessesIn(projectDir).find((pid) => pid !== prodPid);
        if (devPid !== undefined) pause(devPid);
        resume(prodPid);
      });
    });
    const devRun = run(stacks[1]);
    let results: CommandResult[];
    try {
      const prodResult = await prodRun;
      resume(devPid);
      results = [prodResult, await devRun];
    } finally {
      offDiscard();
      clearFaults();
      for (const pid of [...paused]) resume(pid);
    }
    const metrics = emulator.control.metrics();
    const both = [...declaredRecords(prod.spec), ...declaredRecords(dev.spec)].sort();
    for (const [i, s] of stacks.entries()) {
      const row = await judgeAndRecover(`two stacks at once with dyn:sessionKey (${s.stack})`, s.stack, s.spec, results[i], { specFile: s.specFile, metrics });
      table.push(row);
      t.diagnostic(row);
    }
    for (const s of stacks) await assertConverged(s.stack, s.spec, { specFile: s.specFile, expected: both });
  });
});
