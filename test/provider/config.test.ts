import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, DEFAULT_API_URL, DEFAULT_MAX_SESSIONS, readConfig } from "../../provider/config";

const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("readConfig", () => {
  it("reads namespaced stack config with defaults", () => {
    const c = readConfig(source({ "dyn:customerName": "acme", "dyn:username": "alice", "dyn:password": "pw" }), {});
    assert.deepEqual(c, { customerName: "acme", username: "alice", password: "pw", apiUrl: DEFAULT_API_URL, maxSessions: DEFAULT_MAX_SESSIONS, sessionKey: undefined, requestsPerMinute: undefined });
  });

  it("lets stack config win over the environment and falls back per key", () => {
    const c = readConfig(source({ "dyn:customerName": "acme", "dyn:apiUrl": "http://127.0.0.1:9/" }), {
      DYN_CUSTOMER_NAME: "other",
      DYN_USERNAME: "bob",
      DYN_PASSWORD: "envpw",
      DYN_MAX_SESSIONS: "3",
    });
    assert.equal(c.customerName, "acme");
    assert.equal(c.username, "bob");
    assert.equal(c.password, "envpw");
    assert.equal(c.apiUrl, "http://127.0.0.1:9");
    assert.equal(c.maxSessions, 3);
  });

  it("lists only the missing credentials, with the commands", () => {
    assert.throws(
      () => readConfig(source({}), {}),
      (e: Error) =>
        e instanceof ConfigError &&
        e.message ===
          "Dyn credentials are missing: run `pulumi config set dyn:customerName <customer>`, `pulumi config set dyn:username <user>` and `pulumi config set --secret dyn:password` (it prompts for the password and stores it encrypted), or set DYN_CUSTOMER_NAME, DYN_USERNAME, DYN_PASSWORD in the environment of the pulumi command",
    );
    assert.throws(() => readConfig(source({ "dyn:customerName": "a", "dyn:username": "u" }), {}), /run `pulumi config set --secret dyn:password` \(it prompts for the password and stores it encrypted\), or set DYN_PASSWORD in the environment of the pulumi command$/);
    assert.throws(() => readConfig(source({ "dyn:password": "pw" }), {}), /dyn:username <user>`, or set DYN_CUSTOMER_NAME, DYN_USERNAME in the environment/);
  });

  it("rejects bad values by setting name without echoing any value", () => {
    assert.throws(
      () => readConfig(source({ "dyn:customerName": "a", "dyn:username": "u", "dyn:password": "hunter2", "dyn:apiUrl": "ftp://x", "dyn:maxSessions": "0" }), {}),
      (e: Error) => /dyn:apiUrl/.test(e.message) && /dyn:maxSessions/.test(e.message) && !e.message.includes("hunter2") && !e.message.includes("ftp://x"),
    );
  });

  it("requires https:// for dyn:apiUrl, except plain http:// to a loopback host", () => {
    const creds = { "dyn:customerName": "a", "dyn:username": "u", "dyn:password": "pw" };
    for (const ok of ["https://api.dynect.net", "http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:9"]) {
      assert.equal(readConfig(source({ ...creds, "dyn:apiUrl": ok }), {}).apiUrl, ok);
    }
    for (const bad of ["http://api.dynect.net", "http://10.0.0.5:8080", "http://127.0.0.1.example.com"]) {
      assert.throws(
        () => readConfig(source({ ...creds, "dyn:apiUrl": bad }), {}),
        (e: Error) => e instanceof ConfigError && /dyn:apiUrl must use https:\/\/ .*loopback/.test(e.message) && !e.message.includes(bad),
        bad,
      );
    }
    assert.throws(() => readConfig(source(creds), { DYN_API_URL: "http://api.dynect.net" }), /dyn:apiUrl must use https/);
  });

  it("reads the client-side request budget from stack config or DYN_REQUESTS_PER_MINUTE, and rejects a bad one", () => {
    const creds = { "dyn:customerName": "a", "dyn:username": "u", "dyn:password": "pw" };
    assert.equal(readConfig(source(creds), {}).requestsPerMinute, undefined);
    assert.equal(readConfig(source({ ...creds, "dyn:requestsPerMinute": "120" }), { DYN_REQUESTS_PER_MINUTE: "60" }).requestsPerMinute, 120);
    assert.equal(readConfig(source(creds), { DYN_REQUESTS_PER_MINUTE: "0" }).requestsPerMinute, 0);
    assert.throws(() => readConfig(source({ ...creds, "dyn:requestsPerMinute": "fast" }), {}), /dyn:requestsPerMinute/);
  });
});
