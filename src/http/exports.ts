import type { FastifyInstance, FastifyReply } from "fastify";
import { seesFullPhones } from "../core/access/access.js";
import type { Clock } from "../core/policy/clock.js";
import { startOfDay } from "../core/policy/zoned.js";
import { boardFilter, boardQuery } from "../console/board-page.js";
import type { PropertyDirectory } from "../db/properties.js";
import { REGISTERS, type Register, type RegisterStore } from "../db/register-store.js";
import { allowed } from "./auth.js";
import { parseOr400, sendError } from "./errors.js";
import { REGISTER_SHEETS } from "./export/registers.js";
import { csv, xlsx } from "./export/writers.js";
import { statsTables } from "./export/stats-tables.js";
import type { StatsOffice } from "../core/statistics/stats-office.js";
import { askedStats } from "./stats.js";

const FILE = /^(reports|orders|complaints|callbacks)\.(xlsx|csv)$/;
const TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" };

/**
 * GET /api/exports/<register>.xlsx|.csv with the board's filters (a filtered board exports what it shows; orders and
 * callbacks are those of the tickets it shows), streamed a chunk at a time; and statistics.xlsx|.csv, the statistics
 * page's tables for the same period query as /api/stats.
 */
export function exportRoutes(api: FastifyInstance, deps: { registers: RegisterStore; properties: PropertyDirectory; clock: Clock; stats: StatsOffice }) {
  const download = (reply: FastifyReply, format: "xlsx" | "csv", file: string, name: string) =>
    reply
      .header("content-type", TYPES[format])
      .header("content-disposition", `attachment; filename="${file}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header("cache-control", "no-store");

  api.get("/api/exports/statistics.:format", async (req, reply) => {
    const format = (req.params as { format: string }).format;
    if (format !== "xlsx" && format !== "csv") return sendError(reply, 404, "no_such_register", "statistics come as .xlsx or .csv");
    const asked = await askedStats(req, reply, deps);
    if (!asked) return reply;
    const s = asked.stats;
    const tables = statsTables(s, asked.property ? deps.properties.get(asked.property).name : "全部项目");
    const { key, zone } = s.period;
    const onError = (err: unknown) => req.log.error({ err: String(err), register: "statistics" }, "export failed midway");
    download(reply, format, "statistics", `统计报表-${key}.${format}`);
    return reply.send((format === "xlsx" ? xlsx : csv)(tables, { zone, fullPhone: false }, onError));
  });

  api.get<{ Params: { file: string } }>("/api/exports/:file", async (req, reply) => {
    const m = FILE.exec(req.params.file);
    if (!m)
      return sendError(
        reply,
        404,
        "no_such_register",
        `no register ${req.params.file.slice(0, 40)}; there are ${[...REGISTERS, "statistics"].map((r) => `${r}.xlsx|.csv`).join(", ")}`,
      );
    if (!allowed(req, reply, "statistics")) return reply;
    const q = parseOr400(boardQuery, { status: "all", ...(req.query as object) }, reply);
    if (!q) return reply;
    if (q.property && !allowed(req, reply, "statistics", q.property)) return reply;
    const register = m[1] as Register;
    const format = m[2] as "xlsx" | "csv";
    const who = req.principal!;
    const home = q.property ?? (who.properties === "all" ? undefined : who.properties[0]);
    const property = deps.properties.get(home);
    const zone = property.policy.timezone;
    const f = { ...boardFilter(q, who, zone), pageSize: 0, page: 1 };
    const now = deps.clock.now();
    const sheet = REGISTER_SHEETS[register];
    const span = q.from || q.to ? `${q.from ?? "…"} 至 ${q.to ?? "…"}` : "全部日期";
    const caption = `《${sheet.title}》 ${q.property ? property.name : "全部项目"} · ${span} · 时间为 ${zone}`;
    const rows = deps.registers.rows(register, f, now, startOfDay(now, zone));
    const ctx = { zone, fullPhone: seesFullPhones(who) };
    const onError = (err: unknown) => req.log.error({ err: String(err), register }, "export failed midway");
    const name = `${sheet.title}-${q.from ?? ""}${q.to ? `_${q.to}` : ""}.${format}`.replace("-.", ".");
    download(reply, format, register, name);
    return reply.send((format === "xlsx" ? xlsx : csv)([{ title: sheet.title, caption, columns: sheet.columns, rows }], ctx, onError));
  });
}
