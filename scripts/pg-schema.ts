/**
 * One source of the models: prisma/schema.prisma (SQLite, the embedded default). The PostgreSQL schema is
 * generated from it — same models, its own provider, client and migrations — and `--check` (in `npm run lint`)
 * fails when the committed copy is out of date. Run `npm run db:pg-schema` after changing the models.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgresql/schema.prisma";

export function postgresSchema(sqlite: string): string {
  const out = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = env("DATABASE_URL")')
    .replace(/output(\s*)=\s*"\.\.\/src\/generated\/prisma"/, 'output$1= "../../src/generated/prisma-pg"')
    .replace(/^\/\/ Enumerations are strings \(SQLite has no enums\)/m, "// Enumerations are strings (as on SQLite)")
    // the query layer's table types (src/generated/kysely/tables.ts), one set for both providers
    .replace(
      /^(datasource db \{)/m,
      'generator kysely {\n  provider = "prisma-kysely"\n  output   = "../../src/generated/kysely"\n  fileName = "tables.ts"\n}\n\n$1',
    );
  if (out === sqlite || !out.includes('provider = "postgresql"') || !out.includes("prisma-pg"))
    throw new Error(`${SOURCE}: its datasource or generator has changed shape`);
  return `// GENERATED from ../schema.prisma by scripts/pg-schema.ts — do not edit; run \`npm run db:pg-schema\`.\n${out}`;
}

const want = postgresSchema(readFileSync(SOURCE, "utf8"));
if (process.argv.includes("--check")) {
  const have = existsSync(TARGET) ? readFileSync(TARGET, "utf8") : "";
  if (have !== want) {
    console.error(`${TARGET} is out of date with ${SOURCE}: run npm run db:pg-schema (and add a PostgreSQL migration)`);
    process.exit(1);
  }
  console.log(`${TARGET} is up to date`);
} else {
  writeFileSync(TARGET, want);
  console.log(`wrote ${TARGET}`);
}
