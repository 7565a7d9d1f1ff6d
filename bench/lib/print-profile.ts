/** The `--profile` report of one scenario: event-log timeline and the provider's CPU profile per op. */
import type { ScenarioResult } from "./report";

const s = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(1)} s`);

export function printProfile(result: ScenarioResult): void {
  for (const o of result.ops) {
    const t = o.timeline;
    const cpu = Object.entries(o.cpuS)
      .map(([role, sec]) => `${role} ${sec.toFixed(1)} s`)
      .join(", ");
    console.log(`\n  -- ${result.scenario} ${o.op}: wall ${o.wallS.median.toFixed(1)} s, ${o.requests} requests (serial API time at ${result.latencyMs} ms: ${s(o.requests * result.latencyMs)}); CPU: ${cpu}`);
    if (t) {
      console.log(
        `     timeline: startup ${s(t.startupMs)} · preview pass ${s(t.previewMs)} · last pass ${s(t.applyMs)} (no step in flight: ${s(t.idleMs)}; ` +
          `mean steps in flight otherwise ${t.meanInFlight?.toFixed(1) ?? "–"}) · after last event ${s(t.shutdownMs)}`,
      );
      for (const [type, st] of Object.entries(t.steps ?? {})) console.log(`     ${st.count} ${type} steps: median ${s(st.medianMs)}, p90 ${s(st.p90Ms)}, max ${s(st.maxMs)}`);
      if (t.slowest) console.log(`     slowest step: ${t.slowest.urn.split("::").pop()} ${s(t.slowest.ms)}`);
    }
    const errors = Object.entries(o.errors);
    if (errors.length) console.log(`     emulator error replies: ${errors.map(([k, v]) => `${k} ${v}`).join(", ")}`);
    for (const p of o.profiles ?? []) {
      console.log(`     provider pid ${p.pid}: ${s(p.busyMs)} on CPU (GC ${s(p.gcMs)})`);
      console.log(`       by package: ${p.byPackage.map((x) => `${x.name} ${x.ms.toFixed(0)} ms`).join(", ")}`);
      for (const f of p.topFunctions.slice(0, 12)) console.log(`       ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
    }
  }
}
