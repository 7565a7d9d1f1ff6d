/** The dyn-emulator bin and the JSON state file. */
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { Client, repoRoot, start } from "./helpers";

const CLI = path.join(repoRoot, "provider/emulator/cli.ts");

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once("line", (l) => {
      rl.close();
      resolve(l);
    });
    child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
  });
}

describe("dyn-emulator CLI", () => {
  const children: ChildProcess[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dyn-emulator-"));
  after(() => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("starts with a shebang, takes accounts from a file, prints `listening on http://127.0.0.1:<port>` first, serves, exits 0 on SIGTERM", async () => {
    assert.ok(fs.readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n"));
    const accounts = path.join(tmp, "accounts");
    fs.writeFileSync(accounts, "# customer:user:password\nacme:alice:pa:ss:word\n\nx:y:z\n", { mode: 0o600 });
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0", "--accounts-file", accounts, "--idle-timeout", "60000", "--rate-limit", "100"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const line = await firstLine(child);
    const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, line);
    assert.ok(Number(m[2]) > 0);
    const c = new Client(m[1], { customer: "acme", user: "alice", password: "pa:ss:word" });
    await c.login();
    await c.ok("GET", "/REST/Zone/");
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });

  it("takes accounts from stdin (--accounts-file -), so no password is on the command line", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "0", "--accounts-file", "-"], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    child.stdin!.end("acme:bob:from-stdin\n");
    const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(await firstLine(child));
    assert.ok(m);
    await new Client(m[1], { customer: "acme", user: "bob", password: "from-stdin" }).login();
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });

  /** Runs the CLI to its exit; its exit code and stderr. */
  async function failing(args: string[], stdin?: string): Promise<{ code: number | null; err: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    child.stdin!.end(stdin ?? "");
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    return { code, err };
  }

  it("rejects bad arguments with a usage message and exit code 2 — naming the line of a bad accounts file, never its content", async () => {
    const bad = await failing(["--account", "nocolons"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /usage: dyn-emulator/);
    const file = path.join(tmp, "bad-accounts");
    fs.writeFileSync(file, "acme:alice:fine\nsecret-without-colons\n");
    const badFile = await failing(["--accounts-file", file]);
    assert.equal(badFile.code, 2);
    assert.match(badFile.err, /--accounts-file line 2 must look like <customer>:<user>:<password>/);
    assert.doesNotMatch(badFile.err, /secret-without-colons/);
  });

  it("refuses a non-loopback --host without --unsafe-listen", async () => {
    const r = await failing(["--port", "0", "--host", "0.0.0.0", "--accounts-file", "-"], "acme:alice:pw\n");
    assert.equal(r.code, 2);
    assert.match(r.err, /refusing to listen on 0\.0\.0\.0: .*Pass --unsafe-listen/);
  });

  it("--state-file: zones, published records, ids and serials survive a restart (sessions do not)", async () => {
    const file = path.join(tmp, "state.json");
    const first = await start({ stateFile: file });
    const c = new Client(first.url);
    await c.login();
    await c.ok("POST", "/REST/Zone/keep.test/", { rname: "a@keep.test", ttl: 300, serial_style: "increment" });
    await c.ok("POST", "/REST/ARecord/keep.test/www.keep.test/", { rdata: { address: "192.0.2.1" } });
    await c.ok("PUT", "/REST/Zone/keep.test/", { publish: true });
    await c.ok("POST", "/REST/ARecord/keep.test/pending.keep.test/", { rdata: { address: "192.0.2.2" } });
    const before = await c.ok("GET", "/REST/AllRecord/keep.test/");
    await first.close();
    assert.ok(fs.existsSync(file));
    const second = await start({ stateFile: file });
    const stale = new Client(second.url);
    stale.token = c.token;
    assert.equal((await stale.call("GET", "/REST/Zone/")).body.msgs[0].INFO, "login: Bad or expired credentials", "sessions are not persisted");
    const c2 = new Client(second.url);
    await c2.login();
    const after = await c2.ok("GET", "/REST/AllRecord/keep.test/");
    assert.deepEqual(after, before.filter((u: string) => !u.includes("pending.")));
    assert.equal((await c2.ok("GET", "/REST/Zone/keep.test/")).serial, 1);
    await c2.ok("POST", "/REST/ARecord/keep.test/new.keep.test/", { rdata: { address: "192.0.2.3" } });
    const ids = (await c2.ok("GET", "/REST/AllRecord/keep.test/")).map((u: string) => Number(u.split("/").pop()));
    assert.equal(new Set(ids).size, ids.length, "ids never reused after a restart");
    await second.close();
  });
});
