import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DynError, type DynErrorCode, type DynErrorInit } from "../../provider/sdk/index";
import { resolveEngineOptions } from "../../provider/sdk/engine/options";
import { RetryPolicy, RetryState, type CallTraits } from "../../provider/sdk/engine/retry";

const POST: CallTraits = { idempotent: false, canRelogin: true, afterJob: false };
const GET: CallTraits = { idempotent: true, canRelogin: true, afterJob: false };
const err = (code: DynErrorCode, init: DynErrorInit = {}) => new DynError(code, code, init);

describe("RetryPolicy (defaults from EngineOptions)", () => {
  const policy = new RetryPolicy(resolveEngineOptions());

  it("blocked by a task: dyn-python's 1, 3, 7, 15, 31 s per task, then fail", () => {
    const state = new RetryState();
    const waits: number[] = [];
    for (;;) {
      const d = policy.decide(err("BLOCKED_BY_TASK", { taskId: "42" }), POST, state);
      if (d.action !== "retry") break;
      waits.push(d.delayMs);
    }
    assert.deepEqual(waits, [1000, 3000, 7000, 15000, 31000]);
    // another task starts its own back-off
    const d = policy.decide(err("BLOCKED_BY_TASK", { taskId: "43" }), POST, state);
    assert.deepEqual(d, { action: "retry", delayMs: 1000, reason: "blocked by task 43" });
  });

  it("delayScale shrinks every retry wait", () => {
    const fast = new RetryPolicy(resolveEngineOptions({ delayScale: 0.01 }));
    const d = fast.decide(err("BLOCKED_BY_TASK", { taskId: "1" }), POST, new RetryState());
    assert.equal(d.action === "retry" && d.delayMs, 10);
  });

  it("rate limited: Retry-After wins, else 5 s doubling up to 60 s", () => {
    const state = new RetryState();
    const hinted = policy.decide(err("RATE_LIMITED", { retryAfterMs: 1234 }), POST, state);
    assert.equal(hinted.action === "retry" && hinted.delayMs, 1234);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = policy.decide(err("RATE_LIMITED"), POST, state);
      if (d.action === "retry") waits.push(d.delayMs);
    }
    assert.deepEqual(waits, [10000, 20000, 40000, 60000, 60000]);
    assert.equal(policy.decide(err("RATE_LIMITED"), POST, state).action, "fail");
  });

  it("an ambiguous transport failure: retry an idempotent call, verify a POST", () => {
    const t = err("TRANSPORT", { sent: "unknown" });
    assert.equal(policy.decide(t, GET, new RetryState()).action, "retry");
    assert.equal(policy.decide(t, POST, new RetryState()).action, "ambiguous");
    // certainly not sent: even a POST is simply retried
    assert.equal(policy.decide(err("TRANSPORT", { sent: false }), POST, new RetryState()).action, "retry");
    // a server 5xx with an envelope is ambiguous too
    assert.equal(policy.decide(err("API_ERROR", { retryable: true, httpStatus: 503 }), POST, new RetryState()).action, "ambiguous");
  });

  it("dead token: one re-login, only when allowed", () => {
    const state = new RetryState();
    assert.equal(policy.decide(err("SESSION_EXPIRED"), GET, state).action, "relogin");
    state.relogins++;
    assert.equal(policy.decide(err("SESSION_INVALID"), GET, state).action, "fail");
    assert.equal(policy.decide(err("SESSION_EXPIRED"), { ...GET, canRelogin: false }, new RetryState()).action, "fail");
  });

  it("never re-sends after a job was started, and never retries definitive answers", () => {
    assert.equal(policy.decide(err("TRANSPORT", { sent: "unknown" }), { ...GET, afterJob: true }, new RetryState()).action, "fail");
    for (const code of ["NOT_FOUND", "TARGET_EXISTS", "INVALID_DATA", "LOGIN_FAILED", "ILLEGAL_OPERATION", "MALFORMED_RESPONSE", "JOB_TIMEOUT"] as const) {
      assert.equal(policy.decide(err(code), GET, new RetryState()).action, "fail", code);
    }
  });
});
