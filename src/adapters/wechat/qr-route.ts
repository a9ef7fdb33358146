import { allowed } from "../../http/auth.js";
import type { FastifyInstance } from "fastify";
import { sendError } from "../../http/errors.js";

/** Where the login stands, for the admin's QR page. */
export interface LoginState {
  status: "starting" | "scan" | "logged_in" | "logged_out";
  qrcode?: string;
  user?: string;
  at: Date;
}

/** GET /api/wechat/qrcode (admin): the login QR code while WeChat waits for a scan, else the login state. */
export function wechatQrRoute(api: FastifyInstance, wechat: { readonly login: LoginState }) {
  api.get("/api/wechat/qrcode", async (req, reply) => {
    if (!allowed(req, reply, "service")) return reply;
    const l = wechat.login;
    if (l.status !== "scan" || !l.qrcode)
      return sendError(reply, 404, `wechat_${l.status}`, `no QR code to scan: WeChat is ${l.status.replace("_", " ")}${l.user ? ` as ${l.user}` : ""}`);
    return { status: l.status, qrcode: l.qrcode, url: `https://wechaty.js.org/qrcode/${encodeURIComponent(l.qrcode)}`, since: l.at.toISOString() };
  });
}
