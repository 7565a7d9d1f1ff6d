import type { Outcome } from "../envelope";
import type { Ctx } from "../context";

export type Handler = (ctx: Ctx) => Outcome;
