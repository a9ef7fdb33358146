/** Markup that is already safe (built by `html`). */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

type Part = Html | string | number | boolean | null | undefined | readonly Part[];
const render = (p: Part): string =>
  p === null || p === undefined || p === false || p === true
    ? ""
    : p instanceof Html
      ? p.value
      : Array.isArray(p)
        ? p.map(render).join("")
        : escapeHtml(String(p));

/**
 * Server-rendered pages without a template engine: every value put into the markup is escaped unless it is
 * markup itself, so what a resident typed can never become a script on a steward's screen.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** JSON for a <script type="application/json"> block (no "</script>" can end it early). */
export const jsonBlock = (v: unknown) => new Html(JSON.stringify(v).replace(/</g, "\\u003c"));
