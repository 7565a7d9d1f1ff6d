/**
 * `pulumi preview/up -v=9 --logtostderr` with the credentials as a new user is told to give them
 * when verbose logs are needed (README: DYN_PASSWORD and DYN_SESSION_KEY in the environment): no
 * password, session key or session token appears anywhere in the output — pulumi-dyn itself never
 * prints one. (With `dyn:password` in the stack config the engine logs it in its Configure request;
 * that is the engine's, and the README's workaround is this test's setup.)
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type RunningEmulator } from "../../provider/emulator";
import { REPO_ROOT, packedProject } from "../helpers/packed";
import { createProject, writeSpec } from "./harness/project";
import { PulumiWorkspace, ensurePulumiCli } from "./harness/pulumi-cli";
import { spyOnIssuedTokens } from "./harness/token-spy";

const WORK = join(REPO_ROOT, ".tmp", "e2e", `verbose-${process.pid}`);
const ACCOUNT = { customer: "verbose-customer", user: "verbose-user", password: `pw-${randomBytes(12).toString("hex")}` };
const SESSION_KEY = `key-${randomBytes(16).toString("hex")}`;
const ZONE = "verbose.example";

describe("verbose engine logs with the credentials in the environment", () => {
  let emulator: RunningEmulator;
  let ws: PulumiWorkspace;
  const tokens = spyOnIssuedTokens();

  before(
    async () => {
      const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
      emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
      const projectDir = createProject(join(WORK, "project"), installed, "dyn-verbose");
      writeSpec(projectDir, { zone: { name: ZONE, contact: `hostmaster@${ZONE}` }, records: [{ logical: "www", kind: "Record", name: "www", type: "A", rdata: { address: "192.0.2.1" } }] });
      ws = new PulumiWorkspace(projectDir, WORK, binDir, "verbose");
      mkdirSync(join(WORK, "state"), { recursive: true });
      Object.assign(ws.env, { DYN_PASSWORD: ACCOUNT.password, DYN_SESSION_KEY: SESSION_KEY, DYN_STATE_DIR: join(WORK, "state") });
      await ws.run(["stack", "init", ws.stack, "--secrets-provider", "passphrase"], { stackScoped: false });
      await ws.run(["config", "set", "dyn:customerName", ACCOUNT.customer]);
      await ws.run(["config", "set", "dyn:username", ACCOUNT.user]);
      await ws.run(["config", "set", "dyn:apiUrl", emulator.url]);
    },
    { timeout: 55 * 60_000 },
  );

  after(async () => {
    await emulator?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  it("preview, up and a second preview at -v=9 print no password, session key or token; the saved session holds none in clear", async () => {
    await ws.run(["preview", "-v=9", "--logtostderr"]);
    await ws.run(["up", "--yes", "-v=9", "--logtostderr"]);
    await ws.run(["preview", "-v=9", "--logtostderr", "--expect-no-changes"]);
    assert.ok(tokens.size >= 1, "the emulator issued tokens");
    assert.ok(emulator.control.metrics().logins >= 1);
    const output = ws.allOutput();
    assert.match(output, /Marshaling property for RPC/, "the engine's verbose logging was on");
    for (const secret of [ACCOUNT.password, SESSION_KEY, ...tokens]) {
      const what = secret === ACCOUNT.password ? "the password" : secret === SESSION_KEY ? "the session key" : "a session token";
      assert.ok(!output.includes(secret), `${what} appears in the verbose output`);
      // Saved sessions, leases and the creation journal (state/journal/<account>/<owner>.json).
      for (const name of readdirSync(join(WORK, "state"), { recursive: true }) as string[]) {
        const path = join(WORK, "state", name);
        if (statSync(path).isFile()) assert.ok(!readFileSync(path, "utf8").includes(secret), `${what} appears in clear in ${name}`);
      }
    }
  });
});
