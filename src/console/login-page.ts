import { consoleTexts as T } from "../../conversations/console-texts.js";
import type { Lang } from "../core/ticket/domain.js";
import { html } from "./html.js";
import { bare } from "./layout.js";

/** The sign-in form: works without JavaScript; a refusal says what went wrong and keeps the login typed. */
export function loginView(lang: Lang, opts: { next?: string | undefined; login?: string; error?: string }): string {
  const k = T.login;
  return bare(
    lang,
    `${k.title[lang]} · ${T.product[lang]}`,
    html`<div class="login card">
<h1>${T.product[lang]}</h1>
${opts.error ? html`<p class="flash error" role="alert">${opts.error}</p>` : ""}
<form method="post" action="/console/login">
  <input type="hidden" name="next" value="${opts.next ?? "/console"}">
  <div><label for="login">${k.login[lang]}</label><input id="login" name="login" autocomplete="username" required value="${opts.login ?? ""}" autofocus></div>
  <div><label for="password">${k.password[lang]}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <button class="primary" type="submit">${k.submit[lang]}</button>
</form>
<p><a href="/console/lang?to=${lang === "zh" ? "en" : "zh"}">${T.switchTo[lang]}</a></p>
</div>`,
  );
}
