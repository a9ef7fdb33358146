import { ADMIN_TOKEN, type RunningApp } from "./app.js";

/** A signed-in console user over HTTP: their cookie and CSRF token on every call. */
export interface Signed {
  cookie: string;
  csrf: string;
  status: number;
  get(path: string): Promise<{ status: number; body: any; text: string; location: string | null }>;
  send(
    method: string,
    path: string,
    body?: unknown,
    opts?: { csrf?: string | null; form?: boolean },
  ): Promise<{ status: number; body: any; location: string | null }>;
}

export async function signIn(svc: RunningApp, login: string, password: string): Promise<Signed> {
  const res = await fetch(`${svc.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const body = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`sign-in of ${login} failed: ${res.status} ${JSON.stringify(body)}`);
  const cookie = /baoshi_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
  return asSigned(svc, cookie, body.csrf, res.status);
}

export function asSigned(svc: RunningApp, cookie: string, csrf: string, status = 200): Signed {
  return {
    cookie,
    csrf,
    status,
    async get(path) {
      const r = await fetch(svc.url + path, { headers: { cookie }, redirect: "manual" });
      const text = await r.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: r.status, body, text, location: r.headers.get("location") };
    },
    async send(method, path, body, opts = {}) {
      const token = opts.csrf === undefined ? csrf : opts.csrf;
      const headers: Record<string, string> = { cookie };
      let payload: string | undefined;
      if (opts.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        payload = new URLSearchParams({ ...(body as Record<string, string>), ...(token ? { _csrf: token } : {}) }).toString();
      } else {
        if (token) headers["x-csrf-token"] = token;
        if (body !== undefined) {
          headers["content-type"] = "application/json";
          payload = JSON.stringify(body);
        }
      }
      const r = await fetch(svc.url + path, { method, headers, body: payload, redirect: "manual" });
      const text = await r.text();
      return { status: r.status, body: text ? (JSON.parse(text.startsWith("{") ? text : "null") as any) : undefined, location: r.headers.get("location") };
    },
  };
}

/** The admin API with the bearer token. */
export async function adminSend(svc: RunningApp, method: string, path: string, body?: unknown) {
  const res = await fetch(svc.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
}
