/** /REST/Session/ — login, verify, keep-alive, logout (§3.1). */
import { ApiError, errorMsg, info, ok, type Outcome } from "../envelope";
import { TEXT } from "../messages";
import { sessionOf, type Ctx } from "../context";

export function login(ctx: Ctx): Outcome {
  const { emu, args } = ctx;
  for (const field of ["customer_name", "user_name", "password"]) {
    if (typeof args[field] !== "string" || args[field] === "") {
      emu.metrics.login(false);
      throw new ApiError(400, [errorMsg("MISSING_DATA", TEXT.loginMissing(field)), info(TEXT.loginFailed)]);
    }
  }
  const customer = args.customer_name as string;
  const user = args.user_name as string;
  if (!emu.checkPassword(customer, user, args.password as string)) {
    emu.metrics.login(false);
    throw new ApiError(400, [errorMsg("INVALID_DATA", TEXT.loginBadCredentials), info(TEXT.loginFailed)]);
  }
  const s = emu.sessions.create(customer, user);
  emu.metrics.login(true);
  return ok({ token: s.token, version: emu.serverVersion }, info(TEXT.loginOk));
}

/** GET: the token is alive (§3.1 "Session Active"); success data is unconfirmed, {} chosen. */
export function verify(_ctx: Ctx): Outcome {
  return ok({}, info(TEXT.sessionActive));
}

/** PUT: keep-alive; the lookup that authenticated this request already refreshed the idle timer. */
export function keepAlive(_ctx: Ctx): Outcome {
  return ok({}, info(TEXT.keepAlive));
}

/** DELETE: logout; the session's unpublished change sets die with it (§3.2). */
export function logout(ctx: Ctx): Outcome {
  ctx.emu.sessions.logout(sessionOf(ctx));
  ctx.emu.metrics.logout();
  return ok({}, info(TEXT.logoutOk));
}
