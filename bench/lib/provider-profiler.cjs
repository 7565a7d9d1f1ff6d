"use strict";
// Preloaded (NODE_OPTIONS=--require) into the node processes of a `bench --profile` run; acts only
// in the dynamic-provider host. Node 20 refuses --cpu-prof in NODE_OPTIONS, so the V8 profiler is
// driven through node:inspector instead and its profile written as
// $BENCH_CPU_PROFILE_DIR/provider.<pid>.cpuprofile when the process ends. The engine ends the
// provider with SIGINT (pulumi-dynamic-notes §2: SIGINT, 5 s, SIGKILL), which would kill it
// without writing anything: the signal becomes a normal exit one second later, which leaves
// pulumi-dyn's own logout-on-signal handler (provider/sdk/shutdown.ts) time to finish.
const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir && (process.argv[1] || "").includes("dynamic-provider")) {
  const fs = require("node:fs");
  const path = require("node:path");
  const inspector = require("node:inspector");
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  let written = false;
  // an in-thread inspector session answers synchronously, so this also works in an "exit" listener
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `provider.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () =>
      setTimeout(() => {
        write();
        process.exit(0);
      }, 1000),
    );
  }
}
