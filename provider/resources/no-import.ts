/**
 * `pulumi import` and the `import:` resource option cannot work for dynamic-provider resources
 * (pulumi/pulumi#16175): the engine's ImportStep reads the object with neither inputs nor state, so
 * the read carries no serialized provider (`__provider`) and the host fails before any pulumi-dyn
 * code runs. The CLI command cannot be intercepted; the option can: each class refuses it at
 * construction with the one sentence that says what to do instead.
 */
import * as pulumi from "@pulumi/pulumi";

/** The README section on taking over existing DNS, where npm shows the README. */
export const IMPORT_HELP_URL = "https://www.npmjs.com/package/pulumi-dyn#importing-existing-dns";

/** The one sentence a user reads when trying to import a pulumi-dyn resource. */
export function importUnsupported(type: string, name: string): string {
  return (
    `dyn.${type} "${name}" cannot be imported — Pulumi cannot import dynamic-provider resources (pulumi/pulumi#16175): ` +
    `declare the existing object with adopt: true instead of the import option (or generate the program from live DNS with ` +
    `\`npx pulumi-dyn generate\`); see ${IMPORT_HELP_URL}`
  );
}

/**
 * Throws the sentence when `opts.import` is set, as a RunError: Pulumi prints its message alone,
 * without the program's stack trace.
 */
export function refuseImport(type: string, name: string, opts: pulumi.CustomResourceOptions | undefined): void {
  if (opts?.import !== undefined) throw new pulumi.RunError(importUnsupported(type, name));
}
