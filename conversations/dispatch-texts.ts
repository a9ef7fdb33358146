/** What dispatch sends staff: the 派工单 (work order), and its alerts to supervisors and stewards. zh and en. */
import type { DispatchTexts } from "../src/core/dispatch/work-order.js";
import { vocabulary } from "./vocabulary.js";

export const dispatchTexts: DispatchTexts = {
  vocabulary,
  workOrder: {
    title: { zh: "【派工单】{number}{urgency}", en: "[Work order] {number}{urgency}" },
    urgency: { zh: "（{urgency}）", en: " ({urgency})" },
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
    refusedBy: { zh: "（{name}拒单：{reason}）", en: "({name} refused it: {reason})" },
    handedOverBy: { zh: "（{name}转单：{reason}）", en: "({name} handed it over: {reason})" },
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
  why(r) {
    switch (r.code) {
      case "technicians":
        return { zh: "技术员", en: "technicians" };
      case "noTechnician":
        return { zh: "没有技术员", en: "no technician" };
      case "skilled":
        return { zh: `具备技能：${r.skills.join("、")}`, en: `skilled in ${r.skills.join(", ")}` };
      case "noSkill":
        return { zh: `没有会「${r.skills.join("、")}」的技术员`, en: `nobody skilled in ${r.skills.join(", ")}` };
      case "covers":
        return { zh: `负责 ${r.building} 栋`, en: `covers building ${r.building}` };
      case "noCover":
        return { zh: `没有负责 ${r.building} 栋的技术员`, en: `nobody covers building ${r.building}` };
      case "onDuty":
        return { zh: "正在值班", en: "on duty now" };
      case "nobodyOnDuty":
        return { zh: "现在没有人值班", en: "nobody on duty now" };
      case "fewest":
        return { zh: `手上工单最少（${r.n} 张）`, en: `fewest open orders (${r.n})` };
      case "roundRobin":
        return { zh: "轮流派单：最久没有派到", en: "round robin: longest since last order" };
      case "quoteAccepted":
        return { zh: "报价已同意，暂无可派的师傅", en: "quote accepted; nobody free to send yet" };
      case "complaint":
        return { zh: `${r.severity}投诉，按规定由${r.holder}受理`, en: `${r.severity} complaint: ${r.holder} takes it on, as the rules say` };
      case "noComplaintHolder":
        return { zh: `没有可以受理${r.severity}投诉的人员`, en: `nobody can take on a ${r.severity} complaint` };
      case "refused":
      case "handedOver": {
        const verb = r.code === "refused" ? { zh: "拒单", en: "refused" } : { zh: "转单", en: "handed over" };
        return r.up
          ? { zh: `${r.name}${verb.zh}（${r.reason}），按规定转上一级`, en: `${r.name} ${verb.en} (${r.reason}); passed one level up, as the rules say` }
          : { zh: `${r.name}${verb.zh}（${r.reason}）`, en: `${r.name} ${verb.en} (${r.reason})` };
      }
      case "byHand":
        return { zh: `人工派单（${r.by}）`, en: `dispatched by hand (${r.by})` };
    }
  },
  contactChat: { zh: "未留电话，住户在{channel}对话中", en: "no phone; the resident is in a {channel} chat" },
};
