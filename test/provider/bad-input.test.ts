/**
 * Bad input through the real dynamic-provider host (issue 10, "Bad input"): every case of
 * test/helpers/bad-input-cases.ts fails `check` with one failure naming its property path and the
 * fix; the emulator sees no request at all while they are checked; and the deployment is not
 * harmed — the same provider process then creates the zone and the good resources.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BAD_INPUT_CASES, ZONE, type ResourceDecl } from "../helpers/bad-input-cases";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

describe("bad input: check fails before any API call (provider host)", () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
    fx.emulator.control.resetMetrics();
  });
  after(() => fx?.close());

  it(`the table has at least 40 cases, each with its own resource name`, () => {
    assert.ok(BAD_INPUT_CASES.length >= 40, `${BAD_INPUT_CASES.length} cases`);
    const names = BAD_INPUT_CASES.flatMap((c) => [c.logical, ...(c.partners ?? []).map((p) => p.logical)]);
    assert.equal(new Set(names).size, names.length);
  });

  for (const c of BAD_INPUT_CASES) {
    it(`${c.title}: fails naming ${c.property}`, async () => {
      for (const p of c.partners ?? []) {
        const ok = await fx.host.check(p.kind, p.logical, {}, p.args);
        assert.deepEqual(ok.failures, [], `partner ${p.logical} passes check`);
      }
      const { failures } = await fx.host.check(c.kind, c.logical, {}, c.args);
      assert.equal(failures.length, 1, `one failure: ${JSON.stringify(failures)}`);
      // A nested path (rdata.address, records[1]) reaches the engine without a property — the engine
      // would print `value {<nil>}` — so its reason begins with the path instead (runtime.ts forEngine).
      const named = failures[0].property === "" ? failures[0].reason.startsWith(`${c.property} `) : failures[0].property === c.property;
      assert.ok(named, `names ${c.property}: ${JSON.stringify(failures)}`);
      assert.match(failures[0].reason, c.fix);
    });
  }

  it("the emulator saw no request while every case was checked", () => {
    const m = fx.emulator.control.metrics();
    assert.equal(m.requestsTotal, 0, JSON.stringify(m.requests));
  });

  it("nothing else is harmed: the same provider process creates the zone and every good partner resource", async () => {
    await fx.host.up("zone", "zone", { name: ZONE, contact: `hostmaster@${ZONE}` });
    const partners: ResourceDecl[] = BAD_INPUT_CASES.flatMap((c) => c.partners ?? []);
    // The partners were checked already in this process: create them with their checked inputs.
    await Promise.all(
      partners.map(async (p) => {
        const { inputs } = await fx.host.check(p.kind, p.logical, {}, p.args);
        await fx.host.create(p.kind, p.logical, inputs);
      }),
    );
    const live = fx.emulator.control.state().zones[ZONE] as { records: { fqdn: string; record_type: string }[] };
    const declared = partners.reduce((n, p) => n + (Array.isArray(p.args.records) ? p.args.records.length : 1), 0);
    const user = live.records.filter((r) => r.record_type !== "SOA" && r.record_type !== "NS");
    assert.equal(user.length, declared);
    assert.equal(fx.emulator.control.metrics().errors.INVALID_DATA ?? 0, 0, "no bad data ever reached the API");
  });
});
