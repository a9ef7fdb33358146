import { ConflictError } from "../core/errors.js";
import type { Handoff, HandoffChange, HandoffReads } from "../core/handoff/handoff.js";
import { nextValue } from "./counters.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate, readJson } from "./sql/values.js";

const COLUMNS = [
  "id",
  "seq",
  "propertyId",
  "residentKey",
  "status",
  "stewardId",
  "stewardName",
  "requestedAt",
  "answerDueAt",
  "escalatedAt",
  "takenAt",
  "endedAt",
  "endedBy",
  "rating",
] as const;

const Q = {
  byId: query<Record<string, unknown>>((k) => k.selectFrom("Handoff").select(COLUMNS).where("id", "=", param("id"))),
  bySeq: query<Record<string, unknown>>((k) =>
    k.selectFrom("Handoff").select(COLUMNS).where("propertyId", "=", param("propertyId")).where("seq", "=", param("seq")),
  ),
  openOf: query<Record<string, unknown>>((k) =>
    k
      .selectFrom("Handoff")
      .select(COLUMNS)
      .where("residentKey", "=", param("residentKey"))
      .where("status", "in", [param("waiting"), param("talking")])
      .orderBy("requestedAt", "desc")
      .limit(1),
  ),
  talkingWith: query<Record<string, unknown>>((k) =>
    k.selectFrom("Handoff").select(COLUMNS).where("stewardId", "=", param("stewardId")).where("status", "=", param("talking")).orderBy("takenAt"),
  ),
  files: query<{ data: unknown; at: unknown }>((k) =>
    k
      .selectFrom("Event")
      .select(["data", "at"])
      .where("propertyId", "=", param("propertyId"))
      .where("type", "=", "human.file")
      .where("at", ">=", param("since"))
      .orderBy("id")
      .limit(200),
  ),
  oldestWaiting: query<Record<string, unknown>>((k) =>
    k
      .selectFrom("Handoff")
      .select(COLUMNS)
      .where("propertyId", "=", param("propertyId"))
      .where("status", "=", param("waiting"))
      .orderBy("requestedAt")
      .limit(1),
  ),
  unanswered: query<Record<string, unknown>>((k) =>
    k
      .selectFrom("Handoff")
      .select(COLUMNS)
      .where("status", "=", param("waiting"))
      .where("escalatedAt", "is", null)
      .where("answerDueAt", "<=", param("now"))
      .orderBy("answerDueAt")
      .limit(100),
  ),
  insert: query((k) =>
    k.insertInto("Handoff").values({
      id: param("id"),
      seq: param("seq"),
      propertyId: param("propertyId"),
      residentKey: param("residentKey"),
      status: "waiting",
      requestedAt: param("at"),
      answerDueAt: param("answerDueAt"),
    }),
  ),
  take: query((k) =>
    k
      .updateTable("Handoff")
      .set({ status: "talking", stewardId: param("stewardId"), stewardName: param("stewardName"), takenAt: param("at") })
      .where("id", "=", param("id"))
      .where("status", "=", "waiting"),
  ),
  end: query((k) =>
    k
      .updateTable("Handoff")
      .set({ status: "ended", endedAt: param("at"), endedBy: param("by") })
      .where("id", "=", param("id"))
      .where("status", "in", ["waiting", "talking"]),
  ),
  escalate: query((k) =>
    k
      .updateTable("Handoff")
      .set({ escalatedAt: param("at") })
      .where("id", "=", param("id"))
      .where("status", "=", "waiting")
      .where("escalatedAt", "is", null),
  ),
  rate: query((k) =>
    k
      .updateTable("Handoff")
      .set({ rating: param("rating") })
      .where("id", "=", param("id"))
      .where("status", "=", "ended")
      .where("rating", "is", null),
  ),
};

const handoffOf = (r: Record<string, unknown>): Handoff => ({
  id: String(r.id),
  seq: Number(r.seq),
  propertyId: String(r.propertyId),
  residentKey: String(r.residentKey),
  status: r.status as Handoff["status"],
  stewardId: (r.stewardId as string | null) ?? null,
  stewardName: (r.stewardName as string | null) ?? null,
  requestedAt: readDate(r.requestedAt)!,
  answerDueAt: readDate(r.answerDueAt)!,
  escalatedAt: readDate(r.escalatedAt),
  takenAt: readDate(r.takenAt),
  endedAt: readDate(r.endedAt),
  endedBy: (r.endedBy as string | null) ?? null,
  rating: (r.rating as string | null) ?? null,
});
const STATES = { waiting: "waiting", talking: "talking" };

const listQuery = (properties: number | "all") =>
  query<Record<string, unknown>>((k) => {
    let q = k
      .selectFrom("Handoff")
      .select(COLUMNS)
      .where((eb) => eb.or([eb("status", "in", [param("waiting"), param("talking")]), eb("endedAt", ">=", param("since"))]));
    if (properties !== "all")
      q = q.where(
        "propertyId",
        "in",
        Array.from({ length: properties }, (_, i) => param<string>(`p${i}`)),
      );
    return q.orderBy("requestedAt", "desc").limit(200);
  });

/** 转人工's rows: read by the intake, the handoff desk, the sweep and the console; changed only inside a transaction. */
export class HandoffStore implements HandoffReads {
  private readonly lists = new Map<string, ReturnType<typeof listQuery>>();
  constructor(private readonly sql: Runner) {}

  /** open ones and those ended since `since`, newest first, of these properties (undefined: all) */
  async list(properties: readonly string[] | undefined, since: Date): Promise<Handoff[]> {
    if (properties?.length === 0) return [];
    const key = String(properties?.length ?? "all");
    let q = this.lists.get(key);
    if (!q) this.lists.set(key, (q = listQuery(properties?.length ?? "all")));
    const values: Record<string, unknown> = { ...STATES, since };
    properties?.forEach((p, i) => {
      values[`p${i}`] = p;
    });
    return (await this.sql.all(q, values)).map(handoffOf);
  }

  async byId(id: string): Promise<Handoff | undefined> {
    const r = await this.sql.one(Q.byId, { id });
    return r ? handoffOf(r) : undefined;
  }

  async bySeq(propertyId: string, seq: number): Promise<Handoff | undefined> {
    const r = await this.sql.one(Q.bySeq, { propertyId, seq });
    return r ? handoffOf(r) : undefined;
  }

  async openOf(residentKey: string): Promise<Handoff | undefined> {
    const r = await this.sql.one(Q.openOf, { residentKey, ...STATES });
    return r ? handoffOf(r) : undefined;
  }

  async talkingWith(stewardId: string): Promise<Handoff[]> {
    return (await this.sql.all(Q.talkingWith, { stewardId, ...STATES })).map(handoffOf);
  }

  /** the photos and voice notes the resident sent while a person had the conversation, in order */
  async files(h: Handoff): Promise<{ kind: string; ref: string; at: Date }[]> {
    const rows = await this.sql.all(Q.files, { propertyId: h.propertyId, since: h.requestedAt });
    return rows
      .map((r) => ({ data: readJson<{ handoffId?: string; kind?: string; ref?: string }>(r.data) ?? {}, at: readDate(r.at)! }))
      .filter((r) => r.data.handoffId === h.id && r.data.ref)
      .map((r) => ({ kind: String(r.data.kind), ref: String(r.data.ref), at: r.at }));
  }

  async oldestWaiting(propertyId: string): Promise<Handoff | undefined> {
    const r = await this.sql.one(Q.oldestWaiting, { propertyId, ...STATES });
    return r ? handoffOf(r) : undefined;
  }

  nextSeq(propertyId: string): Promise<number> {
    return nextValue(this.sql, `handoff:${propertyId}`);
  }

  async unanswered(now: Date): Promise<Handoff[]> {
    return (await this.sql.all(Q.unanswered, { now, ...STATES })).map(handoffOf);
  }
}

/** Writes a message's handoff change inside its transaction; a change the row no longer allows rolls all back. */
export async function writeHandoff(tx: Runner, c: HandoffChange): Promise<void> {
  if (c.kind === "create") {
    // (its number came from the property's counter before: two instances never give one number twice)
    await tx.run(Q.insert, { id: c.id, seq: c.seq, propertyId: c.propertyId, residentKey: c.residentKey, at: c.at, answerDueAt: c.answerDueAt });
    return;
  }
  const n =
    c.kind === "take"
      ? await tx.run(Q.take, { id: c.id, stewardId: c.stewardId, stewardName: c.stewardName, at: c.at })
      : c.kind === "end"
        ? await tx.run(Q.end, { id: c.id, at: c.at, by: c.by })
        : c.kind === "escalate"
          ? await tx.run(Q.escalate, { id: c.id, at: c.at })
          : await tx.run(Q.rate, { id: c.id, rating: c.rating });
  if (n !== 1) throw new ConflictError(`handoff ${c.id} can no longer be changed (${c.kind})`);
}
