/**
 * The progress lines pulumi-dyn writes for the user (deployment/progress.ts): one line per event,
 * long waits announced once per pause (several calls waiting for the same lock-out say it once),
 * quiet mode keeps waits and failures, and no line ever carries a secret.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Progress } from "../../provider/deployment/progress";

const call = { method: "POST", path: "/REST/ARecord/example.com/www.example.com/" };

describe("progress lines", () => {
  it("a publish, a replay, a failure, a re-login, a retry", () => {
    const lines: string[] = [];
    const p = new Progress((l) => lines.push(l), false);
    p.batch({ kind: "published", zone: "example.com", changes: 3, result: { zone: "example.com", serial: 7, serial_style: "increment", zone_type: "Primary" } });
    p.batch({ kind: "replay", zone: "example.com", changes: 2, why: "token" });
    p.batch({ kind: "failed", zone: "example.com", changes: 2, error: new Error("publish: boom") });
    p.relogin();
    p.retry({ call, code: "TRANSPORT", delayMs: 250, reason: "transient failure", message: "Server error HTTP 503" });
    assert.deepEqual(lines, [
      "pulumi-dyn: published zone example.com (3 changes, serial 7)",
      "pulumi-dyn: zone example.com: the DynECT session was replaced mid-batch (its unpublished changes are gone with the old token); replaying 2 change(s) on the new one",
      "pulumi-dyn: zone example.com: 2 change(s) not applied, pending changes discarded: publish: boom",
      "pulumi-dyn: the DynECT session token expired or was invalidated; logged in again",
      `pulumi-dyn: retrying POST ${call.path} in 1 s (transient failure: Server error HTTP 503)`,
    ]);
  });

  it("a lock-out is announced once however many calls wait for it; short waits are not worth a line", () => {
    const lines: string[] = [];
    const p = new Progress((l) => lines.push(l), true);
    p.retry({ call, code: "RATE_LIMITED", delayMs: 60_000, reason: "rate limited", message: "429" });
    p.throttle({ call, ms: 59_500, reason: "paused", perMinute: 300 });
    p.throttle({ call, ms: 59_000, reason: "paused", perMinute: 300 });
    p.throttle({ call, ms: 500, reason: "budget", perMinute: 300 });
    p.batch({ kind: "published", zone: "example.com", changes: 1, result: { zone: "example.com", serial: 8, serial_style: "increment", zone_type: "Primary" } });
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /rate limit answered POST .* with 429 .*: waiting 60 s$/);
  });
});
