import type { Message, Update, UserFromGetMe } from "grammy/types";
import type { Attachment } from "../../core/ticket/domain.js";
import type { InboundMessage } from "../../core/ports.js";

/**
 * One update as a channel-neutral message, or undefined when Baoshi should not see it
 * (a group message that does not mention or answer the bot, another bot, an edit…).
 */
/**
 * slashWords: Telegram commands say the same as the words the flows already know (/start → 菜单).
 */
export function toInbound(update: Update, me: UserFromGetMe, slashWords: Readonly<Record<string, string>>, propertyId?: string): InboundMessage | undefined {
  const base = { channel: "telegram" as const, account: String(me.id), messageId: String(update.update_id), ...(propertyId ? { propertyId } : {}) };
  const cb = update.callback_query;
  if (cb) {
    if (!cb.data || !cb.message) return undefined;
    return { ...base, userId: String(cb.from.id), chatId: String(cb.message.chat.id), choice: cb.data, displayName: nameOf(cb.from) };
  }
  const m = update.message;
  if (!m?.from || m.from.is_bot) return undefined;
  const inGroup = m.chat.type !== "private";
  if (inGroup && !addressed(m, me)) return undefined;
  let text = (m.text ?? m.caption ?? "").replaceAll(`@${me.username}`, "").trim();
  const command = /^\/(\w+)(.*)$/s.exec(text);
  const word = command ? slashWords[command[1]!.toLowerCase()] : undefined;
  if (word) text = `${word}${command![2]}`.trim();
  if (m.contact) text = m.contact.phone_number.startsWith("+") ? m.contact.phone_number : `+${m.contact.phone_number}`;
  const attachments = attachmentsOf(m);
  if (!text && !attachments.length) return undefined;
  return {
    ...base,
    userId: String(m.from.id),
    chatId: String(m.chat.id),
    text,
    ...(attachments.length ? { attachments } : {}),
    ...(m.reply_to_message?.from?.id === me.id && m.reply_to_message.text ? { replyTo: m.reply_to_message.text } : {}),
    displayName: nameOf(m.from),
  };
}

/** In a group: only a mention of the bot, one of its commands, or a reply to it. */
function addressed(m: Message, me: UserFromGetMe): boolean {
  if (m.reply_to_message?.from?.id === me.id) return true;
  const text = m.text ?? m.caption ?? "";
  const entities = m.entities ?? m.caption_entities ?? [];
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length);
    return (
      (e.type === "mention" && part === `@${me.username}`) ||
      (e.type === "text_mention" && e.user?.id === me.id) ||
      (e.type === "bot_command" && part.endsWith(`@${me.username}`))
    );
  });
}

function attachmentsOf(m: Message): Attachment[] {
  const out: Attachment[] = [];
  const photo = m.photo?.at(-1);
  if (photo) out.push({ kind: "photo", ref: photo.file_id });
  if (m.voice) out.push({ kind: "voice", ref: m.voice.file_id, ...(m.voice.mime_type ? { mime: m.voice.mime_type } : {}) });
  if (m.video) out.push({ kind: "video", ref: m.video.file_id });
  if (m.document) out.push({ kind: "file", ref: m.document.file_id, ...(m.document.mime_type ? { mime: m.document.mime_type } : {}) });
  return out;
}

const nameOf = (u: { first_name: string; last_name?: string }) => [u.first_name, u.last_name].filter(Boolean).join(" ");
