/** What the chat channels say of their own: Telegram's command menu, WeChat's numbered choices, web chat's limit. */
import type { ChannelTexts } from "../src/adapters/channel.js";

export const channelTexts: ChannelTexts = {
  commandMenu: [
    { command: "report", description: { zh: "报事 / 报修", en: "Report a problem" } },
    { command: "progress", description: { zh: "查询进度", en: "My reports" } },
    { command: "cancel", description: { zh: "取消报事", en: "Cancel a report" } },
    { command: "help", description: { zh: "帮助", en: "Help" } },
    { command: "start", description: { zh: "开始", en: "Start" } },
  ],
  slashWords: { start: "菜单", help: "帮助", report: "报事", progress: "查询进度", cancel: "取消", orders: "/orders", bind: "/bind" },
  sharePhone: "📱 发送我的手机号 / Share my phone",
  numbered: { reply: { zh: "回复", en: "Reply" }, comma: { zh: "，", en: ", " } },
  tooFast: "您发送得太快了，请稍等几秒再发。 (Too many messages; please wait a few seconds.)",
  wechatLoggedOut: "【报事系统】微信账号「{name}」已退出登录，微信报事暂停，请尽快到后台扫码重新登录（GET /api/wechat/qrcode）。",
};
