import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { systemClock } from "./core/policy/clock.js";
import { createLogger } from "./log.js";
import { PuppetMissingError } from "./adapters/wechat/channel.js";

/** Starts Baoshi: config → logger → database (migrated) → flows → HTTP; stops cleanly on SIGINT/SIGTERM. */
async function main() {
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, timeZone: config.LOG_TIMEZONE });
  const app = await createApp(config, { clock: systemClock, log });
  await app.server.listen({ port: config.PORT, host: config.HOST });
  await app.startChannels();
  await app.startScheduler();
  const shown = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  log.info({ url: `http://${shown}:${config.PORT}/chat` }, "Baoshi is serving; open the web chat at this address");
  if (config.adminTokenGenerated) {
    // printed once, on stdout only, so the operator can call the admin API
    console.log(`ADMIN_TOKEN (generated for this run; set ADMIN_TOKEN to keep one): ${config.ADMIN_TOKEN}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.on("SIGHUP", () => void app.reloadPolicies().catch((err) => log.error({ err: String(err) }, "policy reload failed")));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // `npm start` does not pass a SIGTERM on to the script it runs: when npm goes, the service goes too
  if (process.env.npm_lifecycle_event === "start") {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void stop("npm exited");
    }, 500).unref();
  }
}

main().catch((err) => {
  if (err instanceof PuppetMissingError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`Baoshi could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
