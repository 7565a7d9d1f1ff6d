/** Resource class wiring under pulumi.runtime.setMocks: tokens, declared outputs, get() with and without state, isInstance. */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { Record as DynRecord, RecordSet, Zone, ZoneRecords } from "../../provider";
import { withZoneDeletion } from "../../provider/resources/deleted-with";

interface Seen {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id?: string;
}
const seen: Seen[] = [];

function value<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

describe("resource classes (mocks)", () => {
  before(() => {
    pulumi.runtime.setMocks(
      {
        newResource(args) {
          seen.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
          const computed: Record<string, unknown> =
            args.type.endsWith(":Zone") ? { serial: 7, zoneType: "Primary" } : args.type.endsWith(":Record") ? { fqdn: "www.example.com", recordId: 42 } : { fqdn: "www.example.com", recordIds: [1, 2] };
          return { id: args.id ?? `${args.name}-id`, state: { ...args.inputs, ...computed } };
        },
        call: () => ({}),
      },
      "dyntest",
      "dev",
      false,
    );
  });

  it("uses the fixed type tokens and declares every output", async () => {
    const zone = new Zone("z", { name: "example.com", contact: "hostmaster@example.com" });
    const rec = new DynRecord("r", { zone: zone.name, name: "www", type: "MX", rdata: { preference: 10, exchange: "mail.example.com" } });
    const set = new RecordSet("s", { zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.1" }] });

    assert.equal(await value(zone.serial), 7);
    assert.equal(await value(zone.zoneType), "Primary");
    assert.equal(await value(zone.name), "example.com");
    assert.equal(await value(rec.recordId), 42);
    assert.equal(await value(rec.fqdn), "www.example.com");
    assert.deepEqual(await value(set.recordIds), [1, 2]);
    assert.equal(await value(zone.urn), "urn:pulumi:dev::dyntest::pulumi-nodejs:dynamic/dyn:Zone::z");

    const types = seen.map((s) => s.type).sort();
    assert.deepEqual(types, ["pulumi-nodejs:dynamic/dyn:Record", "pulumi-nodejs:dynamic/dyn:RecordSet", "pulumi-nodejs:dynamic/dyn:Zone"]);
    const zoneInputs = seen.find((s) => s.type.endsWith(":Zone"))!.inputs;
    assert.equal(typeof zoneInputs.__provider, "string");
    assert.match(String(zoneInputs.__provider), /require\("pulumi-dyn\/runtime"\)/);
    assert.equal(zoneInputs.serial, undefined, "computed outputs are not sent as inputs");
  });

  it("refuses the import option with one sentence, as a RunError (Pulumi prints no stack trace)", () => {
    const opts = { import: "example.com" };
    const cases: [string, () => unknown][] = [
      ["Zone", () => new Zone("imp", { name: "example.com", contact: "hostmaster@example.com" }, opts)],
      ["Record", () => new DynRecord("imp", { zone: "example.com", name: "www", type: "A", rdata: { address: "192.0.2.1" } }, opts)],
      ["RecordSet", () => new RecordSet("imp", { zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.1" }] }, opts)],
      ["ZoneRecords", () => new ZoneRecords("imp", { zone: "example.com", records: [] }, opts)],
    ];
    const before = seen.length;
    for (const [type, make] of cases) {
      assert.throws(make, (e: unknown) => {
        assert.ok(pulumi.RunError.isInstance(e), `a RunError for ${type}`);
        assert.equal(
          (e as Error).message,
          `dyn.${type} "imp" cannot be imported — Pulumi cannot import dynamic-provider resources (pulumi/pulumi#16175): declare the existing object with adopt: true instead of the import option (or generate the program from live DNS with \`npx pulumi-dyn generate\`); see https://www.npmjs.com/package/pulumi-dyn#importing-existing-dns`,
        );
        return true;
      });
    }
    assert.equal(seen.length, before, "nothing was registered");
  });

  it("sets deletedWith to the zone exactly when deleting that Zone deletes the records with it", () => {
    const zone = new Zone("dw", { name: "example.com", contact: "hostmaster@example.com" });
    assert.equal(withZoneDeletion(zone.name, undefined)?.deletedWith, zone, "zone: zone.name of a managed Zone");
    assert.equal(withZoneDeletion(zone.name, { protect: true })?.protect, true, "other options are kept");
    assert.equal(withZoneDeletion(zone.name.apply((n) => `sub.${n}`), undefined), undefined, "another zone derived from its name");
    assert.equal(withZoneDeletion("example.com", undefined), undefined, "a plain zone name");
    assert.equal(withZoneDeletion(zone.name, { id: "x" })?.deletedWith, undefined, "a get() reference of a record");
    const other = new Zone("dw-other", { name: "example.org", contact: "hostmaster@example.org" });
    assert.equal(withZoneDeletion(zone.name, { deletedWith: other })?.deletedWith, other, "the program's own deletedWith wins");
    for (const [name, opts] of [
      ["dw-ref", { id: "example.net" }],
      ["dw-protected", { protect: true }],
      ["dw-retained", { retainOnDelete: true }],
    ] as const) {
      const z = new Zone(name, { name: `${name}.example`, contact: "hostmaster@example.com" }, opts);
      assert.equal(withZoneDeletion(z.name, undefined), undefined, `${name}: deleting it does not delete the DynECT zone`);
    }
  });

  it("get() reads by id without inputs, and isInstance tells the classes apart", async () => {
    const z = Zone.get("legacy", "legacy.example");
    const r = DynRecord.get("legacy-r", "legacy.example/www.legacy.example/A/9");
    const s = RecordSet.get("legacy-s", "legacy.example/www.legacy.example/A");
    assert.equal(await value(z.id), "legacy.example");
    assert.equal(await value(r.id), "legacy.example/www.legacy.example/A/9");
    assert.equal(await value(s.id), "legacy.example/www.legacy.example/A");
    const read = seen.find((x) => x.name === "legacy")!;
    assert.equal(read.id, "legacy.example");
    assert.deepEqual(Object.keys(read.inputs).filter((k) => k !== "__provider"), []);

    assert.ok(Zone.isInstance(z));
    assert.ok(!Zone.isInstance(r));
    assert.ok(DynRecord.isInstance(r));
    assert.ok(RecordSet.isInstance(s));
    assert.ok(!RecordSet.isInstance({}));
  });

  it("get() with a state passes it as the resource's props (as Pulumi's generated SDKs do)", async () => {
    const z = Zone.get("known", "known.example", { name: "known.example", contact: "hostmaster@known.example" }, { protect: true });
    const r = DynRecord.get("known-r", "known.example/www.known.example/A/9", { zone: "known.example", name: "www", type: "A", rdata: { address: "192.0.2.9" } });
    const s = RecordSet.get("known-s", "known.example/www.known.example/A", { zone: "known.example", name: "www", type: "A", ttl: 300 });
    assert.equal(await value(z.id), "known.example");
    assert.equal(await value(r.id), "known.example/www.known.example/A/9");
    assert.equal(await value(s.id), "known.example/www.known.example/A");
    const inputsOf = (name: string) => {
      const { __provider: _provider, ...rest } = seen.find((x) => x.name === name)!.inputs;
      return rest;
    };
    assert.deepEqual(inputsOf("known"), { name: "known.example", contact: "hostmaster@known.example" });
    assert.deepEqual(inputsOf("known-r"), { zone: "known.example", name: "www", type: "A", rdata: { address: "192.0.2.9" } });
    assert.deepEqual(inputsOf("known-s"), { zone: "known.example", name: "www", type: "A", ttl: 300 });
    assert.equal(seen.find((x) => x.name === "known")!.id, "known.example");
  });

  it("does not mutate the args object it is given", () => {
    const args = { name: "copy.example", contact: "hostmaster@copy.example" };
    new Zone("copy", args);
    assert.deepEqual(Object.keys(args), ["name", "contact"]);
  });
});
