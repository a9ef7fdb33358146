import type { Message } from "wechaty";
import { types } from "wechaty";
import type { Attachment } from "../../core/ticket/domain.js";
import type { InboundMessage } from "../../core/ports.js";

/** A group reply goes to the room and @mentions the member: "<roomId>|<memberId>". */
export const roomRecipient = (roomId: string, memberId: string) => `${roomId}|${memberId}`;

const ATTACHMENT: Partial<Record<number, Attachment["kind"]>> = {
  [types.Message.Image]: "photo",
  [types.Message.Audio]: "voice",
  [types.Message.Video]: "video",
  [types.Message.Attachment]: "file",
};

/**
 * One WeChat message as a channel-neutral message, or undefined when Baoshi must not see it: its
 * own messages, and group messages that do not @mention the account (not stored at all).
 */
export async function toInbound(m: Message, account: string, propertyId?: string): Promise<InboundMessage | undefined> {
  if (m.self()) return undefined;
  const talker = m.talker();
  const room = m.room();
  if (room && !(await m.mentionSelf())) return undefined;
  const kind = ATTACHMENT[m.type()];
  const text = m.type() === types.Message.Text ? (room ? await m.mentionText() : m.text()).trim() : "";
  if (!text && !kind) return undefined;
  const attachments: Attachment[] = kind ? [{ kind, ref: `wechat-message:${m.id}` }] : [];
  return {
    channel: "wechat",
    account,
    // who they are: the WeChat ID where the puppet gives one (it survives re-logins), else the contact id
    userId: talker.handle() || talker.id,
    messageId: m.id,
    text,
    ...(attachments.length ? { attachments } : {}),
    displayName: talker.name(),
    // where replies go: this login's contact (or the group, mentioning them)
    chatId: room ? roomRecipient(room.id, talker.id) : talker.id,
    ...(propertyId ? { propertyId } : {}),
  };
}
