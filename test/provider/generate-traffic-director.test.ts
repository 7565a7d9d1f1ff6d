/**
 * `pulumi-dyn generate` and Traffic Director, without the Pulumi CLI (test/e2e/generate.test.ts
 * runs the real `pulumi up`): services and monitors built against the emulator are read (one list
 * of services, one of monitors), the generated program is transpiled and run against stand-in
 * classes that record each resource's arguments, and what `check` makes of those arguments is
 * exactly what the provider's read mapping makes of the live objects — so adopting them diffs
 * nothing. Also: only services at nodes of the generated zones and only the monitors they use,
 * adoption by id where a label is not unique, notifier links kept, and the record sets a service answers with left out
 * of the zone's records (listed in ZoneRecords `ignore`, never for a wildcard node).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as ts from "typescript";
import type { RunningEmulator } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import type { DynectSession } from "../../provider/sdk";
import { generateProgram, type Style } from "../../provider/cli/codegen";
import { readZone } from "../../provider/cli/live-dns";
import { readTrafficDirectors, servedIn } from "../../provider/cli/live-traffic-director";
import { diffResource } from "../../provider/resources/diff";
import { wholeServiceInput } from "../../provider/resources/traffic-director-body";
import { checkTrafficDirector } from "../../provider/resources/traffic-director-check";
import { checkTrafficDirectorMonitor } from "../../provider/resources/traffic-director-monitor-check";
import { liveModel, type TrafficDirectorInputs } from "../../provider/resources/traffic-director-model";
import { liveMonitorInputs } from "../../provider/resources/traffic-director-monitor-ops";
import { emulator, freshSession, teardown } from "../sdk/helpers";

type Props = Record<string, any>;
const ZONE = "gen-td-a.test";
const OTHER = "gen-td-b.test";

interface Made {
  kind: string;
  name: string;
  args: Props;
}

/** Runs a generated program against stand-ins of the pulumi-dyn classes; `idOf` gives a monitor's id as `pulumi up` would. */
function runProgram(program: string, idOf: (args: Props) => string): Made[] {
  const made: Made[] = [];
  const standIn = (kind: string, outputs: (args: Props) => Props) =>
    class {
      constructor(name: string, args: Props) {
        made.push({ kind, name, args });
        Object.assign(this, outputs(args));
      }
    };
  const dyn = {
    Zone: standIn("Zone", (a) => ({ name: a.name })),
    ZoneRecords: standIn("ZoneRecords", () => ({})),
    Record: standIn("Record", () => ({})),
    RecordSet: standIn("RecordSet", () => ({})),
    TrafficDirectorMonitor: standIn("TrafficDirectorMonitor", (a) => ({ id: idOf(a) })),
    TrafficDirector: standIn("TrafficDirector", () => ({})),
  };
  const js = ts.transpileModule(program, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  new Function("require", "exports", js)((id: string) => (id === "pulumi-dyn" ? dyn : assert.fail(`the program requires ${id}`)), {});
  return made;
}

/** A service made through the provider's own body builder from the input model. */
async function service(s: DynectSession, props: Props): Promise<string> {
  const { inputs, failures } = checkTrafficDirector(props);
  assert.deepEqual(failures, []);
  return (await sdk.createDsfService(s, wholeServiceInput(inputs as unknown as TrafficDirectorInputs).input)).service_id;
}

describe("generate: Traffic Director services and monitors", () => {
  let emu: RunningEmulator;
  let s: DynectSession;
  const ids: Record<string, string> = {};

  before(async () => {
    emu = await emulator();
    ({ s } = await freshSession(emu, "gen-td", { createZone: false }));
    for (const zone of [ZONE, OTHER]) {
      await sdk.createZone(s, zone, { rname: "admin@example.com", ttl: 3600 });
      await sdk.publishZone(s, zone);
    }
    await sdk.createRecord(s, "AAAA", ZONE, `shop.${ZONE}`, { address: "2001:db8::77" }, 600);
    await sdk.createRecord(s, "TXT", ZONE, `shop.${ZONE}`, { txtdata: "kept with the zone" }, 600);
    await sdk.publishZone(s, ZONE);
    const ping = await sdk.createDsfMonitor(s, { label: "ping probe", protocol: "PING", probe_interval: 30, endpoints: [{ address: "192.0.2.99", label: "edge", site_prefs: ["ams"] }] });
    await sdk.createDsfMonitor(s, { label: "unused", protocol: "TCP", options: { port: 25 } });
    const twins = [await sdk.createDsfMonitor(s, { label: "twin", protocol: "HTTP" }), await sdk.createDsfMonitor(s, { label: "twin", protocol: "HTTP" })];
    ids.ping = ping.dsf_monitor_id;
    ids.twinMonitor = twins[0].dsf_monitor_id;
    ids.shop = await service(s, {
      label: "shop (hand-made)",
      ttl: 45,
      nodes: [
        { zone: ZONE, name: "shop" },
        { zone: ZONE, name: "*" },
        { zone: OTHER, name: "shop" },
      ],
      pools: {
        "Primary DC": {
          coreSetCount: 2,
          automation: "auto_down",
          chains: [
            {
              label: "dc",
              core: true,
              recordSets: [
                { type: "A", label: "v4", ttl: 60, serveCount: 2, failCount: 0, monitor: ping.dsf_monitor_id, records: [{ rdata: { address: "192.0.2.1" }, weight: 15, automation: "manual", eligible: false }, { rdata: { address: "192.0.2.2" }, weight: 2 }] },
                { type: "AAAA", records: [{ rdata: { address: "2001:db8::1" } }] },
              ],
            },
          ],
        },
        cdn: { label: "CDN", chains: [{ recordSets: [{ type: "CNAME", monitor: twins[0].dsf_monitor_id, records: [{ rdata: { cname: "cdn.example.net." }, label: "edge" }] }] }] },
      },
      rules: [
        { label: "Asia & Oceania", geo: { regions: ["AS", 16] }, pools: ["Primary DC", "cdn"] },
        { label: "everyone else", pools: ["Primary DC"], failover: "2001:DB8::53" },
      ],
    });
    ids.notifier = (await sdk.createNotifier(s, { label: "ops", recipients: ["ops@example.com"], services: [{ service_class: "DSF", service_id: ids.shop }] })).notifier_id;
    const twin = (zone: string) => ({ label: "twin service", nodes: [{ zone, name: "api" }], pools: { p: { chains: [{ recordSets: [{ type: "A", records: [{ rdata: { address: "198.51.100.9" } }] }] }] } }, rules: [{ pools: ["p"] }] });
    ids.twinHere = await service(s, twin(ZONE));
    await service(s, twin(OTHER));
    await service(s, { label: "elsewhere", nodes: [{ zone: OTHER, name: "x" }], pools: { p: { chains: [{ recordSets: [{ type: "A", records: [{ rdata: { address: "198.51.100.8" } }] }] }] } }, rules: [{ pools: ["p"] }] });
  });
  after(async () => {
    await teardown(emu);
  });

  it("reads the services at the zone's nodes with one list, and only the monitors they use with one more", async () => {
    emu.control.resetMetrics();
    const td = await readTrafficDirectors(s, [ZONE]);
    const m = emu.control.metrics();
    assert.deepEqual([m.requests["GET /REST/DSF"], m.requests["GET /REST/DSFMonitor"]], [1, 1]);
    assert.deepEqual(
      td.services.map((x) => [x.inputs.label, x.adopt]),
      [
        ["shop (hand-made)", true],
        ["twin service", ids.twinHere],
      ],
    );
    assert.deepEqual(
      td.monitors.map((x) => [x.inputs.label, x.adopt]),
      [
        ["ping probe", true],
        ["twin", ids.twinMonitor],
      ],
    );
    assert.deepEqual(
      servedIn(td.services, ZONE).map((x) => `${x.name} ${x.type}`),
      ["api A", "shop A", "shop AAAA", "shop CNAME"],
      "the wildcard node is not listed (an ignore pattern cannot name it alone)",
    );
  });

  for (const style of ["zone-records", "records"] as Style[]) {
    it(`--style ${style}: what check makes of the generated arguments is what the live objects read as — nothing to change`, async () => {
      const td = await readTrafficDirectors(s, [ZONE]);
      const zone = await readZone(s, ZONE, servedIn(td.services, ZONE));
      assert.deepEqual(
        zone.sets.map((x) => `${x.label} ${x.type}`),
        ["shop TXT"],
        "the AAAA at the service's node is left to the service; the TXT stays with the zone",
      );
      const program = generateProgram([zone], td, style, "a test");
      const liveMonitors = await sdk.listDsfMonitors(s);
      const made = runProgram(program, (a) => (a.adopt === true ? (liveMonitors.find((x) => x.label === a.label)?.dsf_monitor_id ?? "") : a.adopt));

      const monitors = made.filter((x) => x.kind === "TrafficDirectorMonitor");
      assert.deepEqual(monitors.map((x) => x.args.label), ["ping probe", "twin"]);
      for (const { args } of monitors) {
        const live = liveMonitors.find((x) => x.dsf_monitor_id === (args.adopt === true ? ids.ping : args.adopt));
        assert.ok(live, `monitor ${args.label} adopts a live one`);
        const checked = checkTrafficDirectorMonitor(args);
        assert.deepEqual(checked.failures, []);
        assert.equal(diffResource("trafficDirectorMonitor", { ...liveMonitorInputs(live) }, checked.inputs).changes, false, `monitor ${args.label}`);
      }

      const services = made.filter((x) => x.kind === "TrafficDirector");
      assert.equal(services.length, 2);
      for (const { args } of services) {
        const id = args.adopt === true ? ids.shop : args.adopt;
        const live = liveModel(await sdk.getDsfService(s, id)).inputs;
        const checked = checkTrafficDirector(args);
        assert.deepEqual(checked.failures, []);
        assert.deepEqual(checked.inputs, { ...checkTrafficDirector({ ...live }).inputs, adopt: args.adopt }, `service ${args.label}`);
        assert.equal(diffResource("trafficDirector", { ...live }, checked.inputs).changes, false);
      }
      const shop = services.find((x) => x.args.label === "shop (hand-made)")?.args as Props;
      assert.deepEqual(shop.nodes, [
        { zone: ZONE, name: "*" },
        { zone: ZONE, name: "shop" },
        { zone: OTHER, name: "shop" },
      ]);
      assert.match(program, /\{ zone: genTdATest\.name, name: "shop" \}/, "a node references the Zone the program declares");
      assert.match(program, /zone: "gen-td-b\.test", name: "shop"/, "a zone the program does not declare stays a string");
      assert.match(program, /monitor: pingProbeMonitor\.id,/);
      assert.match(program, /geo: \{ regions: \["asia", "oceania"\] \}/);
      assert.match(program, /failover: "2001:db8::53"/);
      assert.deepEqual(shop.notifiers, [ids.notifier], "notifier links as they are live");
      assert.match(program, /\{ rdata: \{ address: "192\.0\.2\.1" \}, weight: 15, automation: "manual", eligible: false \}/, "only what differs from the defaults");

      const records = made.filter((x) => x.kind === "ZoneRecords" || x.kind === "Record" || x.kind === "RecordSet");
      if (style === "zone-records") {
        assert.deepEqual(records.map((x) => [x.args.ignore, x.args.records.map((r: Props) => `${r.name} ${r.type}`)]), [[["api A", "shop A", "shop AAAA", "shop CNAME"], ["shop TXT"]]]);
      } else {
        assert.deepEqual(records.map((x) => `${x.args.name} ${x.args.type}`), ["shop TXT"]);
        assert.match(program, /\/\/ Answered by Traffic Director \(below\), so not declared here: api A, shop A, shop AAAA, shop CNAME\./);
      }
    });
  }
});
