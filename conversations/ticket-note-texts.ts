/** What the holder of a ticket is told when the resident adds to it: a repeat as a note, an emergency's details. */
import type { NoteTexts } from "../src/core/ticket/ticket-notes.js";

export const noteTexts: NoteTexts = {
  note: { zh: "【业主补充】{number}：{text}{attached}", en: "[Resident added] {number}: {text}{attached}" },
  attached: { zh: "（附件 {n} 个）", en: " ({n} attachments)" },
  amended: { zh: "【紧急·业主补充】{number}：{what}", en: "[Emergency · resident added] {number}: {what}" },
  place: { zh: "位置 {place}", en: "place {place}" },
  phone: { zh: "电话 {phone}", en: "phone {phone}" },
  words: { zh: "「{text}」", en: "“{text}”" },
  attachments: { zh: "附件 {n} 个", en: "{n} attachments" },
  separator: { zh: "；", en: "; " },
};
