/** What a scenario is and what it gets to run with. */
import type { BenchArgs, ScenarioName } from "../lib/args";
import type { Dataset } from "../lib/dataset";
import { expectedLines, recordLine } from "../lib/dataset";
import type { EmulatorProcess } from "../lib/emulator";
import type { Op, OpSample } from "../lib/measure";

export interface BenchContext {
  args: BenchArgs;
  emulator: EmulatorProcess;
  /** The packed install (test/helpers/packed.ts). */
  installedDir: string;
  /** node_modules of the bench projects (packed install + bench-noop-provider). */
  modulesDir: string;
  /** Where the pulumi CLI is (scripts/setup-pulumi.sh). */
  binDir: () => Promise<string>;
  python: (venv: "py" | "octodns") => string;
  /** Whether the installed pulumi-dyn exports ZoneRecords. */
  hasZoneRecords: boolean;
}

export interface RunOutput {
  samples: Partial<Record<Op, OpSample>>;
  notes?: Record<string, unknown>;
}

export interface Scenario {
  /** The --only name that selects it. */
  name: ScenarioName;
  /** Unique id in the results (e.g. "floor-thin", "ratelimit-octodns"). */
  id: string;
  label: string;
  /** The real limit (300/min, 60 s lock-out) instead of none. */
  rateLimited: boolean;
  defaultNs(ctx: BenchContext): number[];
  /** A reason to skip it, or undefined. */
  skip?(ctx: BenchContext): string | undefined;
  /** One run of every op, on a freshly reset emulator. */
  run(ctx: BenchContext, n: number): Promise<RunOutput>;
}

/** Fails with the first differences when the emulator does not serve exactly `d`. */
export async function verifyPublished(emu: EmulatorProcess, d: Dataset, step: string): Promise<void> {
  const live = await emu.publishedLines(recordLine);
  const want = expectedLines(d);
  const liveSet = new Set(live);
  const wantSet = new Set(want);
  const missing = want.filter((l) => !liveSet.has(l));
  const extra = live.filter((l) => !wantSet.has(l));
  if (missing.length || extra.length) {
    throw new Error(
      `after ${step} the emulator does not serve the declared records: ${missing.length} missing, ${extra.length} unexpected\n` +
        `  missing e.g. ${missing.slice(0, 3).join(" | ")}\n  unexpected e.g. ${extra.slice(0, 3).join(" | ")}`,
    );
  }
}
