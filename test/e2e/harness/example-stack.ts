/**
 * A shipped Pulumi program (its Pulumi.yaml and index.js) copied into a work directory, run with the
 * packed install's node_modules exactly as a user's project would be, with a `dev` stack whose
 * `dyn:` config points at the emulator (the password set with `--secret`).
 */
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { PulumiWorkspace } from "./pulumi-cli";

export interface StackAccount {
  customer: string;
  user: string;
  password: string;
}

export async function exampleStack(opts: { source: string; work: string; binDir: string; installed: string; apiUrl: string; account: StackAccount }): Promise<PulumiWorkspace> {
  const projectDir = join(opts.work, "project");
  rmSync(opts.work, { recursive: true, force: true });
  mkdirSync(projectDir, { recursive: true });
  for (const f of ["Pulumi.yaml", "index.js"]) copyFileSync(join(opts.source, f), join(projectDir, f));
  symlinkSync(join(opts.installed, "node_modules"), join(projectDir, "node_modules"), "dir");
  const ws = new PulumiWorkspace(projectDir, opts.work, opts.binDir, "dev");
  await ws.initStack(opts.account, opts.apiUrl);
  return ws;
}
