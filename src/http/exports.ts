import type { FastifyInstance } from "fastify";
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

const FILE = /^(reports|orders|complaints|callbacks)\.(xlsx|csv)$/;
const TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" };

/**
 * GET /api/exports/<register>.xlsx|.csv with the board's filters (a filtered board exports what it shows; orders and
 * callbacks are those of the tickets it shows). Streamed a chunk at a time.
 */
export function exportRoutes(api: FastifyInstance, deps: { registers: RegisterStore; properties: PropertyDirectory; clock: Clock }) {
  api.get<{ Params: { file: string } }>("/api/exports/:file", async (req, reply) => {
    const m = FILE.exec(req.params.file);
    if (!m)
      return sendError(
        reply,
        404,
        "no_such_register",
        `no register ${req.params.file.slice(0, 40)}; there are ${REGISTERS.map((r) => `${r}.xlsx|.csv`).join(", ")}`,
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
    reply
      .header("content-type", TYPES[format])
      .header("content-disposition", `attachment; filename="${register}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header("cache-control", "no-store");
    return reply.send((format === "xlsx" ? xlsx : csv)({ title: sheet.title, caption, columns: sheet.columns }, rows, ctx, onError));
  });
}
