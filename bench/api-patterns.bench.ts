/**
 * Benchmarks of the two API patterns pulumi-dyn is built around, each reported as a ratio against
 * a baseline measured in the same run, against the embedded emulator over real HTTP:
 *
 *  1. publish batching — N record creations through the ZoneBatcher (one publish per batch) vs.
 *     the per-change pattern of earlier tools (create → publish → re-read the id, one record at a
 *     time, as terraform-provider-dyn does; dynect-api.md §6.2, user-asks #1).
 *  2. bulk read — reading a zone with `AllRecord?detail=Y` (one call, §5.4) vs. listing record URIs
 *     and fetching each record (fog/fog#3023: 4 min → 5 s on a 266-record zone).
 *
 * Targets are ratios (candidate / baseline), never absolute times. Run: `npm run bench`.
 */
import { startEmulator, type RunningEmulator } from "../provider/emulator";
import { createRecord, createZone, DynectSession, getAllRecords, publishZone, type SessionOptions } from "../provider/sdk";
import { ZoneBatcher } from "../provider/deployment/zone-batcher";
import { isSelected, parseBenchArgs } from "./lib/args";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 300);
const account = { customer: "bench", user: "bench", password: "bench-password" };

interface Measure {
  ms: number;
  requests: number;
  publishes: number;
  heapKiB: number;
}

interface Row {
  name: string;
  baseline: Measure;
  candidate: Measure;
  /** Upper bounds for candidate/baseline of each metric. */
  targets: Partial<Record<keyof Measure, number>>;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(emu: RunningEmulator, fn: () => Promise<void>): Promise<Measure> {
  await emu.control.resetMetrics();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 5);
  const start = process.hrtime.bigint();
  await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  const m = await emu.control.metrics();
  return { ms, requests: m.requestsTotal, publishes: m.publishesTotal, heapKiB: Math.max(0, heapPeak - heapBefore) / 1024 };
}

function sessionOptions(emu: RunningEmulator, stack: string): SessionOptions {
  return {
    apiUrl: emu.url,
    customerName: account.customer,
    userName: account.user,
    password: account.password,
    stack,
    engine: { requestsPerMinute: 0 },
  };
}

function rdataFor(i: number): Record<string, unknown> {
  return { address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
}

async function newZone(s: DynectSession, zone: string): Promise<void> {
  await createZone(s, zone, { rname: "hostmaster@example.com", ttl: 3600 });
  await publishZone(s, zone);
}

async function publishBatching(emu: RunningEmulator): Promise<Row> {
  const s = DynectSession.getOrCreate(sessionOptions(emu, "bench-batching"));
  await newZone(s, "baseline.bench");
  await newZone(s, "candidate.bench");

  const baseline = await measure(emu, async () => {
    for (let i = 0; i < RECORDS; i++) {
      const fqdn = `h${i}.baseline.bench`;
      await createRecord(s, "A", "baseline.bench", fqdn, rdataFor(i), 300);
      await publishZone(s, "baseline.bench");
      await getAllRecords(s, "baseline.bench", fqdn); // the id only exists after publish (§6.2)
    }
  });

  const batcher = new ZoneBatcher<DynectSession>({
    maxSessions: 1,
    sessionFor: () => s,
    publish: (session, zone) => publishZone(session, zone),
    discard: async () => undefined,
  });
  const candidate = await measure(emu, async () => {
    await Promise.all(
      Array.from({ length: RECORDS }, (_, i) =>
        batcher.run("candidate.bench", (session) => createRecord(session, "A", "candidate.bench", `h${i}.candidate.bench`, rdataFor(i), 300)),
      ),
    );
    await getAllRecords(s, "candidate.bench"); // ids for all records in one read
  });
  return { name: `publish batching (${RECORDS} creates)`, baseline, candidate, targets: { ms: 0.5, requests: 0.4, publishes: 0.05 } };
}

async function bulkRead(emu: RunningEmulator): Promise<Row> {
  const s = DynectSession.getOrCreate(sessionOptions(emu, "bench-read"));
  // The zone written by the batching benchmark holds RECORDS + 5 (SOA, 4 NS) records.
  const zone = "candidate.bench";
  const baseline = await measure(emu, async () => {
    const uris = (await s.call<string[]>("GET", `/REST/AllRecord/${zone}/`)).data;
    for (const uri of uris) await s.call("GET", uri);
  });
  const candidate = await measure(emu, async () => {
    await getAllRecords(s, zone);
  });
  return { name: `bulk read (${RECORDS + 5} records)`, baseline, candidate, targets: { ms: 0.2, requests: 0.01 } };
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(2);
}

async function main(): Promise<void> {
  if (!isSelected(parseBenchArgs(), "api-patterns")) return console.log("not selected (--only)");
  const emu = await startEmulator({ accounts: [account], rateLimitPerMinute: 1_000_000 });
  let missed = 0;
  try {
    const rows = [await publishBatching(emu), await bulkRead(emu)];
    for (const row of rows) {
      console.log(`\n${row.name}`);
      console.log("  metric      baseline   candidate   ratio   target");
      for (const key of ["ms", "requests", "publishes", "heapKiB"] as const) {
        const b = row.baseline[key];
        const c = row.candidate[key];
        const ratio = b === 0 ? (c === 0 ? 1 : Infinity) : c / b;
        const target = row.targets[key];
        const ok = target === undefined || ratio <= target;
        if (!ok) missed++;
        const verdict = target === undefined ? "" : `≤ ${target} ${ok ? "ok" : "MISSED"}`;
        console.log(`  ${key.padEnd(10)} ${fmt(b).padStart(9)} ${fmt(c).padStart(11)} ${ratio.toFixed(3).padStart(7)}   ${verdict}`);
      }
    }
  } finally {
    await DynectSession.closeAll();
    await emu.close();
  }
  if (missed > 0) {
    console.error(`\n${missed} benchmark target(s) missed`);
    process.exitCode = 1;
  }
}

void main();
