/**
 * The client-side rate budget's window is shared by the processes of one machine (§3.4: DynECT
 * counts per customer account and locks it out past the limit): what one process sends counts
 * against the others, and a 429's pause holds them all. Decided by the window's contents, never by
 * waiting — `take` says how long a caller would have to wait.
 */
import assert from "node:assert/strict";
import { BUDGET_WINDOW_MS } from "../../provider/sdk/engine/budget-window";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { SharedRateWindow } from "../../provider/sdk/engine/shared-rate-window";

const API = "https://api.dynect.net";

describe("rate budget shared between processes (state dir)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "dyn-rate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("what another process sent counts: a full window makes this one wait", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", join(__dirname, "fixtures", "rate-child.ts"), dir, API, "acme", "3", "3"], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(out), [0, 0, 0], "the other process used the whole minute");
    return new SharedRateWindow(dir, API, "ACME").take(3).then((wait) => {
      assert.ok(wait > 0 && wait <= BUDGET_WINDOW_MS + 1, `this process must wait (${wait} ms), customer names compared case-insensitively`);
    });
  });

  it("slots free up as the minute slides on; other customers and API URLs have their own window", async () => {
    const a = new SharedRateWindow(dir, API, "acme");
    const b = new SharedRateWindow(dir, API, "acme");
    const t0 = 1_000_000_000_000;
    assert.equal(await a.take(2, t0), 0);
    assert.equal(await b.take(2, t0 + 10), 0);
    assert.equal(await a.take(2, t0 + 20), BUDGET_WINDOW_MS + 1 - 20);
    assert.equal(await b.take(2, t0 + BUDGET_WINDOW_MS + 1), 0, "the first send left the window");
    assert.equal(await new SharedRateWindow(dir, API, "other").take(2, t0 + 20), 0);
    assert.equal(await new SharedRateWindow(dir, "https://api2.dynect.net", "acme").take(2, t0 + 20), 0);
    assert.equal(statSync(a.file).mode & 0o777, 0o600);
  });

  it("a pause after a 429 holds every process of that customer", async () => {
    const a = new SharedRateWindow(dir, API, "acme");
    const now = Date.now();
    await a.pauseUntil(now + 5_000);
    const wait = await new SharedRateWindow(dir, API, "acme").take(300, now);
    assert.equal(wait, 5_000);
  });

  it("a lock left by a crashed holder is taken over", async () => {
    const a = new SharedRateWindow(dir, API, "acme");
    assert.equal(await a.take(10), 0);
    const { utimesSync, writeFileSync } = await import("node:fs");
    writeFileSync(`${a.file}.lock`, "");
    const old = new Date(Date.now() - 10_000);
    utimesSync(`${a.file}.lock`, old, old);
    assert.equal(await a.take(10), 0);
  });
});
