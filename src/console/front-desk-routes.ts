import type { FastifyInstance } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { page, say, type Viewer } from "./layout.js";
import type { ConsoleDeps, Send, View } from "./deps.js";
import { can } from "../core/access/access.js";
import { FieldRefusedError } from "../core/errors.js";
import { frontDeskView, type DeskForm } from "./front-desk-page.js";

/** 前台登记 in the console: the form, its reading of a resident's words, and the registration. */
export function frontDeskPages(app: FastifyInstance, deps: ConsoleDeps, viewer: View, sendPage: Send) {
  const deskProperties = (v: Viewer) =>
    deps.properties
      .list()
      .filter((x) => can(v.principal, "frontdesk", x.id))
      .map((x) => ({ id: x.id, name: x.name }));
  app.get("/console/frontdesk", async (req, reply) => {
    const v = viewer(req, reply, "frontdesk");
    if (!v) return reply;
    const body = frontDeskView(v, { form: {}, errors: {}, properties: deskProperties(v) });
    return sendPage(reply, page(v, { title: say(v, T.frontdesk.title), current: "frontdesk", body }));
  });

  app.post<{ Body: Record<string, string> }>("/console/frontdesk", async (req, reply) => {
    const v = viewer(req, reply, "frontdesk");
    if (!v) return reply;
    const b = req.body ?? {};
    const properties = deskProperties(v);
    const form: DeskForm = Object.fromEntries(
      (["property", "channel", "words", "place", "phone", "description", "appointment", "reporterName"] as const).map((k) => [
        k,
        String(b[k] ?? "").slice(0, 2000),
      ]),
    );
    const propertyId = properties.find((p) => p.id === form.property)?.id ?? properties[0]?.id ?? "";
    const now = deps.clock.now();
    const show = (d: Omit<Parameters<typeof frontDeskView>[1], "properties" | "form">, status = 200) =>
      sendPage(reply, page(v, { title: say(v, T.frontdesk.title), current: "frontdesk", body: frontDeskView(v, { ...d, form, properties }) }), status);
    if (b.step === "read") {
      // the resident's words fill what they hold; what the office already typed stays
      const draft = deps.desk.read(v.principal, propertyId, form.words ?? "", now);
      for (const k of ["place", "phone", "description", "appointment"] as const) if (!form[k] && draft[k]) form[k] = draft[k];
      return show({ errors: draft.errors, ...(draft.category ? { guessed: draft.category } : {}) });
    }
    try {
      const r = await deps.desk.register(
        v.principal,
        {
          propertyId,
          channel: form.channel === "walk-in" ? "walk-in" : "phone",
          place: form.place ?? "",
          phone: form.phone ?? "",
          description: form.description ?? "",
          ...(form.appointment ? { appointment: form.appointment } : {}),
          ...(form.reporterName ? { reporterName: form.reporterName } : {}),
          ...(form.words ? { said: form.words } : {}),
        },
        now,
      );
      form.words = form.place = form.phone = form.description = form.appointment = form.reporterName = "";
      return show({ errors: {}, filed: { number: r.ticket.number, told: r.told } }, 201);
    } catch (err) {
      if (err instanceof FieldRefusedError) return show({ errors: { [err.field]: err.message } }, 422);
      throw err;
    }
  });
}
