/**
 * Drives the real @pulumi/pulumi dynamic-provider host over gRPC, the way the engine does
 * (pulumi-dynamic-notes §5b): the host runs as a child process in a project directory where
 * pulumi-dyn is installed from its tarball, and every request carries the `__provider` text that
 * `dynamic.Resource` serialized for our classes in that same install.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";

export type Kind = "zone" | "record" | "recordSet" | "zoneRecords" | "trafficDirector" | "trafficDirectorMonitor";
export const TYPE_OF: Record<Kind, string> = {
  zone: "Zone",
  record: "Record",
  recordSet: "RecordSet",
  zoneRecords: "ZoneRecords",
  trafficDirector: "TrafficDirector",
  trafficDirectorMonitor: "TrafficDirectorMonitor",
};
type Props = Record<string, unknown>;

/** The secret wrapper the engine uses for secret config values and properties. */
export function secret(value: string): Props {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

const SERIALIZE_SCRIPT = `
const pulumi = require("@pulumi/pulumi");
const dyn = require("pulumi-dyn");
const out = {};
pulumi.runtime.setMocks({
  newResource(args) { out[args.type] = args.inputs.__provider; return { id: args.name + "-id", state: args.inputs }; },
  call() { return {}; },
}, "dyntest", "test", false);
new dyn.Zone("z", { name: "example.com", contact: "hostmaster@example.com" });
new dyn.Record("r", { zone: "example.com", name: "www", type: "A", rdata: { address: "192.0.2.1" } });
new dyn.RecordSet("s", { zone: "example.com", name: "www", type: "A", records: [{ address: "192.0.2.1" }] });
new dyn.ZoneRecords("zr", { zone: "example.com", records: [{ name: "www", type: "A", rdata: { address: "192.0.2.1" } }] });
new dyn.TrafficDirector("td", { nodes: [{ zone: "example.com", name: "www" }], pools: { p: { chains: [{ recordSets: [{ type: "A", records: [{ rdata: { address: "192.0.2.1" } }] }] }] } }, rules: [{ pools: ["p"] }] });
new dyn.TrafficDirectorMonitor("tdm", { label: "m", protocol: "HTTPS" });
const started = Date.now();
(function wait() {
  if (Object.keys(out).length === 6) { process.stdout.write(JSON.stringify(out)); process.exit(0); }
  if (Date.now() - started > 20000) { console.error("timed out waiting for the mocks"); process.exit(1); }
  setTimeout(wait, 20);
})();
`;

/**
 * The `__provider` text of each kind, serialized by `dynamic.Resource` itself (under mocks) in a
 * child node process inside the project, so `require("pulumi-dyn")` resolves to the installed copy.
 */
export function serializedShims(projectDir: string): Record<Kind, string> {
  const res = spawnSync(process.execPath, ["-e", SERIALIZE_SCRIPT], { cwd: projectDir, encoding: "utf8", timeout: 60_000 });
  if (res.status !== 0) throw new Error(`serializing the shims failed: ${res.stderr}`);
  const byType = JSON.parse(res.stdout) as Record<string, string>;
  const get = (kind: Kind) => {
    const text = byType[`pulumi-nodejs:dynamic/dyn:${TYPE_OF[kind]}`];
    if (typeof text !== "string") throw new Error(`no serialized provider for ${kind}: ${res.stdout}`);
    return text;
  };
  return {
    zone: get("zone"),
    record: get("record"),
    recordSet: get("recordSet"),
    zoneRecords: get("zoneRecords"),
    trafficDirector: get("trafficDirector"),
    trafficDirectorMonitor: get("trafficDirectorMonitor"),
  };
}

/**
 * A create (or update) that failed after the object came to exist: the engine's
 * ErrorResourceInitFailed, whose id and properties it stores as the resource's state.
 */
export class InitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

export interface DiffReply {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface HostOptions {
  project?: string;
  stack?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * How many resource operations this harness runs at once, told to the provider as the engine's
   * `--parallel` would be (PULUMI_PARALLEL). Default: unbounded — tests send as many calls at once
   * as they like, like `pulumi up --parallel 2147483647`.
   */
  parallel?: number;
}

interface HostProcess {
  child: ChildProcess;
  client: any;
}

/**
 * A running dynamic-provider host and a client for it. Close it in `after`. Like the engine, which
 * starts one provider process per deployment (pulumi-dynamic-notes §2), a test starts the next
 * deployment with `newDeployment()`: a fresh process, configured again with the same stack config.
 */
export class ProviderHost {
  readonly stderr: string[] = [];
  private proc: HostProcess;
  private lastConfig: Props | undefined;
  private constructor(
    proc: HostProcess,
    private readonly pb: any,
    private readonly structpb: any,
    private readonly statuspb: any,
    readonly shims: Record<Kind, string>,
    readonly project: string,
    readonly stack: string,
    private readonly projectDir: string,
    private readonly opts: HostOptions,
  ) {
    this.proc = proc;
    this.listen(proc);
  }

  private get client(): any {
    return this.proc.client;
  }

  private listen(proc: HostProcess): void {
    proc.child.stderr?.on("data", (d: Buffer) => this.stderr.push(d.toString()));
  }

  static async start(projectDir: string, shims: Record<Kind, string>, opts: HostOptions = {}): Promise<ProviderHost> {
    const req = createRequire(join(projectDir, "node_modules", "@pulumi", "pulumi", "proto", "provider_grpc_pb.js"));
    const pb = req("./provider_pb.js");
    const structpb = req("google-protobuf/google/protobuf/struct_pb.js");
    const statuspb = req("./status_pb.js");
    const proc = await spawnHost(projectDir, opts);
    return new ProviderHost(proc, pb, structpb, statuspb, shims, opts.project ?? "dyntest", opts.stack ?? "test", projectDir, opts);
  }

  /** Ends this deployment's provider process and starts the next one (configured as before). */
  async newDeployment(): Promise<void> {
    await stopHost(this.proc);
    this.proc = await spawnHost(this.projectDir, this.opts);
    this.listen(this.proc);
    if (this.lastConfig) await this.configure(this.lastConfig);
  }

  /** Stops the host the way the engine does: SIGINT, then SIGKILL after 5 s. */
  async close(): Promise<void> {
    await stopHost(this.proc);
  }

  urn(kind: Kind, name: string): string {
    return `urn:pulumi:${this.stack}::${this.project}::pulumi-nodejs:dynamic/dyn:${TYPE_OF[kind]}::${name}`;
  }

  private struct(value: Props): unknown {
    return this.structpb.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
  }

  private withProvider(kind: Kind, props: Props): Props {
    return { ...props, __provider: this.shims[kind] };
  }

  private rpc<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](request, (err: (Error & { metadata?: any }) | null, reply: T) => (err ? reject(this.initFailed(err) ?? err) : resolve(reply)));
    });
  }

  /** The ErrorResourceInitFailed packed into a gRPC error's status details, as the engine reads it. */
  private initFailed(err: Error & { metadata?: any }): InitFailedError | undefined {
    const bin = err.metadata?.get?.("grpc-status-details-bin")?.[0];
    if (!bin) return undefined;
    const status = this.statuspb.Status.deserializeBinary(new Uint8Array(bin));
    for (const any of status.getDetailsList()) {
      if (!String(any.getTypeUrl()).endsWith("pulumirpc.ErrorResourceInitFailed")) continue;
      const detail = this.pb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return new InitFailedError(err.message, detail.getId(), detail.getProperties()?.toJavaScript() ?? {}, detail.getReasonsList());
    }
    return undefined;
  }

  /** Stack config as the engine sends it: namespaced keys, secrets wrapped. */
  async configure(config: Props): Promise<void> {
    this.lastConfig = config;
    const req = new this.pb.ConfigureRequest();
    req.setArgs(this.struct(config));
    await this.rpc("configure", req);
  }

  /**
   * `olds`: the old inputs as stored (check's result, with its `__provider`); `news`: the program's
   * arguments, to which `dynamic.Resource` adds `__provider`.
   */
  async check(kind: Kind, name: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new this.pb.CheckRequest();
    req.setUrn(this.urn(kind, name));
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(this.withProvider(kind, news)));
    const reply: any = await this.rpc("check", req);
    return {
      inputs: reply.getInputs().toJavaScript(),
      failures: reply.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** `oldOutputs` exactly as stored (like every state argument below: nothing is re-attached, as the engine sends it). */
  async diff(kind: Kind, name: string, id: string, oldOutputs: Props, news: Props): Promise<DiffReply> {
    const req = new this.pb.DiffRequest();
    req.setId(id);
    req.setUrn(this.urn(kind, name));
    req.setOlds(this.struct(oldOutputs));
    req.setNews(this.struct(this.withProvider(kind, news)));
    const reply: any = await this.rpc("diff", req);
    const changes = reply.getChanges();
    const C = this.pb.DiffResponse.DiffChanges;
    return {
      changes: changes === C.DIFF_SOME ? "some" : changes === C.DIFF_NONE ? "none" : "unknown",
      replaces: reply.getReplacesList(),
      deleteBeforeReplace: reply.getDeletebeforereplace(),
    };
  }

  async create(kind: Kind, name: string, inputs: Props): Promise<{ id: string; outputs: Props }> {
    const req = new this.pb.CreateRequest();
    req.setUrn(this.urn(kind, name));
    req.setProperties(this.struct(this.withProvider(kind, inputs)));
    const reply: any = await this.rpc("create", req);
    return { id: reply.getId(), outputs: reply.getProperties().toJavaScript() };
  }

  /** A refresh: the stored outputs and inputs as they are. */
  async read(kind: Kind, name: string, id: string, outputs: Props, inputs: Props = {}): Promise<{ id: string; outputs: Props; inputs?: Props }> {
    const req = new this.pb.ReadRequest();
    req.setId(id);
    req.setUrn(this.urn(kind, name));
    req.setProperties(this.struct(outputs));
    req.setInputs(this.struct(inputs));
    const reply: any = await this.rpc("read", req);
    return { id: reply.getId(), outputs: reply.getProperties()?.toJavaScript() ?? {}, inputs: reply.getInputs()?.toJavaScript() };
  }

  /** What `Kind.get(name, id, props)` reads: the program's arguments, to which `dynamic.Resource` adds `__provider`. */
  get(kind: Kind, name: string, id: string, props: Props = {}): Promise<{ id: string; outputs: Props; inputs?: Props }> {
    return this.read(kind, name, id, this.withProvider(kind, props), {});
  }

  async update(kind: Kind, name: string, id: string, oldOutputs: Props, news: Props): Promise<Props> {
    const req = new this.pb.UpdateRequest();
    req.setId(id);
    req.setUrn(this.urn(kind, name));
    req.setOlds(this.struct(oldOutputs));
    req.setNews(this.struct(this.withProvider(kind, news)));
    const reply: any = await this.rpc("update", req);
    return reply.getProperties().toJavaScript();
  }

  async delete(kind: Kind, name: string, id: string, outputs: Props): Promise<void> {
    const req = new this.pb.DeleteRequest();
    req.setId(id);
    req.setUrn(this.urn(kind, name));
    req.setProperties(this.struct(outputs));
    await this.rpc("delete", req);
  }

  /** What `pulumi up` does for a new resource: check, then create with the checked inputs. */
  async up(kind: Kind, name: string, args: Props): Promise<{ id: string; inputs: Props; outputs: Props }> {
    const { inputs, failures } = await this.check(kind, name, {}, args);
    if (failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
    const { id, outputs } = await this.create(kind, name, inputs);
    return { id, inputs, outputs };
  }
}

async function spawnHost(projectDir: string, opts: HostOptions): Promise<HostProcess> {
  const project = opts.project ?? "dyntest";
  const hostScript = join(projectDir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
  // The engine passes its own address; the host never dials it, but needs an argument.
  // Like the engine (sdk/go/common/resource/plugin/provider_plugin.go), only the project is given
  // to the provider — never the stack.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_NODEJS_PROJECT: project,
    PULUMI_PROJECT: project,
    PULUMI_PARALLEL: String(opts.parallel ?? 2147483647),
  };
  for (const key of Object.keys(env)) if (key.startsWith("DYN_") || key === "PULUMI_STACK" || key === "PULUMI_NODEJS_STACK") delete env[key];
  Object.assign(env, opts.env);
  const child = spawn(process.execPath, [hostScript, "127.0.0.1:1"], { cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let errText = "";
    child.stderr!.on("data", (d: Buffer) => (errText += d.toString()));
    lines.once("line", (line) => resolve(Number(line.trim())));
    child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${errText}`)));
  });
  const req = createRequire(join(projectDir, "node_modules", "@pulumi", "pulumi", "proto", "provider_grpc_pb.js"));
  const grpc = req("@grpc/grpc-js");
  const services = req("./provider_grpc_pb.js");
  const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return { child, client };
}

/** Stops a host process the way the engine does: SIGINT, then SIGKILL after 5 s. */
async function stopHost({ child, client }: HostProcess): Promise<void> {
  client.close();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Removes `__provider` for comparisons. */
export function plain(props: Props): Props {
  const { __provider: _p, ...rest } = props;
  return rest;
}
