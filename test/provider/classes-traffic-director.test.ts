/** TrafficDirector and TrafficDirectorMonitor class wiring under pulumi.runtime.setMocks: tokens, outputs, nested inputs, get(), isInstance (the monitor id as a record set's input is exercised by the e2e example). */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { TrafficDirector, TrafficDirectorMonitor, Zone } from "../../provider";

const seen: { type: string; name: string; inputs: Record<string, any>; id?: string }[] = [];

function value<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

describe("Traffic Director classes (mocks)", () => {
  before(() => {
    pulumi.runtime.setMocks(
      {
        newResource(args) {
          seen.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
          const computed = args.type.endsWith(":TrafficDirectorMonitor") ? { monitorId: "mon-1", services: [] } : args.type.endsWith(":TrafficDirector") ? { serviceId: "svc-1", objects: { rules: [], pools: {}, notifierLinks: {} } } : {};
          return { id: args.id ?? (args.type.endsWith(":TrafficDirectorMonitor") ? "mon-1" : `${args.name}-id`), state: { ...args.inputs, ...computed } };
        },
        call: () => ({}),
      },
      "dyntest",
      "dev",
      false,
    );
  });

  it("uses the fixed type tokens and declares every output; nested inputs are sent as given", async () => {
    const zone = new Zone("z", { name: "example.com", contact: "hostmaster@example.com" });
    const mon = new TrafficDirectorMonitor("m", { label: "https", protocol: "HTTPS", options: { port: 443 } });
    const td = new TrafficDirector("td", {
      nodes: [{ zone: zone.name, name: "www" }],
      pools: { p: { chains: [{ recordSets: [{ type: "A", monitor: mon.id, records: [{ rdata: { address: "192.0.2.1" }, weight: 3 }] }] }] } },
      rules: [{ geo: { regions: ["north-america", "EU", 15] }, pools: ["p"] }],
    });
    assert.equal(await value(td.serviceId), "svc-1");
    assert.equal(await value(mon.monitorId), "mon-1");
    assert.equal(await value(td.urn), "urn:pulumi:dev::dyntest::pulumi-nodejs:dynamic/dyn:TrafficDirector::td");
    assert.equal(await value(mon.urn), "urn:pulumi:dev::dyntest::pulumi-nodejs:dynamic/dyn:TrafficDirectorMonitor::m");
    const tdInputs = seen.find((s) => s.name === "td")!.inputs;
    assert.deepEqual(tdInputs.pools.p.chains[0].recordSets[0].records, [{ rdata: { address: "192.0.2.1" }, weight: 3 }]);
    assert.match(String(tdInputs.__provider), /kind: "trafficDirector"[\s\S]*require\("pulumi-dyn\/runtime"\)/);
    assert.equal(tdInputs.serviceId, undefined, "computed outputs are not sent as inputs");
  });

  it("get() reads by id; isInstance tells the classes apart", async () => {
    const td = TrafficDirector.get("existing", "svc-9");
    const mon = TrafficDirectorMonitor.get("existing-m", "mon-9", { label: "known" });
    assert.equal(await value(td.id), "svc-9");
    assert.equal(await value(mon.id), "mon-9");
    assert.equal(seen.find((s) => s.name === "existing")!.id, "svc-9");
    assert.equal(seen.find((s) => s.name === "existing-m")!.inputs.label, "known");
    assert.ok(TrafficDirector.isInstance(td));
    assert.ok(!TrafficDirector.isInstance(mon));
    assert.ok(TrafficDirectorMonitor.isInstance(mon));
  });
});
