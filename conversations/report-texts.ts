/** What the resident is told when a report is filed, and the safety advice for very urgent ones. */
import {
  formatWhen,
  nextOfficeStart,
  waitsForTheOffice,
  type DispatchOutcome,
  type FlowContext,
  type NewTicket,
  type Text,
} from "../src/core/conversation/flow-api.js";

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
  // (who comes and when is told with the report number, from what dispatch did)
  const tail: Text = { zh: "我们已按「非常紧急」处理。", en: "We are treating this as very urgent." };
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
    ? {
        zh: `如果情况紧急（燃气、漏电、水漫出来等），请直接回复说明或拨打 ${phone}。`,
        en: ` If it cannot wait (gas, electrics, flooding), say so or call ${phone}.`,
      }
    : { zh: "如果情况紧急（燃气、漏电、水漫出来等），请直接回复说明。", en: " If it cannot wait (gas, electrics, flooding), say so." };
  const booked = t.appointment && !t.appointment.asap ? when(new Date(t.appointment.at)) : "";
  const by = when(t.deadlines.dispatchDueAt);
  const head: Text = booked
    ? {
        zh: `已为您预约 ${booked} 上门。现在是下班时间，服务中心 ${open} 上班后会在 ${by} 前安排好师傅。`,
        en: `A visit is booked for ${booked}. The office is closed now; it opens ${open} and will assign a technician by ${by}.`,
      }
    : {
        zh: `现在是下班时间，服务中心 ${open} 上班后会第一时间处理：${by} 前安排${t.nature === "求助" ? "人员" : "师傅"}，预计 ${when(t.deadlines.arriveDueAt)} 前上门。`,
        en: `The office is closed now; it opens ${open}, assigns ${t.nature === "求助" ? "someone" : "a technician"} by ${by}, and they should arrive by ${when(t.deadlines.arriveDueAt)}.`,
      };
  return { zh: `${head.zh}安排好后会告诉您师傅的姓名和电话。${urgent.zh}`, en: `${head.en} We will tell you who is coming.${urgent.en}` };
}

/**
 * The filing answer, composed from what filing set going (`outcome`): someone on the way or nobody yet, a quote
 * first, the office's wait — one true account of what happens next, never a promise the next line takes back.
 * A complaint opens with an apology; an emergency is not thanked for.
 */
export function describeFiled(t: NewTicket, outcome: DispatchOutcome | undefined, ctx: FlowContext): string {
  const d = ctx.policy.deadlines;
  const tz = ctx.policy.timezone;
  const when = (at: Date | undefined) => (at ? formatWhen(at, tz, ctx.lang) : "");
  const at = t.appointment && !t.appointment.asap ? when(new Date(t.appointment.at)) : "";
  const night = ctx.policy.nightContact
    ? `夜间值班电话 ${ctx.policy.nightContact}`
    : ctx.policy.servicePhone
      ? `服务中心电话 ${ctx.policy.servicePhone}`
      : undefined;
  const nightEn = ctx.policy.nightContact ? `the night duty phone ${ctx.policy.nightContact}` : `the service centre on ${ctx.policy.servicePhone ?? ""}`;
  const vars = {
    number: t.number,
    minutes: t.urgency === "非常紧急" ? d.veryUrgentResponse.minutes : d.arriveNoAppointment.minutes,
    due: when(t.nature === "投诉" ? t.deadlines.dispatchDueAt : t.deadlines.resolveDueAt),
    at,
    quoteBy: when(outcome?.due),
    night: ctx.lang === "zh" ? (night ?? "") : nightEn,
  };
  const head: Text =
    t.nature === "投诉"
      ? {
          zh: "非常抱歉给您带来了不好的体验。已为您登记投诉，单号 {number}。",
          en: "We are sorry for what you went through. Your complaint is registered, no. {number}.",
        }
      : { zh: "已为您登记报事，单号 {number}。", en: "Your report is registered, no. {number}." };
  const plan = planText(t, outcome, ctx, !!at, !!night);
  const tail: Text = { zh: "想了解进度请回复「查询进度」。", en: "Reply “progress” to follow it." };
  // thanks where the resident took trouble to tell us; not for an emergency, a complaint, or when nobody can come yet
  const thanks =
    t.urgency !== "非常紧急" && outcome?.kind !== "nobody" && (t.nature === "报修" || t.nature === "求助" || t.nature === "咨询")
      ? ctx.t({ zh: "谢谢您的反馈！", en: " Thank you!" })
      : "";
  return `${ctx.t(head, vars)}\n${ctx.t(plan, vars)}\n${ctx.t(tail)}${thanks}`;
}

function planText(t: NewTicket, outcome: DispatchOutcome | undefined, ctx: FlowContext, booked: boolean, hasNight: boolean): Text {
  const kind = outcome?.kind;
  if (t.urgency === "非常紧急") {
    if (outcome?.alerted) {
      return { zh: "已通知值班管家和主管，他们会马上联系您。", en: "The duty steward and the supervisors have been alerted and will contact you right away." };
    }
    // nobody on duty could be reached at all: the resident is told to call, not that someone was told
    if (kind === "nobody" && !outcome?.told) {
      return hasNight
        ? {
            zh: "目前没能联系上值班人员，请立即拨打{night}；我们也会继续联系人员赶来。",
            en: "We could not reach the duty team just now: please call {night} right away; we keep trying to send someone.",
          }
        : {
            zh: "目前没能联系上值班人员，请立即拨打 119 / 120 等紧急电话；我们也会继续联系人员赶来。",
            en: "We could not reach the duty team just now: please call the emergency numbers (119 / 120) right away; we keep trying to send someone.",
          };
    }
    if (kind === "nobody") {
      return hasNight
        ? {
            zh: "值班师傅暂时联系不上，主管已收到紧急通知，正在安排人员赶来；您也可以直接拨打{night}。",
            en: "The duty technician cannot be reached right now; the supervisors have been alerted and are sending someone. You can also call {night}.",
          }
        : {
            zh: "值班师傅暂时联系不上，主管已收到紧急通知，正在安排人员赶来。",
            en: "The duty technician cannot be reached right now; the supervisors have been alerted and are sending someone.",
          };
    }
    return {
      zh: "已通知值班人员立即赶来，要求 {minutes} 分钟内到场；接单后会告诉您姓名和电话。",
      en: "The duty team has been told to come at once (within {minutes} minutes); we will tell you who is coming.",
    };
  }
  if (t.nature === "投诉")
    return {
      zh: "我们非常重视您的投诉，{due} 前会有专人跟进，处理结果会告诉您。",
      en: "We take it seriously; someone will follow it up by {due} and tell you the outcome.",
    };
  if (t.nature === "建议") return { zh: "感谢您的建议，我们会在 {due} 前答复您。", en: "Thank you for the suggestion; we will answer by {due}." };
  if (t.nature === "咨询") return { zh: "客服会在 {due} 前答复您。", en: "Customer service will answer by {due}." };
  if (kind === "waits" || (!outcome && waitsForTheOffice(t, ctx.policy, ctx.now))) return afterHours(t, ctx);
  const someone = t.nature === "求助" ? { zh: "人员", en: "someone" } : { zh: "师傅", en: "a technician" };
  if (kind === "quote") {
    return booked
      ? {
          zh: "这项维修不在收费标准内，需要先报价：主管会在 {quoteBy} 前给您报价，您同意后再按您约的 {at} 或另约时间上门。",
          en: "This repair is not in the fee catalogue, so it is quoted first: a supervisor will quote by {quoteBy}; once you accept, a technician comes at {at} or a time you agree.",
        }
      : {
          zh: "这项维修不在收费标准内，需要先报价：主管会在 {quoteBy} 前给您报价，您同意后再安排师傅上门。",
          en: "This repair is not in the fee catalogue, so it is quoted first: a supervisor will quote by {quoteBy}, and a technician comes once you accept.",
        };
  }
  if (kind === "nobody" && !outcome?.told) {
    return {
      zh: `目前暂时没有能上门的${someone.zh}，服务中心会尽快安排；安排好后会告诉您${someone.zh}的姓名和上门时间。${booked ? "您约的上门时间 {at} 已登记。" : ""}`,
      en: `We are sorry: nobody is free right now. The service centre will arrange ${someone.en} and tell you who and when.${booked ? " Your time {at} is registered." : ""}`,
    };
  }
  if (kind === "nobody") {
    return booked
      ? {
          zh: `您约的上门时间 {at} 已登记。目前暂时没有能派的${someone.zh}，主管已收到通知，会尽快安排；安排好后会告诉您${someone.zh}的姓名和电话。`,
          en: `Your visit time {at} is registered. Nobody is free to assign right now; a supervisor has been told and will arrange ${someone.en}, and we will tell you who.`,
        }
      : {
          zh: `目前暂时没有能上门的${someone.zh}，主管已收到通知，会尽快安排；安排好后会告诉您${someone.zh}的姓名和上门时间。`,
          en: `We are sorry: nobody is free right now. A supervisor has been told and will arrange ${someone.en}; we will tell you who and when.`,
        };
  }
  if (t.nature === "求助") return { zh: "我们会尽快安排人员协助您。", en: "We will send someone to help as soon as possible." };
  if (booked)
    return {
      zh: "已为您预约 {at} 上门，派工后会告诉您师傅的姓名和电话。",
      en: "A visit is booked for {at}; we will tell you the technician's name and phone once assigned.",
    };
  return {
    zh: "我们会尽快安排师傅，{minutes} 分钟内上门，派工后会告诉您师傅的姓名和电话。",
    en: "We will send a technician within {minutes} minutes and tell you their name and phone once assigned.",
  };
}
