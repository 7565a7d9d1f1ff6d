/**
 * Malformed API replies through the real dynamic-provider host (issue 10, "Bad input"): a
 * truncated JSON body, JSON that is no envelope, a proxy's HTML 502 page and a 200 carrying a
 * failure envelope — on the login, a record POST, the publish and the read of a refresh. Each
 * ends the operation with a clear error naming the call (never a crash, never a success, never a
 * refresh that drops the resource), and the provider process serves the next operation; nothing
 * the failed operation started is published.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FailMode } from "../../provider/emulator";
import { startFixture, type Fixture } from "../helpers/provider-fixture";

const ZONE = "malformed.example";
const MODES = ["invalid-json", "wrong-envelope", "html-error", "failure-200"] as const satisfies readonly FailMode[];

/** What the error must say per mode (after the call, which every message names). */
const REASON: Record<(typeof MODES)[number], RegExp> = {
  "invalid-json": /Malformed response \([A-Z]+ \/REST\/[^)]+\): HTTP 200/,
  "wrong-envelope": /Malformed response \([A-Z]+ \/REST\/[^)]+\): HTTP 200/,
  "html-error": /Server error HTTP 502 \([A-Z]+ \/REST\/[^)]+\)/,
  "failure-200": /\([A-Z]+ \/REST\/[^)]+\): service: The operation could not be completed/,
};

/** Signs of a crash or of an error nobody wrote. */
const UNCLEAR = /TypeError|Cannot read propert|undefined is not|is not a function|SyntaxError|Unexpected token/;

function userRecords(fx: Fixture): { fqdn: string; record_type: string }[] {
  const zone = fx.emulator.control.state().zones[ZONE] as { records: { fqdn: string; record_type: string }[] } | undefined;
  return (zone?.records ?? []).filter((r) => r.record_type !== "SOA" && r.record_type !== "NS");
}

describe("malformed API replies: a clear error, never a crash or a silent success (provider host)", () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
    await fx.host.up("zone", "zone", { name: ZONE, contact: `hostmaster@${ZONE}` });
  });
  after(() => fx?.close());

  /**
   * Runs `operation` while every request matching `match` gets `mode` (more often than any retry
   * policy tries), then checks the error and that the same process still works.
   */
  async function failsClearly(mode: (typeof MODES)[number], match: { match: string; method?: string }, operation: () => Promise<unknown>): Promise<string> {
    fx.emulator.control.setFaults({ failNext: { count: 50, mode, ...match } });
    let message = "";
    try {
      await operation();
      assert.fail(`the operation succeeded although every ${match.method ?? ""} ${match.match} answer was ${mode}`);
    } catch (e) {
      message = (e as Error).message;
    } finally {
      fx.emulator.control.setFaults({ failNext: [] });
    }
    assert.match(message, REASON[mode]);
    assert.doesNotMatch(message, UNCLEAR);
    return message;
  }

  for (const mode of MODES) {
    it(`${mode} on the record POST: create fails clearly, nothing is published, the same create then succeeds once`, async () => {
      const name = `post-${mode}`;
      const args = { zone: ZONE, name, type: "A", rdata: { address: "192.0.2.10" } };
      await failsClearly(mode, { match: "/REST/ARecord/", method: "POST" }, () => fx.host.up("record", name, args));
      assert.deepEqual(userRecords(fx).filter((r) => r.fqdn.startsWith(name)), []);
      await fx.host.up("record", name, args);
      assert.equal(userRecords(fx).filter((r) => r.fqdn.startsWith(name)).length, 1);
    });

    it(`${mode} on the publish: create fails clearly, the change is discarded, the same create then succeeds once`, async () => {
      const name = `publish-${mode}`;
      const args = { zone: ZONE, name, type: "TXT", rdata: { txtdata: mode } };
      await failsClearly(mode, { match: `/REST/Zone/${ZONE}`, method: "PUT" }, () => fx.host.up("record", name, args));
      assert.deepEqual(userRecords(fx).filter((r) => r.fqdn.startsWith(name)), []);
      // The discarded change does not come back with the next publish: exactly one record.
      await fx.host.up("record", name, args);
      assert.equal(userRecords(fx).filter((r) => r.fqdn.startsWith(name)).length, 1);
    });

    it(`${mode} on the reads of a refresh: read fails clearly instead of dropping the resource`, async () => {
      const name = `read-${mode}`;
      const { id, inputs, outputs } = await fx.host.up("record", name, { zone: ZONE, name, type: "A", rdata: { address: "192.0.2.20" } });
      await fx.host.newDeployment(); // a refresh is a new provider process: nothing read yet
      await failsClearly(mode, { match: "/REST/", method: "GET" }, () => fx.host.read("record", name, id, outputs, inputs));
      const again = await fx.host.read("record", name, id, outputs, inputs);
      assert.equal(again.id, id, "the record is still found once the API answers properly");
    });

    it(`${mode} on the login: the operation fails clearly, and the next one logs in`, async () => {
      const name = `login-${mode}`;
      await fx.host.newDeployment(); // not logged in yet
      const args = { zone: ZONE, name, type: "A", rdata: { address: "192.0.2.30" } };
      const message = await failsClearly(mode, { match: "/REST/Session", method: "POST" }, () => fx.host.up("record", name, args));
      assert.doesNotMatch(message, /correct-horse-battery/, "the password is not in the message");
      await fx.host.up("record", name, args);
      assert.equal(userRecords(fx).filter((r) => r.fqdn.startsWith(name)).length, 1);
    });
  }
});
