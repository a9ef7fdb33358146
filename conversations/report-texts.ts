/** What the resident is told when a report is filed, and the safety advice for very urgent ones. */
import { formatWhen, nextOfficeStart, waitsForTheOffice, type FlowContext, type NewTicket, type Text } from "../src/core/flow-api.js";

const SAFETY: Record<string, Text> = {
  gas: {
    zh: "⚠️ 请立即关闭燃气总阀，打开门窗通风；不要开关任何电器、不要点火，也不要在屋里打电话，先到室外安全的地方。燃气抢修电话：{gas}；如有火情请拨打 119，有人不适请拨打 120。",
    en: "⚠️ Turn off the gas main valve now and open the windows. Do not switch any electrics, light a flame or phone from inside; go outside first. Gas emergency line: {gas}; fire: 119; ambulance: 120.",
  },
  fire: {
    zh: "⚠️ 请立即拨打 119，用湿毛巾捂住口鼻，沿安全通道撤离，不要乘坐电梯。有人受伤请拨打 120。",
    en: "⚠️ Call 119 now. Cover your mouth and nose with a wet cloth and leave by the stairs; do not use the lift. Ambulance: 120.",
  },
  lift: {
    zh: "⚠️ 被困人员请保持冷静，不要扒门或强行离开轿厢，按下电梯内的警铃或对讲按钮。有人不适请拨打 120，紧急情况可拨打 119。",
    en: "⚠️ Stay calm inside the lift; do not force the doors. Press the alarm or intercom button. If anyone feels unwell call 120; emergencies 119.",
  },
  injury: {
    zh: "⚠️ 请先拨打 120 急救电话，不要随意搬动伤者，保持通话畅通。如有危险情况请拨打 110。",
    en: "⚠️ Call 120 for an ambulance first and do not move the injured person. If anyone is in danger call 110.",
  },
  water_or_power: {
    zh: "⚠️ 请先关闭家里的进水总阀，并断开漏水处附近的电源，远离带电设备，把贵重物品移开。有人触电请拨打 120。",
    en: "⚠️ Close the main water valve and switch off the power near the leak; keep away from wet electrics. If someone got a shock call 120.",
  },
};

export function safetyAdvice(hazard: string, ctx: FlowContext): Text {
  const advice = SAFETY[hazard] ?? SAFETY.injury!;
  const tail: Text = { zh: "我们已按「非常紧急」处理，会立即安排人员赶到。", en: "We are treating this as very urgent and sending someone at once." };
  return {
    zh: `${ctx.t({ zh: advice.zh, en: advice.zh }, { gas: ctx.policy.gasHotline })}\n${tail.zh}`,
    en: `${ctx.t({ zh: advice.en, en: advice.en }, { gas: ctx.policy.gasHotline })}\n${tail.en}`,
  };
}

/** Filed outside office hours: told honestly when it will be handled, and whom to call if it cannot wait. */
function afterHours(t: NewTicket, ctx: FlowContext): Text {
  const when = (at: Date | undefined) => (at ? formatWhen(at, ctx.policy.timezone, ctx.lang) : "");
  const open = when(nextOfficeStart(ctx.now, ctx.policy));
  const phone = ctx.policy.nightContact ?? ctx.policy.servicePhone;
  const urgent = phone
    ? { zh: `如果情况紧急（燃气、漏电、水漫出来等），请直接回复说明或拨打 ${phone}。`, en: ` If it cannot wait (gas, electrics, flooding), say so or call ${phone}.` }
    : { zh: "如果情况紧急（燃气、漏电、水漫出来等），请直接回复说明。", en: " If it cannot wait (gas, electrics, flooding), say so." };
  const booked = t.appointment && !t.appointment.asap ? when(new Date(t.appointment.at)) : "";
  const by = when(t.deadlines.dispatchDueAt);
  const head: Text = booked
    ? { zh: `已为您预约 ${booked} 上门。现在是下班时间，服务中心 ${open} 上班后会在 ${by} 前安排好师傅。`, en: `A visit is booked for ${booked}. The office is closed now; it opens ${open} and will assign a technician by ${by}.` }
    : {
        zh: `现在是下班时间，服务中心 ${open} 上班后会第一时间处理：${by} 前安排${t.nature === "求助" ? "人员" : "师傅"}，预计 ${when(t.deadlines.arriveDueAt)} 前上门。`,
        en: `The office is closed now; it opens ${open}, assigns ${t.nature === "求助" ? "someone" : "a technician"} by ${by}, and they should arrive by ${when(t.deadlines.arriveDueAt)}.`,
      };
  return { zh: `${head.zh}安排好后会告诉您师傅的姓名和电话。${urgent.zh}`, en: `${head.en} We will tell you who is coming.${urgent.en}` };
}

/** "已为您登记报事，单号 … 师傅将于 … 上门" */
export function describeFiled(t: NewTicket, ctx: FlowContext): string {
  const d = ctx.policy.deadlines;
  const when = (at: Date | undefined) => (at ? formatWhen(at, ctx.policy.timezone, ctx.lang) : "");
  let plan: Text;
  if (t.urgency === "非常紧急") {
    plan = { zh: "我们正在通知值班人员赶到现场（要求 {minutes} 分钟内到达）。", en: "We are alerting the duty team to come (they must be there within {minutes} minutes)." };
  } else if (t.nature === "投诉") {
    plan = {
      zh: "非常抱歉给您带来了不好的体验。我们非常重视您的投诉，{due} 前会有专人跟进，处理结果会告诉您。",
      en: "We are sorry for what you went through. We take your complaint seriously; someone will follow it up by {due} and tell you the outcome.",
    };
  } else if (t.nature === "建议") {
    plan = { zh: "感谢您的建议，我们会在 {due} 前答复您。", en: "Thank you for the suggestion; we will answer by {due}." };
  } else if (t.nature === "咨询") {
    plan = { zh: "客服会在 {due} 前答复您。", en: "Customer service will answer by {due}." };
  } else if (waitsForTheOffice(t, ctx.policy, ctx.now)) {
    plan = afterHours(t, ctx);
  } else if (t.nature === "求助") {
    plan = { zh: "我们会尽快安排人员协助您。", en: "We will send someone to help as soon as possible." };
  } else if (t.appointment && !t.appointment.asap) {
    plan = { zh: "已为您预约 {at} 上门，派工后会告诉您师傅的姓名和电话。", en: "A visit is booked for {at}; we will tell you the technician's name and phone once assigned." };
  } else {
    plan = { zh: "我们会尽快安排师傅，{minutes} 分钟内上门，派工后会告诉您师傅的姓名和电话。", en: "We will send a technician within {minutes} minutes and tell you their name and phone once assigned." };
  }
  const minutes = t.urgency === "非常紧急" ? d.veryUrgentResponse.minutes : d.arriveNoAppointment.minutes;
  const due = when(t.deadlines.dispatchDueAt && t.nature === "投诉" ? t.deadlines.dispatchDueAt : t.deadlines.resolveDueAt);
  const at = t.appointment && !t.appointment.asap ? when(new Date(t.appointment.at)) : "";
  // (an emergency is not thanked for: it is being handled)
  const thanks = t.urgency === "非常紧急" ? { zh: "", en: "" } : { zh: "谢谢您的反馈！", en: " Thank you!" };
  return ctx.t(
    {
      zh: `已为您登记报事，单号 {number}。\n${plan.zh}\n想了解进度请回复「查询进度」。${thanks.zh}`,
      en: `Your report is registered, no. {number}.\n${plan.en}\nReply “progress” to follow it.${thanks.en}`,
    },
    { number: t.number, minutes, due, at },
  );
}
