/** Marks instances of our classes so `isInstance` works across copies of the package. */
const BRAND = Symbol.for("pulumi-dyn:resource");

export function setBrand(resource: object, type: string): void {
  Object.defineProperty(resource, BRAND, { value: type, enumerable: false });
}

export function hasBrand(obj: unknown, type: string): boolean {
  return typeof obj === "object" && obj !== null && (obj as Record<symbol, unknown>)[BRAND] === type;
}
