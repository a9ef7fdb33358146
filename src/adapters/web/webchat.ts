import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { NotRecordedError, type Intake } from "../../core/intake/intake.js";
import type { ChatHistory } from "../../core/ports.js";
import type { PropertyDirectory } from "../../db/properties.js";
import { parseOr400, sendError } from "../../http/errors.js";
import type { VisitorLimit } from "./visitor-limit.js";
import type { Clock } from "../../core/policy/clock.js";
import { threadOf } from "../../core/conversation/thread.js";

const visitorId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, - or _");
const messageBody = z
  .object({
    visitorId,
    text: z.string().max(100_000, "is longer than 100,000 characters").optional(),
    choice: z.string().min(1).max(200).optional(),
    /** the label of the pressed choice, kept so the history after a reload shows what the resident pressed */
    label: z.string().max(200).optional(),
    /** the page's id for this message; a retried POST with the same id is answered once */
    messageId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, - or _")
      .optional(),
    propertyId: z.string().max(40).optional(),
    /** photos or voice notes already uploaded somewhere the staff can open (kept on the report) */
    attachments: z
      .array(z.object({ kind: z.enum(["photo", "voice", "video", "file"]), ref: z.url({ protocol: /^https?$/ }).max(500) }))
      .max(9)
      .optional(),
  })
  .refine((b) => b.text !== undefined || b.choice !== undefined || b.attachments?.length, { message: "send text, choice or attachments", path: ["text"] });

/**
 * The web chat channel (网上报修): the page posts a message and gets the replies in the answer.
 * The visitor id is a random secret the page keeps; it is the resident's identity on this channel.
 */
export function webchatRoutes(
  app: FastifyInstance,
  deps: { intake: Intake; history: ChatHistory; properties: PropertyDirectory; limit: VisitorLimit; clock: Clock; texts: { tooFast: string } },
) {
  app.post("/api/webchat/messages", async (req, reply) => {
    const body = parseOr400(messageBody, req.body, reply);
    if (!body) return reply;
    if (!deps.limit.take(body.visitorId)) {
      return sendError(reply, 429, "too_many_messages", deps.texts.tooFast);
    }
    if (body.propertyId && !deps.properties.has(body.propertyId))
      return sendError(reply, 404, "unknown_property", `property "${body.propertyId}" does not exist`);
    const replies = await deps.intake
      .handle({
        channel: "web",
        userId: body.visitorId,
        ...(body.messageId ? { messageId: body.messageId } : {}),
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.choice ? { choice: body.choice } : {}),
        ...(body.choice && body.label ? { choiceLabel: body.label } : {}),
        ...(body.propertyId ? { propertyId: body.propertyId } : {}),
        ...(body.attachments ? { attachments: body.attachments } : {}),
      })
      .catch((err: unknown) => {
        if (err instanceof NotRecordedError) return err;
        throw err;
      });
    if (replies instanceof NotRecordedError) return sendError(reply, 503, "not_recorded", replies.reply);
    // the page shows each reply's time and speaks the resident's language in its own texts too
    return { replies, at: deps.clock.now().toISOString(), lang: await deps.intake.languageOf("web", body.visitorId) };
  });

  /** The visitor's recent conversation, so a reloaded page shows it again. */
  app.get("/api/webchat/messages", async (req, reply) => {
    const q = parseOr400(z.object({ visitorId }), req.query, reply);
    if (!q) return reply;
    const recent = await deps.history.recent("web", q.visitorId);
    const messages = threadOf(recent)
      .map((l) => ({ from: l.from, ...l.reply, at: l.at.toISOString() }))
      .slice(-60);
    const mine = new Set(recent.inbound.map((m) => m.id));
    return { messages, cursor: pushedCursor(recent.outbound, mine), lang: await deps.intake.languageOf("web", q.visitorId) };
  });

  /**
   * What reached the visitor from elsewhere since the page's cursor (a steward's answer, a worker on the way): the
   * page asks every few seconds, so it shows them without a reload.
   */
  app.get("/api/webchat/updates", async (req, reply) => {
    const q = parseOr400(z.object({ visitorId, after: z.string().max(64).default("") }), req.query, reply);
    if (!q) return reply;
    const { inbound, outbound } = await deps.history.recent("web", q.visitorId);
    const mine = new Set(inbound.map((m) => m.id));
    const pushed = outbound.filter((o) => (!o.inboundId || !mine.has(o.inboundId)) && o.id > q.after);
    return {
      messages: pushed.map((o) => ({ from: "bot" as const, ...o.payload, at: o.createdAt.toISOString() })),
      cursor: pushed.at(-1)?.id ?? q.after,
    };
  });
}

/** the newest message that reached the visitor from elsewhere: the page's first cursor */
const pushedCursor = (outbound: { id: string; inboundId: string | null }[], mine: Set<string>) =>
  outbound.filter((o) => !o.inboundId || !mine.has(o.inboundId)).at(-1)?.id ?? "";
