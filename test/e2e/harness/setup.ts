/**
 * The usual start of an e2e test: the CLI (built once), the packed install, an emulator with one
 * account, a throw-away project and a workspace whose stack is configured for that emulator.
 */
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../../provider/emulator";
import { packedProject } from "../../helpers/packed";
import { createProject } from "./project";
import { ensurePulumiCli, PulumiWorkspace } from "./pulumi-cli";

export interface E2eSetup {
  emulator: RunningEmulator;
  ws: PulumiWorkspace;
  projectDir: string;
}

export async function startE2e(opts: { work: string; account: { customer: string; user: string; password: string }; project: string; stack: string }): Promise<E2eSetup> {
  const [binDir, installed] = await Promise.all([ensurePulumiCli(), packedProject()]);
  const emulator = await startEmulator({ port: 0, accounts: [opts.account] });
  const projectDir = createProject(join(opts.work, "project"), installed, opts.project);
  const ws = new PulumiWorkspace(projectDir, opts.work, binDir, opts.stack);
  await ws.initStack(opts.account, emulator.url);
  return { emulator, ws, projectDir };
}
