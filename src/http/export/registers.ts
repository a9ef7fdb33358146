import { vocabulary as V } from "../../../conversations/vocabulary.js";
import { consoleTexts as T } from "../../../conversations/console-texts.js";
import { maskPhone } from "../../core/conversation/parse/phone.js";
import { wallTime } from "../../core/policy/zoned.js";
import type { TicketStatus } from "../../core/ticket/domain.js";
import type { Register, RegisterRow } from "../../db/register-store.js";

/** How a register's cells are written: times in the property's zone, phones full only where the role allows. */
export interface CellContext {
  zone: string;
  fullPhone: boolean;
}

export interface Column {
  title: string;
  width: number;
  cell(r: RegisterRow, c: CellContext): string | number | null;
}

const pad = (n: number) => String(n).padStart(2, "0");
export function localTime(d: unknown, zone: string): string | null {
  if (!(d instanceof Date)) return null;
  const w = wallTime(d, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}
const str = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
const time = (k: string) => (r: RegisterRow, c: CellContext) => localTime(r[k], c.zone);
/** a mainland number as it is dialled (stored as +86…), masked unless the role may see it */
const phone = (r: RegisterRow, c: CellContext) => {
  if (typeof r.phone !== "string") return null;
  const dialled = r.phone.replace(/^\+86(?=1\d{10}$)/, "");
  return c.fullPhone ? dialled : maskPhone(dialled);
};
const place = (r: RegisterRow) => str(r.room) ?? str(r.location);
const status = (r: RegisterRow) => V.statuses[r.status as TicketStatus]?.zh ?? String(r.status);
const category = (r: RegisterRow) => (r.category ? `${r.category} ${V.categories[r.category as keyof typeof V.categories]?.zh ?? ""}`.trim() : null);
const channel = (r: RegisterRow) => V.channels[r.channel as keyof typeof V.channels]?.zh ?? String(r.channel);
const METHODS: Record<string, string> = { phone: "电话", chat: "微信/消息", visit: "上门" };
/** what became of it: its status, then the worker's notes or why it was refused */
const result = (r: RegisterRow) => [status(r), str(r.notes) ?? str(r.invalidReason)].filter(Boolean).join("：");
const appointment = (r: RegisterRow, c: CellContext) => localTime(r.appointmentAt, c.zone) ?? (r.asap ? "尽快" : null);

const col = (title: string, width: number, cell: Column["cell"]): Column => ({ title, width, cell });

/** The seeds' paper forms (seed 000 7.1–7.2, seed 002 附表二–三), their column titles as the forms have them. */
export const REGISTER_SHEETS: Record<Register, { title: string; columns: Column[] }> = {
  reports: {
    title: "客户报事登记表",
    columns: [
      col("报事编号", 18, (r) => str(r.number)),
      col("报事日期时间", 17, time("receivedAt")),
      col("房号", 14, place),
      col("姓名", 10, (r) => str(r.reporterName)),
      col("联系电话", 14, phone),
      col("报事内容", 40, (r) => str(r.description)),
      col("预约时间", 17, appointment),
      col("报事类别", 12, category),
      col("性质", 8, (r) => str(r.nature)),
      col("紧急程度", 9, (r) => str(r.urgency)),
      col("渠道", 8, channel),
      col("登记人", 10, (r) => str(r.registeredBy) ?? "住户自报"),
      col("处理人", 10, (r) => str(r.assignee)),
      col("处理时间", 17, time("completedAt")),
      col("处理结果", 30, result),
      col("是否及时", 9, (r) => (r.completedAt ? (r.late ? "不及时" : "及时") : null)),
    ],
  },
  orders: {
    title: "派工单",
    columns: [
      col("报事编号", 18, (r) => str(r.number)),
      col("派工时间", 17, time("offeredAt")),
      col("房号", 14, place),
      col("业主姓名", 10, (r) => str(r.reporterName)),
      col("联系电话", 14, phone),
      col("报修内容", 40, (r) => str(r.description)),
      col("预约时间", 17, appointment),
      col("报事类别", 12, category),
      col("接单人", 10, (r) => str(r.worker)),
      col("接单情况", 10, (r) => T.orderStatuses[String(r.orderStatus)]?.zh ?? str(r.orderStatus)),
      col("接单/拒单时间", 17, time("respondedAt")),
      col("拒单/转单原因", 20, (r) => str(r.orderReason)),
      col("到场时间", 17, (r, c) => (r.orderStatus === "accepted" ? localTime(r.arrivedAt, c.zone) : null)),
      col("完工时间", 17, (r, c) => (r.orderStatus === "accepted" ? localTime(r.completedAt, c.zone) : null)),
      // the worker's completion belongs to the order they held
      col("处理情况", 30, (r) => (r.orderStatus === "accepted" ? str(r.notes) : null)),
      col("材料", 20, (r) => (r.orderStatus === "accepted" ? str(r.materials) : null)),
      col("费用（元）", 10, (r) => (r.orderStatus === "accepted" && r.feeYuan !== null ? Number(r.feeYuan) : null)),
    ],
  },
  complaints: {
    title: "投诉处理记录汇总表",
    columns: [
      col("意见表编号", 18, (r) => str(r.number)),
      col("客户单位", 16, (r) => [place(r), str(r.reporterName)].filter(Boolean).join(" ") || null),
      col("联系电话", 14, phone),
      col("投诉内容", 40, (r) => str(r.description)),
      col("投诉界定", 9, (r) => str(r.severity)),
      col("专业范畴", 10, (r) => str(r.domain)),
      col("日期", 17, time("receivedAt")),
      col("接收人", 10, (r) => str(r.registeredBy) ?? "住户自报"),
      col("领单人", 10, (r) => str(r.assignee)),
      col("领单日期", 17, time("dispatchedAt")),
      col("完成时间", 17, time("completedAt")),
      col("是否回访", 9, (r) => (r.calledBackAt ? "是" : "否")),
      col("处理结果", 30, result),
    ],
  },
  callbacks: {
    title: "客户月回访信息登记表",
    columns: [
      col("受访人姓名", 10, (r) => str(r.reporterName)),
      col("日期", 17, (r, c) => localTime(r.doneAt, c.zone)),
      col("地址", 14, place),
      col("访问人姓名", 10, (r) => str(r.steward)),
      col("访问方式", 10, (r) => METHODS[String(r.method)] ?? str(r.method)),
      col("受访人联系电话", 14, phone),
      col("回访信息记录", 30, (r) => str(r.comment)),
      col("信息处理记录", 40, (r) => [str(r.number), str(r.description), result(r)].filter(Boolean).join(" · ")),
      col("服务质量", 10, (r) => str(r.satisfaction)),
      col("服务是否及时", 10, (r) => str(r.timeliness)),
      col("住户评价", 10, (r) => str(r.residentRating)),
      col("应回访时间", 17, time("dueAt")),
      col("回访状态", 9, (r) => (r.callbackStatus === "done" ? "已回访" : "未回访")),
    ],
  },
};
