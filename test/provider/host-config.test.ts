/** configure() over the real host: namespaced stack config, secrets, env fallback, clear errors. */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packedProject } from "../helpers/packed";
import { ACCOUNT, oobZone, shims, startFixture, type Fixture } from "../helpers/provider-fixture";
import { ProviderHost, secret } from "../helpers/provider-host";

describe("provider configuration over the dynamic-provider host", () => {
  const fixtures: Fixture[] = [];
  after(async () => {
    await Promise.all(fixtures.map((f) => f.close()));
  });

  it("names exactly the missing credentials and the commands that set them", async () => {
    const f = await startFixture({ noConfigure: true });
    fixtures.push(f);
    await f.host.configure({ "dyn:customerName": ACCOUNT.customer, "dyn:apiUrl": f.emulator.url });
    const err = await f.host.up("zone", "z", { name: "cfg.example", contact: "hostmaster@cfg.example" }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(err, "create must fail without credentials");
    assert.match(err.message, /Dyn credentials are missing: run `pulumi config set dyn:username <user>` and `pulumi config set --secret dyn:password` \(it prompts for the password and stores it encrypted\), or set DYN_USERNAME, DYN_PASSWORD in the environment of the pulumi command/);
    assert.doesNotMatch(err.message, /dyn:customerName/);
    // check and diff need no credentials (preview works before config is complete).
    const { failures } = await f.host.check("zone", "z", {}, { name: "cfg.example", contact: "hostmaster@cfg.example" });
    assert.deepEqual(failures, []);
  });

  it("falls back to DYN_* environment variables, stack config winning", async () => {
    const f = await startFixture({
      noConfigure: true,
      host: { env: { DYN_CUSTOMER_NAME: "wrong-customer", DYN_USERNAME: ACCOUNT.user, DYN_PASSWORD: ACCOUNT.password } },
    });
    fixtures.push(f);
    await f.host.configure({ "dyn:customerName": ACCOUNT.customer, "dyn:apiUrl": f.emulator.url, "dyn:requestsPerMinute": "0" });
    const { id } = await f.host.up("zone", "z", { name: "env.example", contact: "hostmaster@env.example" });
    assert.equal(id, "env.example");
    assert.equal(f.emulator.control.metrics().loginFailures, 0);
  });

  it("takes the secret password from a secret-wrapped config value and never echoes it", async () => {
    const f = await startFixture({ noConfigure: true });
    fixtures.push(f);
    await f.host.configure({
      "dyn:customerName": ACCOUNT.customer,
      "dyn:username": ACCOUNT.user,
      "dyn:password": secret("not-the-password"),
      "dyn:apiUrl": f.emulator.url,
    });
    const err = await f.host.up("zone", "z", { name: "secret.example", contact: "hostmaster@secret.example" }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(err);
    assert.doesNotMatch(err.message + f.host.stderr.join(""), /not-the-password/);
    assert.ok(f.emulator.control.metrics().loginFailures >= 1);
  });

  it("has the config for concurrent first calls of every kind (configure stores it synchronously)", async () => {
    // One session for the account, so all three share one login whatever order they start in.
    const f = await startFixture({ config: { "dyn:maxSessions": "1" } });
    fixtures.push(f);
    await oobZone(f.oob, "race.example");
    // The host caches each kind's provider before awaiting its configure: all three start at once.
    const [z, r, s] = await Promise.all([
      f.host.up("zone", "race-zone", { name: "race-zone.example", contact: "hostmaster@race-zone.example" }),
      f.host.up("record", "race-rec", { zone: "race.example", name: "a", type: "A", rdata: { address: "192.0.2.1" } }),
      f.host.up("recordSet", "race-set", { zone: "race.example", name: "b", type: "A", records: [{ address: "192.0.2.2" }] }),
    ]);
    assert.equal(z.id, "race-zone.example");
    assert.match(r.id, /^race\.example\/a\.race\.example\/A\/\d+$/);
    assert.equal(s.id, "race.example/b.race.example/A");
    assert.equal(f.emulator.control.metrics().logins, 2, "the provider's one login plus the out-of-band client's");
  });

  it("refuses a plain-http dyn:apiUrl to a remote host already at check (preview), naming dyn:apiUrl", async () => {
    const f = await startFixture({ noConfigure: true });
    fixtures.push(f);
    await f.host.configure({ "dyn:customerName": ACCOUNT.customer, "dyn:username": ACCOUNT.user, "dyn:password": secret(ACCOUNT.password), "dyn:apiUrl": "http://api.dynect.net" });
    await assert.rejects(f.host.check("zone", "z", {}, { name: "http.example", contact: "hostmaster@http.example" }), /dyn:apiUrl must use https:\/\//);
    assert.equal(f.emulator.control.metrics().requestsTotal, 0);
  });

  it("rejects an invalid maxSessions with the setting's name", async () => {
    const f = await startFixture({ config: { "dyn:maxSessions": "zero" } });
    fixtures.push(f);
    await assert.rejects(f.host.up("zone", "z", { name: "max.example", contact: "hostmaster@max.example" }), /dyn:maxSessions/);
  });
});

describe("persisted session across provider processes", () => {
  it("two provider processes of one project at once (two stacks) never share a token", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "dyn-state-"));
    const sessionKey = secret("k".repeat(50));
    // A saved token from an earlier deployment of this project.
    const earlier = await startFixture({ config: { "dyn:sessionKey": sessionKey }, host: { env: { DYN_STATE_DIR: stateDir } } });
    const config = (url: string) => ({
      "dyn:customerName": ACCOUNT.customer,
      "dyn:username": ACCOUNT.user,
      "dyn:password": secret(ACCOUNT.password),
      "dyn:apiUrl": url,
      "dyn:sessionKey": sessionKey,
      "dyn:requestsPerMinute": "0",
    });
    const hosts: ProviderHost[] = [];
    try {
      await earlier.host.up("zone", "e", { name: "shared-e.example", contact: "hostmaster@shared-e.example" });
      await earlier.host.close();
      earlier.emulator.control.resetMetrics();
      // `up -s dev` and `up -s prod` at once: same project, same directory, same key.
      for (let i = 0; i < 2; i++) {
        const h = await ProviderHost.start(await packedProject(), await shims(), { env: { DYN_STATE_DIR: stateDir } });
        hosts.push(h);
        await h.configure(config(earlier.emulator.url));
      }
      await Promise.all(hosts.map((h, i) => h.up("zone", `z${i}`, { name: `shared-${i}.example`, contact: `hostmaster@shared-${i}.example` })));
      assert.equal(earlier.emulator.control.metrics().logins, 1, "one restored the saved token, the other logged in");
      assert.equal(earlier.emulator.control.metrics().jobRunningReplies, 0, "no two processes on one token");
    } finally {
      await Promise.all(hosts.map((h) => h.close()));
      await earlier.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it("logs in once, and a later provider process with the same dyn:sessionKey reuses the session", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "dyn-state-"));
    const sessionKey = secret("k".repeat(50));
    const first = await startFixture({ config: { "dyn:sessionKey": sessionKey }, host: { env: { DYN_STATE_DIR: stateDir } } });
    try {
      await first.host.up("zone", "p1", { name: "persist-one.example", contact: "hostmaster@persist-one.example" });
      assert.equal(first.emulator.control.metrics().logins, 1);
      await first.host.close(); // SIGINT, as the engine does at the end of a deployment

      const second = await ProviderHost.start(await packedProject(), await shims(), { env: { DYN_STATE_DIR: stateDir } });
      try {
        await second.configure({
          "dyn:customerName": ACCOUNT.customer,
          "dyn:username": ACCOUNT.user,
          "dyn:password": secret(ACCOUNT.password),
          "dyn:apiUrl": first.emulator.url,
          "dyn:sessionKey": sessionKey,
          "dyn:requestsPerMinute": "0",
        });
        await second.up("zone", "p2", { name: "persist-two.example", contact: "hostmaster@persist-two.example" });
        assert.equal(first.emulator.control.metrics().logins, 1, "no second login: the persisted session was reused");
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
