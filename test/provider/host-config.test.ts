/** configure() over the real host: namespaced stack config, secrets, env fallback, clear errors. */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ACCOUNT, startFixture, type Fixture } from "../helpers/provider-fixture";
import { secret } from "../helpers/provider-host";

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
    assert.match(err.message, /Dyn credentials are missing: run `pulumi config set dyn:username <user>` and `pulumi config set --secret dyn:password <password>` \(or set DYN_USERNAME, DYN_PASSWORD\)/);
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

  it("rejects an invalid maxSessions with the setting's name", async () => {
    const f = await startFixture({ config: { "dyn:maxSessions": "zero" } });
    fixtures.push(f);
    await assert.rejects(f.host.up("zone", "z", { name: "max.example", contact: "hostmaster@max.example" }), /dyn:maxSessions/);
  });
});
