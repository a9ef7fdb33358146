import { GrammyError, HttpError, type Api } from "grammy";
import type { InlineKeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, InlineKeyboardMarkup } from "grammy/types";
import type { Reply } from "../../core/conversation/types.js";
import type { Deliverer, Delivery } from "../../outbox/sender.js";

/** Choices become an inline keyboard (two a row); a phone question gets the "share my phone" button. */
export function markup(reply: Reply, sharePhone: string): InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove {
  if (reply.choices?.length) {
    const buttons: InlineKeyboardButton[] = reply.choices.map((c) => ({ text: c.label, callback_data: c.value.slice(0, 64) }));
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    return { inline_keyboard: rows };
  }
  if (reply.expects === "phone") {
    return { keyboard: [[{ text: sharePhone, request_contact: true }]], resize_keyboard: true, one_time_keyboard: true };
  }
  return { remove_keyboard: true };
}

/** Sends through the Bot API and reads Telegram's errors the way its docs describe them. */
export function telegramDeliverer(api: Api, account: string, sharePhone: string): Deliverer {
  return {
    channel: "telegram",
    account,
    async deliver(recipient, payload): Promise<Delivery> {
      try {
        await api.sendMessage(recipient, payload.text, { reply_markup: markup(payload, sharePhone) });
        // a resident's photo or voice note sent on to a steward (their file ids are this bot's own)
        for (const a of payload.attachments ?? []) {
          if (a.kind === "photo") await api.sendPhoto(recipient, a.ref);
          else if (a.kind === "voice") await api.sendVoice(recipient, a.ref);
          else if (a.kind === "video") await api.sendVideo(recipient, a.ref);
          else await api.sendDocument(recipient, a.ref);
        }
        return { kind: "sent" };
      } catch (err) {
        return classify(err);
      }
    },
  };
}

export function classify(err: unknown): Delivery {
  if (err instanceof GrammyError) {
    const reason = `${err.error_code}: ${err.description}`;
    if (err.error_code === 429) return { kind: "retry", afterMs: (err.parameters.retry_after ?? 1) * 1000, reason };
    if (err.error_code === 403) return { kind: "unreachable", reason };
    if (err.error_code >= 500) return { kind: "retry", reason };
    return { kind: "failed", reason };
  }
  if (err instanceof HttpError) return { kind: "retry", reason: `network: ${String(err.error)}` };
  return { kind: "retry", reason: String(err) };
}
