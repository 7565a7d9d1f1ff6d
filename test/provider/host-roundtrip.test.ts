/**
 * Every user record type of §6.3 round-trips through the real host and the emulator with no diff:
 * what check normalises equals what refresh reads back (DESIGN invariant 6).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { RDATA_EXAMPLES } from "../../provider/resources/examples";
import { USER_RECORD_TYPES } from "../../provider/sdk/schemas/rdata";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

const ZONE = "roundtrip.example";

/** Values written the way users type them: mixed case, no trailing dots, numbers as strings. */
function asTyped(rdata: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rdata)) out[k] = typeof v === "number" ? String(v) : v;
  return out;
}

describe("every record type round-trips without a diff", () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
    await f.host.up("zone", "zone", { name: ZONE, contact: `hostmaster@${ZONE}` });
  });
  after(async () => {
    await f?.close();
  });

  for (const type of USER_RECORD_TYPES) {
    it(type, async () => {
      const args = { zone: ZONE, name: `t-${type.toLowerCase()}`, type, ttl: 300, rdata: asTyped(RDATA_EXAMPLES[type]) };
      const { id, inputs, outputs } = await f.host.up("record", type, args);
      const read = await f.host.read("record", type, id, outputs, inputs);
      assert.equal(read.id, id);
      assert.deepEqual(read.outputs.rdata, outputs.rdata);
      assert.equal((await f.host.diff("record", type, id, read.outputs, inputs)).changes, "none");
      const again = (await f.host.check("record", type, read.inputs ?? {}, args)).inputs;
      assert.equal((await f.host.diff("record", type, id, read.outputs, again)).changes, "none");
    });
  }
});
