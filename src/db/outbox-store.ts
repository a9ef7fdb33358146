import { randomUUID } from "node:crypto";
import type { ChannelName } from "../core/domain.js";
import type { Reply } from "../core/flow/types.js";
import type { OutboxRow, OutboxStore } from "../outbox/dispatcher.js";
import type { Database } from "./client.js";

/** The outbox on Prisma (sending is paced by the channel, so these few queries are not the bottleneck). */
export class PrismaOutboxStore implements OutboxStore {
  constructor(
    private readonly db: Database,
    private readonly defaultProperty: string,
  ) {}

  async due(channel: ChannelName, account: string, now: Date, busy: readonly string[], limit: number): Promise<OutboxRow[]> {
    const rows = await this.db.outboxMessage.findMany({
      where: { channel, account, status: "pending", nextAttemptAt: { lte: now }, ...(busy.length ? { recipient: { notIn: [...busy] } } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, recipient: r.recipient, payload: JSON.parse(r.payload) as Reply, attempts: r.attempts }));
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "sent", sentAt: at, attempts: { increment: 1 } } });
  }

  async retryLater(id: string, attempts: number, at: Date, error: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { attempts, nextAttemptAt: at, lastError: error.slice(0, 500) } });
  }

  async markDead(id: string, attempts: number, at: Date, error: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "dead", attempts, nextAttemptAt: at, lastError: error.slice(0, 500) } });
  }

  async markUnreachable(channel: ChannelName, recipient: string, at: Date, reason: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const resident = await tx.residentIdentity.findFirst({ where: { channel, externalId: recipient } });
      const staff = await tx.staffIdentity.findUnique({ where: { channel_externalId: { channel, externalId: recipient } }, include: { staff: true } });
      if (resident) await tx.residentIdentity.update({ where: { id: resident.id }, data: { unreachable: true } });
      if (staff) await tx.staffIdentity.update({ where: { id: staff.id }, data: { unreachable: true } });
      await tx.event.create({
        data: {
          id: randomUUID(),
          propertyId: resident?.propertyId ?? staff?.staff.propertyId ?? this.defaultProperty,
          type: "identity.unreachable",
          actor: `${channel}:bot`,
          channel,
          data: { recipient, reason, resident: resident?.id ?? null, staff: staff?.staffId ?? null },
          at,
        },
      });
    });
  }
}
