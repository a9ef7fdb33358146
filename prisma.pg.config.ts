// Prisma CLI config for PostgreSQL (the generated prisma/postgresql/schema.prisma): the JavaScript engine and
// the pg adapter, offline like the SQLite one. DATABASE_URL names the server.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/baoshi" });
  },
});
