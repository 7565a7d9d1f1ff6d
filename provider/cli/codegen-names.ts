/** Names in a program `pulumi-dyn generate` writes: Pulumi logical names and TypeScript variables, each unique. */

/** A TypeScript identifier from any text: `gen-zr.example` → `genZrExample`. */
export function camel(text: string, fallback: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join("");
  return /^[0-9]/.test(id) ? `${fallback[0]}${id}` : id || fallback;
}

/** A logical name from any text: `WWW geo (hand-made)` → `www-geo-hand-made`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "apex";
}

/** Unique names within one program: a second `base` becomes `base-2` (or `base_` for variables). */
export class Names {
  readonly #used = new Set<string>();
  constructor(private readonly variables = false) {}
  take(base: string): string {
    let name = base;
    for (let i = 2; this.#used.has(name); i++) name = this.variables ? `${name}_` : `${base}-${i}`;
    this.#used.add(name);
    return name;
  }
}
