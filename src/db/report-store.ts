import type { Period } from "../core/policy/periods.js";
import type { OutboxRecord } from "../core/ports.js";
import { OPEN_STATUSES } from "../core/ticket/domain.js";
import { STEPS } from "../core/deadlines/escalation.js";
import { ts, type SqliteHotPath } from "./hot-path.js";
import { placeText } from "./rows.js";

type Row = Record<string, string | number | null>;
const OPEN = `(${OPEN_STATUSES.filter((s) => s !== "completed")
  .map((s) => `'${s}'`)
  .join(", ")})`;
/** a ticket was late if any deadline of it was missed: the sweep wrote an event for each */
const LATE = `EXISTS (SELECT 1 FROM Event e WHERE e.ticketId = t.id AND (e.type LIKE 'deadline.%' OR (e.type = 'ticket.refused' AND json_extract(e.data, '$.timeout') = 1)))`;

export interface DailyDigest {
  day: string;
  received: number;
  completed: number;
  openComplaints: { number: string; place: string | null; description: string; severity: string | null; status: string; today: boolean }[];
  overdue: { number: string; place: string | null; description: string; status: string; steps: string[] }[];
  overdueCallbacks: { number: string; dueAt: string; steward: string | null }[];
}

export interface MonthlyStats {
  month: string;
  received: number;
  invalid: number;
  cancelled: number;
  byCategory: Record<string, number>;
  byNature: Record<string, number>;
  byBuilding: Record<string, number>;
  byChannel: Record<string, number>;
  /** reports with deadlines (not invalid, cancelled or consultations) and those that missed none; target 98 % */
  timeliness: { eligible: number; onTime: number; rate: number | null };
  /** first callbacks of reports completed this month: done at all, and done by their deadline; target 100 % */
  callbacks: { due: number; done: number; onTime: number; rate: number | null };
  satisfaction: { 满意: number; 基本满意: number; 不满意: number; rate: number | null };
  complaints: { total: number; bySeverity: Record<string, number>; byDomain: Record<string, number>; resolved: number; avgHoursToResolve: number | null };
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

/** Daily follow-up and monthly statistics: SQL over the tickets, stored once per property and period. */
export class ReportStore {
  constructor(private readonly hot: SqliteHotPath) {}

  private all(sql: string, ...args: unknown[]): Row[] {
    return this.hot.db.prepare(sql).all(...args) as Row[];
  }
  private one(sql: string, ...args: unknown[]): number {
    return Number(Object.values((this.hot.db.prepare(sql).get(...args) as Row) ?? {})[0] ?? 0);
  }
  private counts(sql: string, ...args: unknown[]): Record<string, number> {
    return Object.fromEntries(this.all(sql, ...args).map((r) => [String(r.k ?? "—"), Number(r.n)]));
  }

  /** the newest period stored of a kind, if any */
  lastPeriod(propertyId: string, kind: string): string | undefined {
    const r = this.hot.db.prepare(`SELECT MAX(period) AS p FROM StoredReport WHERE propertyId = ? AND kind = ?`).get(propertyId, kind) as { p: string | null };
    return r.p ?? undefined;
  }

  daily(propertyId: string, day: Period, now: Date): DailyDigest {
    const [from, to, at] = [ts(day.from), ts(day.to), ts(now)];
    const place = (r: Row) =>
      placeText({
        building: r.building as string | null,
        unit: r.unit as string | null,
        roomNo: r.roomNo as string | null,
        location: r.location as string | null,
      });
    return {
      day: day.key,
      received: this.one(`SELECT COUNT(*) FROM Ticket WHERE propertyId = ? AND receivedAt >= ? AND receivedAt < ?`, propertyId, from, to),
      completed: this.one(`SELECT COUNT(*) FROM Ticket WHERE propertyId = ? AND completedAt >= ? AND completedAt < ?`, propertyId, from, to),
      openComplaints: this.all(
        `SELECT number, building, unit, roomNo, location, description, severity, status, receivedAt FROM Ticket
         WHERE propertyId = ? AND nature = '投诉' AND status IN ${OPEN} AND receivedAt < ? ORDER BY receivedAt`,
        propertyId,
        to,
      ).map((r) => ({
        number: String(r.number),
        place: place(r),
        description: String(r.description),
        severity: r.severity as string | null,
        status: String(r.status),
        today: String(r.receivedAt) >= from,
      })),
      overdue: this.all(
        `SELECT number, building, unit, roomNo, location, description, status, escalations FROM Ticket t
         WHERE propertyId = ? AND status IN ${OPEN} AND ${LATE} ORDER BY receivedAt`,
        propertyId,
      ).map((r) => ({
        number: String(r.number),
        place: place(r),
        description: String(r.description),
        status: String(r.status),
        steps: Object.keys(JSON.parse(String(r.escalations ?? "{}")) as object).filter((k) => (STEPS as readonly string[]).includes(k)),
      })),
      overdueCallbacks: this.all(
        `SELECT t.number, c.dueAt, s.name FROM Callback c JOIN Ticket t ON t.id = c.ticketId LEFT JOIN Staff s ON s.id = c.stewardId
         WHERE t.propertyId = ? AND c.status = 'pending' AND c.dueAt <= ? ORDER BY c.dueAt`,
        propertyId,
        at,
      ).map((r) => ({ number: String(r.number), dueAt: String(r.dueAt), steward: r.name as string | null })),
    };
  }

  monthly(propertyId: string, month: Period): MonthlyStats {
    const [from, to] = [ts(month.from), ts(month.to)];
    const inMonth = `FROM Ticket t WHERE t.propertyId = ? AND t.receivedAt >= ? AND t.receivedAt < ?`;
    const valid = `${inMonth} AND t.status NOT IN ('invalid', 'cancelled')`;
    const eligible = this.one(`SELECT COUNT(*) ${valid} AND t.nature != '咨询'`, propertyId, from, to);
    const late = this.one(`SELECT COUNT(*) ${valid} AND t.nature != '咨询' AND ${LATE}`, propertyId, from, to);
    const cb = this.hot.db
      .prepare(
        `SELECT COUNT(*) AS due, SUM(c.status = 'done') AS done, SUM(c.status = 'done' AND c.doneAt <= c.dueAt) AS onTime
         FROM Callback c JOIN Ticket t ON t.id = c.ticketId WHERE t.propertyId = ? AND c.kind = 'first' AND c.createdAt >= ? AND c.createdAt < ?`,
      )
      .get(propertyId, from, to) as { due: number; done: number | null; onTime: number | null };
    const sat = this.counts(
      `SELECT c.satisfaction AS k, COUNT(*) AS n FROM Callback c JOIN Ticket t ON t.id = c.ticketId
       WHERE t.propertyId = ? AND c.status = 'done' AND c.doneAt >= ? AND c.doneAt < ? GROUP BY c.satisfaction`,
      propertyId,
      from,
      to,
    );
    const satisfaction = { 满意: sat["满意"] ?? 0, 基本满意: sat["基本满意"] ?? 0, 不满意: sat["不满意"] ?? 0 };
    const rated = satisfaction.满意 + satisfaction.基本满意 + satisfaction.不满意;
    const complaints = `${inMonth} AND t.nature = '投诉'`;
    const resolved = this.hot.db
      .prepare(`SELECT COUNT(*) AS n, AVG((julianday(t.completedAt) - julianday(t.receivedAt)) * 24) AS h ${complaints} AND t.completedAt IS NOT NULL`)
      .get(propertyId, from, to) as { n: number; h: number | null };
    return {
      month: month.key,
      received: this.one(`SELECT COUNT(*) ${inMonth}`, propertyId, from, to),
      invalid: this.one(`SELECT COUNT(*) ${inMonth} AND t.status = 'invalid'`, propertyId, from, to),
      cancelled: this.one(`SELECT COUNT(*) ${inMonth} AND t.status = 'cancelled'`, propertyId, from, to),
      byCategory: this.counts(`SELECT t.category AS k, COUNT(*) AS n ${valid} GROUP BY t.category ORDER BY t.category`, propertyId, from, to),
      byNature: this.counts(`SELECT t.nature AS k, COUNT(*) AS n ${inMonth} GROUP BY t.nature ORDER BY n DESC`, propertyId, from, to),
      byBuilding: this.counts(`SELECT COALESCE(t.building, '公共区域') AS k, COUNT(*) AS n ${valid} GROUP BY k ORDER BY n DESC`, propertyId, from, to),
      byChannel: this.counts(`SELECT t.channel AS k, COUNT(*) AS n ${inMonth} GROUP BY t.channel ORDER BY n DESC`, propertyId, from, to),
      timeliness: { eligible, onTime: eligible - late, rate: rate(eligible - late, eligible) },
      callbacks: { due: cb.due, done: cb.done ?? 0, onTime: cb.onTime ?? 0, rate: rate(cb.done ?? 0, cb.due) },
      satisfaction: { ...satisfaction, rate: rate(satisfaction.满意 + satisfaction.基本满意, rated) },
      complaints: {
        total: this.one(`SELECT COUNT(*) ${complaints}`, propertyId, from, to),
        bySeverity: this.counts(`SELECT t.severity AS k, COUNT(*) AS n ${complaints} GROUP BY t.severity`, propertyId, from, to),
        byDomain: this.counts(`SELECT t.domain AS k, COUNT(*) AS n ${complaints} GROUP BY t.domain`, propertyId, from, to),
        resolved: resolved.n,
        avgHoursToResolve: resolved.h === null ? null : Math.round(resolved.h * 10) / 10,
      },
    };
  }

  /** Stores the report and its messages together; false (nothing written) if this period was stored already. */
  save(r: { id: string; propertyId: string; kind: string; period: string; content: unknown; at: Date }, outbox: readonly OutboxRecord[]): boolean {
    let saved = false;
    this.hot.db.transaction(() => {
      const ins = this.hot.db
        .prepare(
          `INSERT INTO StoredReport (id, propertyId, kind, period, content, createdAt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(propertyId, kind, period) DO NOTHING`,
        )
        .run(r.id, r.propertyId, r.kind, r.period, JSON.stringify(r.content), ts(r.at));
      if (ins.changes !== 1) return;
      this.hot.records({
        outbox: [...outbox],
        events: [
          {
            id: r.id,
            propertyId: r.propertyId,
            ticketId: null,
            type: `report.${r.kind}`,
            actor: "scheduler",
            channel: null,
            data: { period: r.period, sentTo: outbox.length },
            at: r.at,
          },
        ],
      });
      saved = true;
    })();
    return saved;
  }
}
