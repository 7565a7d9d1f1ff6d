#!/usr/bin/env node
// `npm run demo`: the whole story in one command, offline.
//   build → Pulumi CLI (scripts/setup-pulumi.sh) → pack this package and install it into a fresh
//   project (.tmp/demo-project, as a user would) → start the DynECT emulator → local stack with the
//   credentials in stack config → pulumi up → change a record behind Pulumi's back → pulumi refresh
//   shows the drift → pulumi up corrects it → pulumi destroy → stop everything.
// Exits non-zero if any step fails; SIGINT/SIGTERM stop every child and the emulator.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// --work-dir <dir>: keep the project, tarball and state there instead (the test suite uses its own).
const workArg = process.argv.indexOf("--work-dir");
const workDir = workArg >= 0 ? resolve(process.argv[workArg + 1]) : undefined;
const projectDir = workDir ? join(workDir, "project") : join(root, ".tmp", "demo-project");
const packDir = workDir ? join(workDir, "pack") : join(root, ".tmp", "demo-pack");
const stateDir = workDir ? join(workDir, "state") : join(root, ".pulumi-state", "demo");
const shown = (p) => relative(root, p) || ".";
const STACK = "dev";
const ACCOUNT = { customer: "demo", user: "demo-user", password: randomBytes(18).toString("base64url") };

const tty = process.stdout.isTTY;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
let stepNo = 0;
function step(title, explanation) {
  stepNo += 1;
  console.log(`\n${bold(`━━ ${stepNo}. ${title}`)}`);
  if (explanation) console.log(dim(explanation));
}
const note = (s) => console.log(`   ${s}`);
const ok = (s) => console.log(`${tty ? "\x1b[32m" : ""}   ✔ ${s}${tty ? "\x1b[0m" : ""}`);

// ── processes: every child is tracked so nothing outlives the demo ──────────────────────────────
const children = new Set();
let emulator;
let stopping = false;

function run(cmd, args, { cwd = root, env = process.env, capture = false, quiet = false } = {}) {
  if (!quiet && !capture) console.log(dim(`   $ ${[cmd, ...args].join(" ")}`));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", capture || quiet ? "pipe" : "inherit", capture || quiet ? "pipe" : "inherit"] });
    children.add(child);
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})${err ? `\n${err.trim()}` : ""}`));
    });
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGINT");
  await Promise.race([
    Promise.all([...children].map((c) => new Promise((r) => c.once("close", r)))),
    new Promise((r) => setTimeout(r, 5000)),
  ]);
  for (const child of children) child.kill("SIGKILL");
  if (emulator) await emulator.close();
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the demo`);
    void shutdown(130);
  });
}

// ── the emulator, seen from outside (its state endpoint and its public REST API) ────────────────
async function published(zone) {
  const res = await fetch(`${emulator.url}/__emulator/state`);
  const state = await res.json();
  return state.zones[zone];
}

function rdataText(rdata) {
  return Object.values(rdata).join(" ");
}

async function showZone(zone, highlightFqdn) {
  const z = await published(zone);
  if (!z) {
    note(`the emulator serves no zone ${zone}`);
    return;
  }
  note(`zone ${zone}, serial ${z.serial} — published records in the emulator:`);
  const rows = [...z.records].sort((a, b) => a.fqdn.localeCompare(b.fqdn) || a.record_type.localeCompare(b.record_type));
  for (const r of rows) {
    const line = `${r.fqdn.padEnd(28)} ${String(r.ttl).padStart(5)}  ${r.record_type.padEnd(5)} ${rdataText(r.rdata)}`;
    note(`  ${r.fqdn === highlightFqdn ? bold(`${line}   ◀`) : line}`);
  }
}

/** One call to the DynECT REST API with a session of our own, as another tool or a person would. */
async function rest(method, path, token, body) {
  const res = await fetch(`${emulator.url}/REST/${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { "Auth-Token": token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (json.status !== "success") throw new Error(`${method} /REST/${path}: ${json.msgs?.map((m) => m.INFO).join("; ")}`);
  return json.data;
}

async function changeBehindPulumisBack(zone, fqdn, newTarget) {
  const login = await rest("POST", "Session/", undefined, {
    customer_name: ACCOUNT.customer,
    user_name: ACCOUNT.user,
    password: ACCOUNT.password,
  });
  const token = login.token;
  try {
    const records = await rest("GET", `CNAMERecord/${zone}/${fqdn}/?detail=Y`, token);
    const id = records[0].record_id;
    await rest("PUT", `CNAMERecord/${zone}/${fqdn}/${id}/`, token, { rdata: { cname: newTarget }, ttl: 60 });
    await rest("PUT", `Zone/${zone}/`, token, { publish: true, notes: "manual change outside Pulumi" });
  } finally {
    await rest("DELETE", "Session/", token);
  }
}

// ── the demo ──────────────────────────────────────────────────────────────────────────────────────
async function main() {
  if (!existsSync(join(root, "node_modules", "@pulumi", "pulumi")) || !existsSync(join(root, "node_modules", "typescript"))) {
    step("Install the dependencies", "node_modules is missing: npm ci installs exactly what package-lock.json pins.");
    await run("npm", ["ci", "--no-audit", "--no-fund"]);
  }

  step("Build pulumi-dyn", "TypeScript → CommonJS in dist/.");
  // --skip-build: for the test suite, which has just built dist/ (rewriting it while other tests read it is racy).
  if (process.argv.includes("--skip-build")) note("skipped (--skip-build): using the existing dist/");
  else await run("npm", ["run", "--silent", "build"]);

  step("Make the Pulumi CLI available", "scripts/setup-pulumi.sh uses a pulumi already installed, else builds one from Go modules into .tools/bin (minutes the first time, seconds after).");
  const setupOut = await run("bash", [join(root, "scripts", "setup-pulumi.sh")], { capture: true });
  const binDir = setupOut.trim().split("\n").pop();
  const env = {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH}`,
    PULUMI_HOME: join(stateDir, "home"),
    PULUMI_BACKEND_URL: `file://${join(stateDir, "backend")}`,
    // The passphrase secrets provider encrypts dyn:password in the stack file and in state. A fixed
    // passphrase is fine for a throw-away local demo stack; real stacks use their own.
    PULUMI_CONFIG_PASSPHRASE: "pulumi-dyn-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
  const pulumiVersion = (await run("pulumi", ["version"], { env, capture: true })).trim();
  note(`pulumi ${pulumiVersion} from ${binDir}`);

  step("Install pulumi-dyn into a fresh Pulumi project", `npm pack, then npm install of the tarball in ${shown(projectDir)} — exactly what \`npm install pulumi-dyn\` gives a user. The project is the repository's Pulumi.yaml + index.js.`);
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const packJson = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], { capture: true });
  const tarball = join(packDir, JSON.parse(packJson.slice(packJson.indexOf("[")))[0].filename);
  mkdirSync(projectDir, { recursive: true });
  for (const f of ["Pulumi.yaml", "index.js"]) copyFileSync(join(root, f), join(projectDir, f));
  const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  writeFileSync(
    join(projectDir, "package.json"),
    JSON.stringify(
      {
        name: "dyn-demo",
        private: true,
        main: "index.js",
        dependencies: { "@pulumi/pulumi": rootPkg.devDependencies["@pulumi/pulumi"], "pulumi-dyn": `file:${tarball}` },
      },
      null,
      2,
    ) + "\n",
  );
  // A re-packed tarball has the same name and version: drop the old copy so npm takes the new one.
  rmSync(join(projectDir, "package-lock.json"), { force: true });
  rmSync(join(projectDir, "node_modules", "pulumi-dyn"), { recursive: true, force: true });
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: projectDir });
  const projectRequire = createRequire(join(projectDir, "package.json"));

  step("Start the DynECT emulator", "The package's embedded emulator (pulumi-dyn/emulator) serves the DynECT REST API on 127.0.0.1; a demo account with a random password.");
  const { startEmulator } = projectRequire("pulumi-dyn/emulator");
  emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
  note(`listening on ${emulator.url} — customer "${ACCOUNT.customer}", user "${ACCOUNT.user}", password: (random, kept secret)`);

  step("Create a local stack with the credentials in stack config", `Local file backend in ${shown(stateDir)} (fresh each run); the password is set with --secret, so it is stored encrypted.`);
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(join(stateDir, "backend"), { recursive: true });
  const pulumi = (args, opts = {}) => run("pulumi", [...args, "--non-interactive"], { cwd: projectDir, env, ...opts });
  await pulumi(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
  await pulumi(["config", "set", "dyn:customerName", ACCOUNT.customer]);
  await pulumi(["config", "set", "dyn:username", ACCOUNT.user]);
  // The password goes through stdin, never on a command line or in the output.
  await new Promise((resolve, reject) => {
    console.log(dim("   $ pulumi config set --secret dyn:password   (value read from stdin)"));
    const child = spawn("pulumi", ["config", "set", "--secret", "dyn:password", "--non-interactive"], { cwd: projectDir, env, stdio: ["pipe", "inherit", "inherit"] });
    children.add(child);
    child.on("error", reject);
    child.on("close", (code) => (children.delete(child), code === 0 ? resolve() : reject(new Error("pulumi config set --secret failed"))));
    child.stdin.end(ACCOUNT.password);
  });
  await pulumi(["config", "set", "dyn:apiUrl", emulator.url]);
  const zone = (await pulumi(["config", "get", "zone"], { capture: true }).catch(() => "")).trim() || "example.com";
  await pulumi(["config"]);

  step("pulumi up", `Creates zone ${zone} and its records (apex A/AAAA, www CNAME, MX, SPF TXT, CAA, SRV), and publishes them.`);
  await pulumi(["up", "--yes"]);
  await pulumi(["stack", "output", "--json"]);
  await showZone(zone);
  const created = await published(zone);
  if (!created) throw new Error(`zone ${zone} is not published after pulumi up`);
  const own = created.records.filter((r) => r.record_type !== "SOA" && r.record_type !== "NS").length;
  ok(`zone ${zone} is live in DynECT with the ${own} declared records, plus DynECT's own SOA and NS (serial ${created.serial})`);

  const www = `www.${zone}`;
  step("Change a record behind Pulumi's back", `Someone logs in to DynECT with their own session and points ${www} somewhere else (TTL 60), then publishes.`);
  await changeBehindPulumisBack(zone, www, "parked.example.net");
  await showZone(zone, www);
  ok(`DynECT now serves ${www} → parked.example.net; Pulumi's state still says ${www} → ${zone}`);

  step("pulumi refresh", "Pulumi reads the live records: the www record shows as changed (~) — that is the drift.");
  await pulumi(["refresh", "--yes", "--diff"]);
  ok("Pulumi's state now holds the live value (the ~ lines above are the drift); the program still declares the original");

  step("pulumi up", "The program still declares the original www record: Pulumi updates it in place (no replace) and publishes.");
  await pulumi(["up", "--yes", "--diff"]);
  await showZone(zone, www);
  const wwwNow = (await published(zone))?.records.find((r) => r.fqdn === www && r.record_type === "CNAME");
  if (wwwNow?.rdata.cname !== `${zone}.`) throw new Error(`${www} was not corrected: ${JSON.stringify(wwwNow)}`);
  ok(`${www} → ${wwwNow.rdata.cname} again (TTL ${wwwNow.ttl}): the drift is corrected`);

  step("pulumi preview --expect-no-changes", "Live state, Pulumi state and the program agree again.");
  await pulumi(["preview", "--expect-no-changes"]);
  ok("no changes");

  const m = emulator.control.metrics();
  note(`emulator saw ${m.requestsTotal} API requests, ${m.logins} logins (one per provider process, plus ours), ${m.publishesTotal} publishes, ${m.jobRunningReplies} "job running" replies`);

  step("pulumi destroy", "Removes the zone and every record; the emulator serves nothing any more.");
  await pulumi(["destroy", "--yes"]);
  await showZone(zone);
  if (await published(zone)) throw new Error(`zone ${zone} still exists after pulumi destroy`);
  ok(`zone ${zone} is gone`);

  console.log(`\n${bold("Demo finished.")} The stack's state is kept in ${shown(stateDir)} (its backend) — the emulator is stopped and nothing is left running.`);
}

main().then(
  () => shutdown(0),
  (err) => {
    console.error(`\n✖ demo failed: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown(1);
  },
);
