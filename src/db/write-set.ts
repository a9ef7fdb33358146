import { CANCELLABLE_STATUSES, roomLabel } from "../core/domain.js";
import { nextDue } from "../core/deadlines.js";
import type { WriteSet } from "../core/ports.js";
import type { Prisma } from "../generated/prisma/client.js";
import { placeColumns } from "./rows.js";

type Tx = Prisma.TransactionClient;

/** Writes many messages' changes with a handful of statements (createMany), inside the caller's transaction. */
export async function writeAll(tx: Tx, sets: WriteSet[]): Promise<void> {
  await tx.inboundMessage.createMany({ data: sets.map((s) => s.inbound) });

  for (const s of sets) {
    const r = s.resident;
    if (!r) continue;
    const data = {
      propertyId: r.propertyId,
      displayName: r.displayName ?? null,
      lastRoom: r.place?.kind === "room" ? roomLabel(r.place) : null,
      lastPlace: r.place ? (r.place as object) : undefined,
      lastPhone: r.phone ?? null,
      lang: r.lang,
    };
    await tx.residentIdentity.upsert({ where: { id: r.id }, create: { id: r.id, channel: r.channel, externalId: r.externalId, ...data }, update: data });
  }

  const tickets = sets.flatMap((s) => s.tickets);
  if (tickets.length) {
    await tx.ticket.createMany({
      data: tickets.map((t) => ({
        id: t.id,
        number: t.number,
        propertyId: t.propertyId,
        status: t.status,
        category: t.category,
        nature: t.nature,
        severity: t.severity,
        domain: t.domain,
        urgency: t.urgency,
        ...placeColumns(t.place),
        phone: t.phone,
        reporterName: t.reporterName,
        description: t.description,
        appointmentAt: t.appointment && !t.appointment.asap ? new Date(t.appointment.at) : null,
        asap: t.appointment?.asap ?? false,
        channel: t.channel,
        residentId: t.residentId,
        invalidReason: t.invalidReason,
        attachments: t.attachments.length ? (t.attachments as object[]) : undefined,
        receivedAt: t.receivedAt,
        registeredAt: t.receivedAt,
        createdAt: t.receivedAt,
        ...t.deadlines,
        nextDueAt: t.status === "invalid" ? null : nextDue(t.deadlines),
      })),
    });
  }

  for (const c of sets.flatMap((s) => s.cancellations)) {
    await tx.ticket.updateMany({
      where: { id: c.ticketId, residentId: c.residentId, status: { in: [...CANCELLABLE_STATUSES] } },
      data: { status: "cancelled", cancelledAt: c.at, nextDueAt: null },
    });
  }

  const removed = sets.map((s) => ("put" in s.session ? s.session.put.key : s.session.remove));
  await tx.conversationSession.deleteMany({ where: { id: { in: removed } } });
  const puts = sets.flatMap((s) => ("put" in s.session ? [s.session.put] : []));
  if (puts.length) {
    await tx.conversationSession.createMany({
      data: puts.map((p) => ({
        id: p.key,
        propertyId: p.propertyId,
        channel: p.channel,
        userId: p.userId,
        state: JSON.stringify(p.conversation),
        needsHuman: !!p.conversation.needsHuman,
        updatedAt: p.updatedAt,
        expiresAt: p.expiresAt,
      })),
    });
  }

  const events = sets.flatMap((s) => s.events);
  if (events.length) {
    await tx.event.createMany({ data: events.map((e) => ({ ...e, data: (e.data as object | null) ?? undefined })) });
  }
  const outbox = sets.flatMap((s) => s.outbox);
  if (outbox.length) {
    await tx.outboxMessage.createMany({
      data: outbox.map((o) => ({
        id: o.id,
        channel: o.channel,
        account: o.account,
        recipient: o.recipient,
        payload: JSON.stringify(o.payload),
        status: o.status,
        nextAttemptAt: o.createdAt,
        sentAt: o.status === "sent" ? o.createdAt : null,
        inboundId: o.inboundId,
        ticketId: o.ticketId,
        createdAt: o.createdAt,
      })),
    });
  }
}
