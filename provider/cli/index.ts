#!/usr/bin/env node
/**
 * pulumi-dyn — the package's command line.
 *   pulumi-dyn generate …   a Pulumi program from live DNS (generate.ts)
 */
import { GENERATE_USAGE, generate } from "./generate";

const USAGE = `usage: pulumi-dyn <command>

commands:
  generate   write a Pulumi program (TypeScript) that adopts existing Dyn zones, records and
             Traffic Director services

${GENERATE_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "generate") return generate(rest);
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  console.error(command ? `pulumi-dyn: unknown command "${command}"\n\n${USAGE}` : USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`pulumi-dyn: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
