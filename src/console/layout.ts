import { consoleTexts as T } from "../../conversations/console-texts.js";
import { can, type Principal } from "../core/access/access.js";
import type { Lang, Text } from "../core/ticket/domain.js";
import { html, jsonBlock, type Html } from "./html.js";
import { fill } from "../core/conversation/text.js";

/** What a page knows of who is looking. */
export interface Viewer {
  principal: Principal;
  csrf: string;
  lang: Lang;
}

/** A console text in the viewer's language, its {placeholders} filled. */
export const say = (v: { lang: Lang }, text: Text, vars?: Record<string, string | number>) => fill(text[v.lang], vars);

const NAV = [
  { href: "/console", key: "board", action: "tickets.read" },
  { href: "/console/frontdesk", key: "frontdesk", action: "frontdesk" },
  { href: "/console/callbacks", key: "callbacks", action: "callbacks" },
  { href: "/console/conversations", key: "conversations", action: "conversations" },
  { href: "/console/staff", key: "staff", action: "staff.read" },
  { href: "/console/properties", key: "properties", action: "properties.read" },
  { href: "/console/stats", key: "stats", action: "statistics" },
  { href: "/console/reports", key: "reports", action: "statistics" },
] as const;

/** The page around every view: the navigation its role may use, who is signed in, the language switch. */
export function page(v: Viewer, opts: { title: string; current?: string; body: Html; flash?: { ok?: string; error?: string }; scripts?: string[] }): string {
  const countdown = {
    ...Object.fromEntries(Object.entries(T.units).map(([k, x]) => [k, x[v.lang]])),
    left: T.board.left[v.lang],
    late: T.board.late[v.lang],
    live: T.board.live[v.lang],
    liveOff: T.board.liveOff[v.lang],
  };
  return html`<!doctype html>
<html lang="${v.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · ${say(v, T.product)}</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<header class="top">
  <strong>${say(v, T.product)}</strong>
  <nav class="main" aria-label="${say(v, T.product)}">
    ${NAV.filter((n) => can(v.principal, n.action)).map(
      (n) =>
        html`<a href="${n.href}"${opts.current === n.key ? html` aria-current="page"` : ""}>${say(v, T.nav[n.key])}${n.key === "conversations" ? html`<span class="badge" data-waiting hidden></span>` : ""}</a>`,
    )}
  </nav>
  <div class="who">
    <span>${v.principal.name}</span>
    <a href="/console/lang?to=${v.lang === "zh" ? "en" : "zh"}">${say(v, T.switchTo)}</a>
    <form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${v.csrf}"><button type="submit">${say(v, T.signOut)}</button></form>
  </div>
</header>
<main>
${opts.flash?.ok ? html`<div class="flash ok" role="status">${opts.flash.ok}</div>` : ""}
${opts.flash?.error ? html`<div class="flash error" role="alert">${opts.flash.error}</div>` : ""}
${opts.body}
</main>
<script type="application/json" id="console-texts">${jsonBlock(countdown)}</script>
<script src="/console/assets/console.js" defer></script>
${(opts.scripts ?? []).map((name) => html`<script src="/console/assets/${name}" defer></script>`)}
</body>
</html>`.value;
}

/** A page for one not signed in (the sign-in form, a link's refusal). */
export function bare(lang: Lang, title: string, body: Html): string {
  return html`<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/console/assets/console.css"></head>
<body><main>${body}</main></body></html>`.value;
}
