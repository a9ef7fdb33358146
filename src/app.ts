import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands, engineTexts, flows, inputTexts, roles, staffWords } from "../conversations/index.js";
import { StaffDesk } from "./core/staff-desk.js";
import type { Clock } from "./core/clock.js";
import { ConversationEngine } from "./core/flow/engine.js";
import { Intake } from "./core/intake.js";
import { openDatabase } from "./db/client.js";
import { SqliteConversationStore } from "./db/conversation-store.js";
import { SqliteHotPath } from "./db/hot-path.js";
import { migrate } from "./db/migrate.js";
import { ensureDemoProperty, PropertyDirectory } from "./db/properties.js";
import { buildServer } from "./http/server.js";
import type { AppLogger } from "./log.js";
import type { Config } from "./config.js";

/** prisma/migrations beside src/ (tsx) or beside dist/ (compiled). */
const MIGRATIONS = ["../prisma/migrations", "../../prisma/migrations"]
  .map((p) => fileURLToPath(new URL(p, import.meta.url)))
  .find((p) => existsSync(p))!;

/** Builds everything the service is, in order; nothing starts listening here. */
export async function createApp(config: Config, deps: { clock: Clock; log: AppLogger; migrationsDir?: string }) {
  const { log, clock } = deps;
  const db = await openDatabase(config.DATABASE_URL);
  const applied = await migrate(db, deps.migrationsDir ?? MIGRATIONS);
  if (applied.length) log.info({ migrations: applied }, "database migrated");
  if (config.DEMO_PROPERTY && (await ensureDemoProperty(db, config.DEFAULT_PROPERTY))) {
    log.info({ property: config.DEFAULT_PROPERTY }, "demo property 阳光花园 created");
  }
  const properties = await PropertyDirectory.load(db, config.DEFAULT_PROPERTY);
  const hot = new SqliteHotPath(config.DATABASE_URL.replace(/^file:/, ""));
  const store = new SqliteConversationStore(db, hot);
  const engine = new ConversationEngine(flows, commands, engineTexts, roles);
  const intake = new Intake({
    store,
    properties,
    engine,
    clock,
    log,
    texts: inputTexts,
    inlineChannels: new Set(["web"]),
    maxTextLength: config.MAX_MESSAGE_LENGTH,
    staff: new StaffDesk(store, staffWords),
  });
  const server = buildServer({
    db,
    intake,
    properties,
    adminToken: config.ADMIN_TOKEN,
    log,
    staff: { clock, bindCodeTtl: config.BIND_CODE_TTL, defaultProperty: config.DEFAULT_PROPERTY },
  });
  return {
    db,
    intake,
    store,
    server,
    async close() {
      await server.close();
      hot.close();
      await db.$disconnect();
    },
  };
}
export type App = Awaited<ReturnType<typeof createApp>>;
