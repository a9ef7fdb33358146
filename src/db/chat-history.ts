import type { ChannelName } from "../core/ticket/domain.js";
import type { Reply } from "../core/conversation/types.js";
import type { ChatHistory } from "../core/ports.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";
import { readDate } from "./sql/values.js";

const Q = {
  // inbound ids are time-ordered (core/ids.ts): the newest first by id is arrival order, even when times tie
  inbound: query<{ id: string; text: string | null; receivedAt: unknown }>((k) =>
    k
      .selectFrom("InboundMessage")
      .select(["id", "text", "receivedAt"])
      .where("channel", "=", param("channel"))
      .where("userId", "=", param("userId"))
      .orderBy("id", "desc")
      .limit(30),
  ),
  outbound: query<{ id: string; inboundId: string | null; payload: string; createdAt: unknown }>((k) =>
    k
      .selectFrom("OutboxMessage")
      .select(["id", "inboundId", "payload", "createdAt"])
      .where("channel", "=", param("channel"))
      .where("recipient", "=", param("userId"))
      .orderBy("createdAt", "desc")
      .orderBy("id", "desc")
      .limit(200),
  ),
};

/** A chat's recent messages, read back for the web chat page. */
export class DbChatHistory implements ChatHistory {
  constructor(private readonly sql: Runner) {}

  async recent(channel: ChannelName, userId: string) {
    const inbound = (await this.sql.all(Q.inbound, { channel, userId }))
      .reverse()
      .map((m) => ({ id: m.id, text: m.text, receivedAt: readDate(m.receivedAt)! }));
    const outbound = (await this.sql.all(Q.outbound, { channel, userId }))
      .reverse()
      .map((o) => ({ id: o.id, inboundId: o.inboundId, payload: JSON.parse(o.payload) as Reply, createdAt: readDate(o.createdAt)! }));
    return { inbound, outbound };
  }
}
