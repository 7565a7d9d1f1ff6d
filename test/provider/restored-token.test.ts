/**
 * A token restored from persisted state may carry someone else's unpublished changes: before its
 * first batch in a zone they are read and discarded, so the batch's publish carries only its own.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import * as sdk from "../../provider/sdk";
import { SessionStateStore, newLeaseOwner } from "../../provider/sdk/state-store";
import { restoredTokenCheck } from "../../provider/deployment/restored-token";
import { ZoneBatcher } from "../../provider/deployment/zone-batcher";

const ACCOUNT = { customer: "acme", user: "carol", password: "restore-pw" };
const ZONE = "restored.example";

class ExposedSession extends sdk.DynectSession {
  token(): string | undefined {
    return this.currentToken;
  }
}

describe("a restored token's stale pending changes", () => {
  let emu: RunningEmulator;
  let dir: string;
  const sessions: sdk.DynectSession[] = [];
  const options = (): sdk.SessionOptions => ({
    apiUrl: emu.url,
    customerName: ACCOUNT.customer,
    userName: ACCOUNT.user,
    password: ACCOUNT.password,
    stateScope: "restored-test",
    sessionKey: "restored-key",
    stateDir: dir,
    engine: { requestsPerMinute: 0, delayScale: 0 },
  });
  before(async () => {
    emu = await startEmulator({ accounts: [ACCOUNT], rateLimitPerMinute: 1_000_000 });
    dir = mkdtempSync(join(tmpdir(), "dyn-restored-"));
  });
  after(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are discarded before the token's first batch in the zone; the publish carries only the batch's own change", async () => {
    const admin = new ExposedSession({ ...options(), sessionKey: "" });
    sessions.push(admin);
    await sdk.createZone(admin, ZONE, { rname: `hostmaster@${ZONE}`, ttl: 3600 });
    await sdk.publishZone(admin, ZONE);
    // Another process's token, saved although it holds a change (whatever its owner believed).
    const other = new ExposedSession({ ...options(), sessionKey: "" });
    await sdk.createRecord(other, "A", ZONE, `stale.${ZONE}`, { address: "192.0.2.66" }, 0);
    const store = new SessionStateStore({ apiUrl: emu.url, customer: ACCOUNT.customer, user: ACCOUNT.user, scope: "restored-test", slot: 0 }, "restored-key", dir);
    assert.equal(await store.release(newLeaseOwner(), other.token()!, new Date().toISOString()), true);

    const session = new sdk.DynectSession(options());
    sessions.push(session);
    const batcher = new ZoneBatcher<sdk.DynectSession>({
      maxSessions: 1,
      sessionFor: () => session,
      ensureSession: (s) => s.login(),
      prepare: restoredTokenCheck(),
      publish: (s, zone) => sdk.publishZone(s, zone),
      discard: (s, zone) => sdk.discardZoneChanges(s, zone),
      abandonToken: (s, epoch) => s.abandonToken(epoch),
    });
    emu.control.resetMetrics();
    await batcher.run(ZONE, (s) => sdk.createRecord(s, "A", ZONE, `mine.${ZONE}`, { address: "192.0.2.1" }, 0));
    assert.equal(session.tokenRestored, true, "the saved token was used");
    assert.equal(emu.control.metrics().logins, 0);
    assert.equal(emu.control.metrics().requests["DELETE /REST/ZoneChanges/:zone"], 1, "the stale change was discarded");
    const published = (emu.control.state().zones[ZONE] as { records: { fqdn: string; record_type: string }[] }).records.filter((r) => r.record_type === "A").map((r) => r.fqdn);
    assert.deepEqual(published, [`mine.${ZONE}`]);
  });
});
