/**
 * Records every session token the in-process emulator issues, so the secrets check can search
 * all output and state for each of them (the control API does not expose tokens).
 */
import { Sessions } from "../../../provider/emulator/sessions";

const issued = new Set<string>();
let installed = false;

export function spyOnIssuedTokens(): Set<string> {
  if (!installed) {
    installed = true;
    const original = Sessions.prototype.create;
    Sessions.prototype.create = function (this: Sessions, ...args: Parameters<Sessions["create"]>) {
      const session = original.apply(this, args);
      issued.add(session.token);
      return session;
    };
  }
  return issued;
}
