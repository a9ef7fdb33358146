/** What dispatch sends staff: the 派工单 (work order), and its alerts to supervisors and stewards. zh and en. */
import type { DispatchTexts } from "../src/core/dispatch/work-order.js";

export const dispatchTexts: DispatchTexts = {
  workOrder: {
    title: { zh: "【派工单】{number}{urgency}", en: "[Work order] {number}{urgency}" },
    complaintTitle: { zh: "【投诉处理单】{number}（{severity}投诉）", en: "[Complaint] {number} ({severity})" },
    place: { zh: "位置：{place}", en: "Place: {place}" },
    placeUnknown: { zh: "位置：待确认（正在询问住户，问到后马上转给您）", en: "Place: not known yet (the resident is being asked; you will get it at once)" },
    content: { zh: "内容：{description}", en: "Problem: {description}" },
    appointment: { zh: "预约：{when}", en: "Visit: {when}" },
    asap: { zh: "尽快", en: "as soon as possible" },
    category: { zh: "类别：{category} · {nature}", en: "Category: {category} · {nature}" },
    quoted: { zh: "有偿服务，报价：{quote}（业主已同意）", en: "Paid job, quoted: {quote} (accepted by the owner)" },
    fee: { zh: "有偿服务，收费标准：{fee}（施工前请先告知业主）", en: "Paid job, fee standard: {fee} (tell the owner before starting)" },
    phone: { zh: "业主电话：{phone}（接单后可见完整号码）", en: "Owner's phone: {phone} (in full once you accept)" },
    attachments: { zh: "附件：{n} 个", en: "Attachments: {n}" },
    respondBy: { zh: "请在 {due} 前接单。", en: "Please accept by {due}." },
    accept: { zh: "接单", en: "Accept" },
    take: { zh: "受理", en: "Take on" },
    refuse: { zh: "拒单", en: "Refuse" },
  },
  nobody: {
    zh: "【待派工】{number}（{place} {description}）没有可派的师傅：{why}。请尽快人工派单。",
    en: "[To dispatch] {number} ({place} {description}): nobody can be offered it: {why}. Please dispatch it by hand.",
  },
  quoteRequest: {
    zh: "【报价单】{number}\n位置：{place}\n内容：{description}\n有偿服务，不在收费标准内。请在 {due} 前评估并报价：回复「报价 金额 说明」，例如「报价 200 更换瓷砖及人工」。",
    en: "[Quote] {number}\nPlace: {place}\nProblem: {description}\nA paid job outside the fee catalogue. Please quote by {due}: reply “报价 amount note”, e.g. “报价 200 tiles and labour”.",
  },
  emergencyNoPlace: {
    zh: "【紧急·位置待确认】{number}：{description}\n住户还没说清位置，系统正在追问。请立即联系住户（{contact}），问到的位置和电话会马上转给您。",
    en: "[Emergency · place unknown] {number}: {description}\nThe resident has not said where yet; we are asking. Contact them now ({contact}); the place and phone come to you as soon as they are given.",
  },
  contactPhone: { zh: "电话 {phone}", en: "phone {phone}" },
  contactChat: { zh: "未留电话，住户在{channel}对话中", en: "no phone; the resident is in a {channel} chat" },
};
