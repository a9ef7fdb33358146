/** A report that repeats an open one, and a resident past the day's limit: what they are told. */
import {
  formatDay,
  formatWhen,
  looksAlike,
  workerTitle,
  type Classification,
  type FlowContext,
  type Place,
  type Reply,
  type SimilarTicket,
  type Text,
} from "../src/core/conversation/flow-api.js";
import { vocabulary } from "./vocabulary.js";

type Values = Readonly<Record<string, unknown>>;

export const duplicateTexts = {
  mine: {
    zh: "您于 {day}报过 {number}（{description}），{progress}。这次说的是同一个问题吗？",
    en: "You reported {number} on {day} ({description}); {progress}. Is this the same problem?",
  },
  room: {
    zh: "这个房号于 {day}已有人报过类似的问题（{number}），{progress}。这次说的是同一个问题吗？",
    en: "Someone at this address reported a similar problem on {day} ({number}); {progress}. Is this the same problem?",
  },
  add: { zh: "是同一个，补充到 {number}", en: "Same one: add to {number}" },
  call: { zh: "服务中心电话：{phone}", en: "Service centre: {phone}" },
  fileNew: { zh: "不是，新报一条", en: "No, file a new report" },
  added: {
    zh: "好的，已把您这次说的内容（和照片）补充到报事 {number}，并告诉了处理的同事。想了解进度请回复「查询进度」。",
    en: "Done: what you said (and any photos) is added to report {number}, and whoever handles it has been told. Reply “progress” to follow it.",
  },
  tooMany: {
    zh: "您今天已经提交了 {max} 条报事，达到了每天的上限，这一条没有登记。如果还有问题要处理，请回复「转人工」由服务中心为您跟进。{call}",
    en: "You have filed {max} reports today, the daily limit, so this one is not registered. Reply “human” and the service centre will follow up. {call}",
  },
} satisfies Record<string, Text>;

/** Where the earlier report stands, in the resident's words. */
function progress(t: SimilarTicket, ctx: FlowContext): string {
  const tz = ctx.policy.timezone;
  const who = t.assigneeName ? workerTitle(t.assigneeName) : "";
  const arrive = t.appointmentAt ?? t.arriveDueAt;
  if (t.status === "accepted" && who) {
    return arrive
      ? ctx.t({ zh: "{who}已接单，预计 {at} 前上门", en: "{who} has accepted it and should arrive by {at}" }, { who, at: formatWhen(arrive, tz, ctx.lang) })
      : ctx.t({ zh: "{who}已接单", en: "{who} has accepted it" }, { who });
  }
  if (t.status === "arrived" && who) return ctx.t({ zh: "{who}正在现场处理", en: "{who} is on site" }, { who });
  if (t.status === "dispatched" && who) return ctx.t({ zh: "已派给{who}，等待接单", en: "it has been sent to {who}" }, { who });
  return ctx.t(vocabulary.statuses[t.status]);
}

/** The question with its two choices: add this message to the open report, or file a new one. */
export function repeatQuestion(t: SimilarTicket, ctx: FlowContext): Reply {
  const vars = {
    day: formatDay(t.receivedAt, ctx.policy.timezone, ctx.lang),
    number: t.number,
    description: t.description.length > 15 ? `${t.description.slice(0, 15)}…` : t.description,
    // another resident's report of the same room is shown without its details
    progress: t.mine ? progress(t, ctx) : ctx.t({ zh: "正在处理中", en: "it is being handled" }),
  };
  return {
    text: ctx.t(t.mine ? duplicateTexts.mine : duplicateTexts.room, vars),
    choices: [
      { label: ctx.t(duplicateTexts.add, vars), value: `dup:add:${t.id}` },
      { label: ctx.t(duplicateTexts.fileNew), value: "dup:new" },
    ],
  };
}

/** The resident's (or their room's) open reports of the last day that this one seems to repeat. */
export async function similarOpen(values: Values, ctx: FlowContext) {
  const c = values.category as Classification | undefined;
  const text = values.description as string | undefined;
  if (!c || !text) return [];
  const since = new Date(ctx.now.getTime() - ctx.policy.duplicateWindow.minutes * 60000);
  const open = await ctx.tickets.openSince(ctx.residentId, (values.place as Place) ?? null, since);
  return open.filter((t) => t.category === c.category && looksAlike(t.description, text));
}

/** A report that looks like one still open: shown it, with "add to it" and "file a new one" (never for an emergency). */
export async function repeats(values: Values, ctx: FlowContext) {
  if ((values.category as Classification | undefined)?.urgency === "非常紧急") return undefined;
  const [t] = await similarOpen(values, ctx);
  return t ? repeatQuestion(t, ctx) : undefined;
}
