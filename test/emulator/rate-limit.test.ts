/** The account-wide sliding-minute rate limiter (§3.4), driven with explicit clock values. */
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { RateLimiter } from "../../provider/emulator/rate-limit";

describe("rate limiter", () => {
  it("counts a sliding minute per customer, then locks the customer out for lockoutMs", () => {
    const rl = new RateLimiter(3, 5_000);
    assert.deepEqual([0, 10, 20].map((t) => rl.hit("acme", t)), [0, 0, 0]);
    assert.equal(rl.hit("globex", 30), 0, "other customers have their own window");
    assert.equal(rl.hit("acme", 60_000), 0, "the hit at 0 has left the window");
    assert.equal(rl.hit("acme", 60_005), 5_000, "4th hit within a minute: locked out");
    assert.equal(rl.hit("acme", 61_005), 4_000, "refused until the lockout ends");
    assert.equal(rl.hit("acme", 65_005), 0, "after the lockout the window starts empty");
    assert.deepEqual([65_006, 65_007].map((t) => rl.hit("acme", t)), [0, 0]);
    assert.equal(rl.hit("acme", 65_008), 5_000);
  });

  it("a long steady stream under the limit is never refused; a burst on top of it is", () => {
    const rl = new RateLimiter(600, 1_000);
    let t = 0;
    for (let i = 0; i < 20_000; i++, t += 100) assert.equal(rl.hit("acme", t), 0, `hit ${i}`);
    // 600 hits lie in the last minute; one more inside the same 100 ms is the 601st
    assert.equal(rl.hit("acme", t - 50), 1_000);
  });
});
