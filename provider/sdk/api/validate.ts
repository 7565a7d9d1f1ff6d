/** Client-side input checks ("zod in"): fail before the network with the field named. */
import type { z } from "zod";
import { InvalidDataError, formatMessage, type DynCall } from "../errors";

export function checkInput<T>(schema: z.ZodType<T>, value: unknown, what: string, call: DynCall): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : undefined;
  const detail = issue ? `${field ? `${field}: ` : ""}${issue.message}` : "invalid input";
  throw new InvalidDataError(formatMessage(`Invalid ${what}`, call, [detail]), { call, field });
}
