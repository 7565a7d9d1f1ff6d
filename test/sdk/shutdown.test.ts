import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import type { RunningEmulator } from "../../provider/emulator/index";
import { ACCOUNT, emulator, teardown } from "./helpers";

/** A child holding a session; `how` is what it printed: "login" or "restored" (its token came from the state dir). */
function startChild(url: string, env: NodeJS.ProcessEnv = {}, persist = false, pending = false): Promise<ChildProcess & { how?: string }> {
  const args = [join(__dirname, "fixtures", "signal-child.ts"), url, ACCOUNT.password, persist ? "persist" : "", pending ? "pending" : ""];
  const child: ChildProcess & { how?: string } = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      const m = /ready (\w+)/.exec(d.toString());
      if (!m) return;
      child.how = m[1];
      resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
}

/** The persisted-session files of a state dir (it also holds the shared rate window). */
function sessionFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith("session-"));
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("logout on SIGINT / SIGTERM", () => {
  let emu: RunningEmulator;
  const children: ChildProcess[] = [];
  before(async () => {
    emu = await emulator();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await teardown(emu);
  });
  beforeEach(() => {
    emu.control.reset();
    emu.control.resetMetrics();
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal}: logs out within a few seconds, then dies by the signal`, async () => {
      const child = await startChild(emu.url);
      children.push(child);
      assert.equal(emu.control.metrics().logins, 1);
      const done = exited(child);
      child.kill(signal);
      const { signal: got } = await done;
      assert.equal(got, signal);
      assert.equal(emu.control.metrics().logouts, 1);
    });
  }

  it("a session with persisted state is kept (not logged out) for the next process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-sig-"));
    try {
      const child = await startChild(emu.url, { DYN_STATE_DIR: dir }, true);
      children.push(child);
      const done = exited(child);
      child.kill("SIGTERM");
      assert.equal((await done).signal, "SIGTERM");
      assert.equal(emu.control.metrics().logouts, 0);
      assert.equal(sessionFiles(dir).length, 1);
      // the next process reuses the token: no new login
      const next = await startChild(emu.url, { DYN_STATE_DIR: dir }, true);
      children.push(next);
      assert.equal(next.how, "restored");
      assert.equal(emu.control.metrics().logins, 1);
      const done2 = exited(next);
      next.kill("SIGTERM");
      await done2;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a persisted session holding unpublished changes is logged out on SIGTERM, not kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-sig-"));
    try {
      const child = await startChild(emu.url, { DYN_STATE_DIR: dir }, true, true);
      children.push(child);
      const done = exited(child);
      child.kill("SIGTERM");
      assert.equal((await done).signal, "SIGTERM");
      assert.equal(emu.control.metrics().logouts, 1, "logged out: its pending changes die with it");
      assert.deepEqual(sessionFiles(dir), [], "nothing kept for the next process");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the token of a process killed with SIGKILL is never restored: the next process logs it out and logs in anew", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-sig-"));
    try {
      const killed = await startChild(emu.url, { DYN_STATE_DIR: dir }, true, true);
      children.push(killed);
      const done = exited(killed);
      killed.kill("SIGKILL");
      await done;
      assert.equal(emu.control.metrics().logouts, 0);
      assert.equal(sessionFiles(dir).length, 1, "its lease is left behind");
      const next = await startChild(emu.url, { DYN_STATE_DIR: dir }, true);
      children.push(next);
      assert.equal(next.how, "login", "a new login, not the killed process's token");
      const m = emu.control.metrics();
      assert.equal(m.logins, 2);
      assert.equal(m.logouts, 1, "the abandoned token was logged out (its pending changes die with it)");
      const done2 = exited(next);
      next.kill("SIGTERM");
      await done2;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
