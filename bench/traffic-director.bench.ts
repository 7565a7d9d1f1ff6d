/**
 * Requests per TrafficDirector operation, counted by the embedded emulator over real HTTP, through
 * the provider's own code path (`pulumi-dyn/runtime` dispatch: check, create, update, read — what
 * the dynamic-provider host calls; the gRPC hop adds no requests). Reported as numbers, with
 * targets: create 1 request that also publishes, a single-weight update ≤ 2 (the staged PUT + one
 * publish), a refresh 1 — for the example's service and for a large one, whose counts must not grow
 * with its size. The baseline is the step-by-step path (dyn-python's: one POST per object, each
 * publishing, §7.3 implicit publish), so the table also shows what one POST saves.
 *
 * Run: `npm run bench -- --only traffic-director` (seconds; the other flags do not apply). Not part
 * of `npm test`.
 */
import { startEmulator, type RunningEmulator } from "../provider/emulator";
import { dispatch } from "../provider/runtime";
import * as sdk from "../provider/sdk";
import { isSelected, parseBenchArgs } from "./lib/args";

const account = { customer: "bench-td", user: "bench", password: "bench-password" };
const ZONE = "td.bench";

type Props = Record<string, any>;

interface Count {
  requests: number;
  publishes: number;
  logins: number;
}

interface Row {
  tree: string;
  operation: string;
  count: Count;
  /** requests of the same operation done object by object (create only) */
  baseline?: number;
  /** most requests allowed */
  target: number;
  /** publishes the operation must make */
  publishes: number;
}

async function count(emu: RunningEmulator, fn: () => Promise<unknown>): Promise<Count> {
  emu.control.resetMetrics();
  await fn();
  const m = emu.control.metrics();
  return { requests: m.requestsTotal - m.logins, publishes: m.dsfPublishesTotal, logins: m.logins };
}

const record = (address: string, weight: number) => ({ rdata: { address }, weight });

/** The example's shape: three pools, three rules, four records, one monitor. */
function exampleTree(name: string, monitor: string): Props {
  const pool = (records: Props[]) => ({ chains: [{ core: true, recordSets: [{ type: "A", monitor, records }] }] });
  return {
    nodes: [{ zone: ZONE, name }],
    ttl: 60,
    pools: { na: pool([record("192.0.2.10", 10), record("192.0.2.11", 5)]), eu: pool([record("198.51.100.10", 1)]), default: pool([record("203.0.113.10", 1)]) },
    rules: [{ geo: { regions: ["north-america"] }, pools: ["na"] }, { geo: { regions: ["europe"] }, pools: ["eu"] }, { pools: ["default"], failover: "fallback.example.net" }],
  };
}

/** A large service: 12 country rules, each with its pool of 2 chains × 2 record sets × 4 records, and a default rule (193 records). */
function largeTree(name: string, monitor: string): Props {
  const countries = ["US", "CA", "MX", "BR", "GB", "DE", "FR", "ES", "IT", "JP", "AU", "IN"];
  const pools: Props = {};
  countries.forEach((c, i) => {
    pools[c] = {
      chains: [0, 1].map((ch) => ({ core: ch === 0, recordSets: [0, 1].map((s) => ({ type: "A", monitor, serveCount: 2, records: [0, 1, 2, 3].map((r) => record(`10.${i}.${ch * 2 + s}.${r + 1}`, r + 1)) })) })),
    };
  });
  pools.default = { chains: [{ recordSets: [{ type: "A", monitor, records: [record("10.99.0.1", 1)] }] }] };
  const rules: Props[] = countries.map((c) => ({ geo: { countries: [c] }, pools: [c] }));
  return { nodes: [{ zone: ZONE, name }], pools, rules: [...rules, { pools: ["default"] }] };
}

/** What dyn-python's step-by-step path sends for the same tree: one POST per object, each publishing. */
async function stepByStep(s: sdk.DynectSession, tree: Props, label: string): Promise<void> {
  const svc = await sdk.createDsfService(s, { label, ttl: tree.ttl ?? 30, nodes: tree.nodes.map((n: Props) => ({ zone: n.zone, fqdn: `${n.name}.${n.zone}` })) });
  const made = new Map<string, string>();
  for (const rule of tree.rules as Props[]) {
    const criteria = rule.geo ? { region: rule.geo.regions, country: rule.geo.countries } : null;
    const rs = await sdk.createDsfRuleset(s, svc.service_id, { label: "rule", criteria });
    for (const key of rule.pools as string[]) {
      if (made.has(key)) continue;
      const p = await sdk.createDsfResponsePool(s, svc.service_id, { label: key }, { rulesetId: rs.dsf_ruleset_id });
      made.set(key, p.dsf_response_pool_id);
      for (const chain of tree.pools[key].chains) {
        const c = await sdk.createDsfFailoverChain(s, svc.service_id, p.dsf_response_pool_id, { core: chain.core });
        for (const set of chain.recordSets) {
          const rset = await sdk.createDsfRecordSet(s, svc.service_id, c.dsf_record_set_failover_chain_id, { rdata_class: "A", serve_count: set.serveCount ?? 1, dsf_monitor_id: set.monitor });
          for (const r of set.records) await sdk.createDsfRecord(s, svc.service_id, rset.dsf_record_set_id, "A", r);
        }
      }
    }
  }
}

async function measureTree(emu: RunningEmulator, s: sdk.DynectSession, tree: string, args: Props): Promise<Row[]> {
  const rows: Row[] = [];
  const { inputs } = (await dispatch("trafficDirector", "check", [{}, args])) as { inputs: Props };
  let created: { id: string; outs: Props } | undefined;
  const create = await count(emu, async () => {
    created = (await dispatch("trafficDirector", "create", [inputs])) as { id: string; outs: Props };
  });
  const baseline = await count(emu, () => stepByStep(s, args, `baseline-${tree}`));
  rows.push({ tree, operation: "create", count: create, baseline: baseline.requests, target: 1, publishes: 1 });

  const next = structuredClone(inputs);
  const firstKey = Object.keys(next.pools)[0];
  next.pools[firstKey].chains[0].recordSets[0].records[0].weight = 3;
  const news = ((await dispatch("trafficDirector", "check", [inputs, next])) as { inputs: Props }).inputs;
  let outs = created!.outs;
  const update = await count(emu, async () => {
    outs = ((await dispatch("trafficDirector", "update", [created!.id, outs, news])) as { outs: Props }).outs;
  });
  rows.push({ tree, operation: "single-weight update", count: update, target: 2, publishes: 1 });

  const refresh = await count(emu, () => dispatch("trafficDirector", "read", [created!.id, outs]));
  rows.push({ tree, operation: "refresh", count: refresh, target: 1, publishes: 0 });
  await dispatch("trafficDirector", "delete", [created!.id, outs]);
  return rows;
}

async function main(): Promise<void> {
  if (!isSelected(parseBenchArgs(), "traffic-director")) return console.log("not selected (--only)");
  const emu = await startEmulator({ accounts: [account], rateLimitPerMinute: 1_000_000 });
  let missed = 0;
  try {
    const s = sdk.DynectSession.getOrCreate({ apiUrl: emu.url, customerName: account.customer, userName: account.user, password: account.password, stack: "bench-td", sessionKey: "", engine: { requestsPerMinute: 0 } });
    await sdk.createZone(s, ZONE, { rname: `hostmaster@${ZONE}`, ttl: 3600 });
    await sdk.publishZone(s, ZONE);
    const monitor = await sdk.createDsfMonitor(s, { label: "bench", protocol: "HTTPS", options: { port: 443, path: "/health" } });
    const config: Record<string, string> = { "dyn:customerName": account.customer, "dyn:username": account.user, "dyn:password": account.password, "dyn:apiUrl": emu.url, "dyn:requestsPerMinute": "0" };
    await dispatch("trafficDirector", "configure", [{ config: { get: (k: string) => config[k] } }]);
    const rows = [...(await measureTree(emu, s, "example (4 records)", exampleTree("www", monitor.dsf_monitor_id))), ...(await measureTree(emu, s, "large (193 records)", largeTree("big", monitor.dsf_monitor_id)))];

    console.log("\nrequests per TrafficDirector operation (logins not counted)");
    console.log("  tree                  operation               requests  publishes  target   step-by-step  verdict");
    for (const r of rows) {
      const ok = r.count.requests <= r.target && r.count.publishes === r.publishes;
      if (!ok) missed++;
      const base = r.baseline === undefined ? "" : String(r.baseline);
      console.log(
        `  ${r.tree.padEnd(21)} ${r.operation.padEnd(23)} ${String(r.count.requests).padStart(8)} ${String(r.count.publishes).padStart(10)}  ≤ ${String(r.target).padEnd(5)} ${base.padStart(12)}  ${ok ? "ok" : "MISSED"}`,
      );
    }
    console.log(JSON.stringify({ bench: "traffic-director", rows }));
  } finally {
    await sdk.DynectSession.closeAll();
    await emu.close();
  }
  if (missed > 0) {
    console.error(`\n${missed} Traffic Director target(s) missed`);
    process.exitCode = 1;
  }
}

void main();
