/** Error helpers of the resource layer. Messages never contain credentials (the SDK's don't either). */
import { isDynError } from "../sdk";

export function isNotFound(error: unknown): boolean {
  return isDynError(error, "NOT_FOUND");
}

/** `what`: e.g. "creating record www.example.com A". Keeps the original as `cause`. */
export function withContext(what: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new Error(`${what}: ${message}`, { cause: error });
  return wrapped;
}

/**
 * An error that tells the engine the object exists although the operation failed, so Pulumi keeps
 * it in state instead of leaking it (notes §1, ErrorResourceInitFailed).
 */
export function initFailed(error: Error, id: string, properties: Record<string, unknown>): Error {
  return Object.assign(error, { id, properties, reasons: [error.message] });
}

/**
 * A change refused because of its own data before anything was written (a conflict found by a
 * read, an object that is gone): it fails alone, the rest of its zone's batch goes on.
 */
export class ChangeRefusedError extends Error {
  override readonly name: string = "ChangeRefusedError";
}

/** Thrown when the declared object already exists and `adopt` is not set. */
export class AlreadyExistsError extends ChangeRefusedError {
  override readonly name = "AlreadyExistsError";
}

/**
 * What `read` answers for an object that is not there: gone (`{}`: a refresh drops it from state),
 * unless nothing is known of it yet — the first read of a `get()` reference — which fails instead:
 * the engine would otherwise keep a reference with empty outputs and no error.
 */
export function gone<T extends object>(props: Record<string, unknown>, what: string, id: string): T {
  if (Object.keys(props).length > 0) return {} as T;
  const error = new ChangeRefusedError(`${what} does not exist in the Dyn account — get() needs the id of an existing object (got "${id}")`);
  // The host prints a failed read's stack to the user; for a wrong id, frames are only noise.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
