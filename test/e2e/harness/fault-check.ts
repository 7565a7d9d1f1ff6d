/**
 * The fault suite's verdicts: what Pulumi recorded (the stack's state: done, pending, absent) set
 * against what the emulator publishes — a resource done must be published, a resource that is not
 * in the state must not be (DESIGN invariants 4–5) — and whether the zones hold exactly the
 * declared records.
 */
import type { RunningEmulator } from "../../../provider/emulator";
import { declaredByResource, liveZone, publishedRecords } from "./dns-state";
import { zonesOf, type ProgramSpec } from "./project";

export interface StackExport {
  deployment: {
    resources?: { urn: string; type: string; outputs?: Record<string, unknown> }[];
    pending_operations?: { resource: { urn: string }; type: string }[];
  };
}

function logicalOf(urn: string): string {
  return urn.split("::").pop() as string;
}

/** What the state says about each dyn resource: done (in the state) or pending (an operation was interrupted). */
export function recordedResources(state: StackExport): { done: Set<string>; pending: Set<string> } {
  const dyn = (urn: string) => urn.includes("pulumi-nodejs:dynamic/dyn:");
  const done = new Set((state.deployment.resources ?? []).filter((r) => dyn(r.urn)).map((r) => logicalOf(r.urn)));
  const pending = new Set((state.deployment.pending_operations ?? []).filter((p) => dyn(p.resource.urn)).map((p) => logicalOf(p.resource.urn)));
  return { done, pending };
}

/** The published records of the spec's zones that exist (a zone never created has none). */
export function publishedOf(emulator: RunningEmulator, spec: ProgramSpec): string[] {
  const existing = zonesOf(spec)
    .map((z) => z.name)
    .filter((z) => liveZone(emulator, z)?.published);
  return publishedRecords(emulator, existing);
}

/**
 * Every way the state and the published zones disagree: a resource recorded as done whose records
 * are not all published, a resource absent from the state (failed or never attempted) with a
 * published record, a duplicate. Resources with an interrupted operation are undecided.
 */
export function disagreements(emulator: RunningEmulator, spec: ProgramSpec, state: StackExport, published: string[], unanswered: Set<string> = new Set()): string[] {
  const { done, pending: interrupted } = recordedResources(state);
  const pending = new Set([...interrupted, ...unanswered]);
  const live = new Set(published);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of published) {
    if (seen.has(r)) out.push(`published twice: ${r}`);
    seen.add(r);
  }
  for (const zone of spec.zones ?? []) {
    if (zone.external || pending.has(zone.logical)) continue;
    const isPublished = liveZone(emulator, String(zone.name))?.published === true;
    if (done.has(zone.logical) && !isPublished) out.push(`zone ${zone.name} is recorded as done but not published`);
    if (!done.has(zone.logical) && isPublished) out.push(`zone ${zone.name} is not in the state (failed or never attempted) but published`);
  }
  for (const [logical, records] of declaredByResource(spec)) {
    if (pending.has(logical)) continue;
    if (done.has(logical)) {
      const missing = records.filter((r) => !live.has(r));
      if (missing.length > 0) out.push(`${logical} is recorded as done but not published: ${missing.join("; ")}`);
    } else {
      const leaked = records.filter((r) => live.has(r));
      if (leaked.length > 0) out.push(`${logical} is not in the state (failed or never attempted) but published: ${leaked.join("; ")}`);
    }
  }
  return out;
}

/**
 * Resources whose operation the provider never answered: the engine reports them failed because
 * the provider process died (`error reading from server: EOF`) or could not be reached — that is
 * the engine's word, not pulumi-dyn's, so like interrupted operations they are undecided; the next
 * up decides them (creation-journal.ts takes over what a killed provider published).
 */
export function unansweredResources(output: string): Set<string> {
  const out = new Set<string>();
  const lines = output.split("\n");
  lines.forEach((line, i) => {
    const lost = (l: string | undefined) => l !== undefined && /error reading from server: EOF|Error while dialing|transport is closing/.test(l);
    const inline = /pulumi-nodejs:dynamic\/dyn:\w+ (\S+) .*error: /.exec(line);
    if (inline && lost(line)) out.add(inline[1]);
    const header = /^\s*pulumi-nodejs:dynamic\/dyn:\w+ \((\S+)\):$/.exec(line);
    if (header && lost(lines[i + 1])) out.add(header[1]);
  });
  return out;
}
