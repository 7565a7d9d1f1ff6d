/** The provider object of every `trafficDirector` resource; stored state requires this module by name (forward.ts). */
import { forwardingProvider } from "./forward";

export = forwardingProvider("trafficDirector");
