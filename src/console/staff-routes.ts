import type { Send, View } from "./deps.js";
import type { FastifyInstance, FastifyReply } from "fastify";
import { consoleTexts as T } from "../../conversations/console-texts.js";
import { inScope } from "../core/access/access.js";
import { BaoshiError } from "../core/errors.js";
import { formatWhen } from "../core/policy/zoned.js";
import type { StaffAdmin, StaffEdit, StaffRecord } from "../core/staff/staff-admin.js";
import type { Clock } from "../core/policy/clock.js";
import type { PropertyDirectory } from "../db/properties.js";
import { newStaff, staffEdit } from "../http/staff.js";
import { page, say, type Viewer } from "./layout.js";
import { staffFromForm } from "./staff-form.js";
import { staffForm, staffListView } from "./staff-page.js";

/** 人员与排班 in the console: the list, create, edit, deactivate and bind codes — checked by the API's own schema and StaffAdmin's rules. */
export function staffPages(
  app: FastifyInstance,
  deps: { staff: StaffAdmin; properties: PropertyDirectory; clock: Clock; botName(): string | undefined },
  view: View,
  send: Send,
) {
  const data = async (v: Viewer) => ({
    staff: await deps.staff.visible(v.principal),
    now: deps.clock.now(),
    tzOf: (id: string) => deps.properties.get(id).policy.timezone,
    properties: deps.properties
      .list()
      .filter((p) => inScope(v.principal, p.id))
      .map((p) => ({ id: p.id, name: p.name })),
  });
  const list = async (
    v: Viewer,
    reply: FastifyReply,
    extra: Partial<Parameters<typeof staffListView>[1]> & { ok?: string; error?: string } = {},
    status = 200,
  ) => {
    const { ok, error, ...rest } = extra;
    const body = staffListView(v, { ...(await data(v)), ...rest });
    return send(
      reply,
      page(v, { title: say(v, T.staff.title), current: "staff", body, flash: { ...(ok ? { ok } : {}), ...(error ? { error } : {}) } }),
      status,
    );
  };
  /** the API's error message for what the form sent */
  const parsed = <S extends typeof newStaff | typeof staffEdit>(schema: S, input: unknown) => {
    const r = schema.safeParse(input);
    if (r.success) return { value: r.data };
    const issue = r.error.issues[0]!;
    return { error: `${issue.path.join(".") || "body"}: ${issue.message}` };
  };

  app.get<{ Querystring: { ok?: string } }>("/console/staff", async (req, reply) => {
    const v = view(req, reply, "staff.read");
    if (!v) return reply;
    return list(v, reply, req.query.ok ? { ok: req.query.ok.slice(0, 200) } : {});
  });

  app.post<{ Body: Record<string, unknown> }>("/console/staff", async (req, reply) => {
    const v = view(req, reply, "staff.manage");
    if (!v) return reply;
    const input = staffFromForm(req.body ?? {}, false);
    const r = parsed(newStaff, input);
    try {
      if (r.error) throw new FormError(r.error);
      const made = await deps.staff.create(v.principal, r.value as never, deps.clock.now());
      return reply.redirect(`/console/staff?${new URLSearchParams({ ok: say(v, T.staff.saved, { name: made.name }) })}`, 303);
    } catch (err) {
      if (!(err instanceof BaoshiError || err instanceof FormError)) throw err;
      return list(v, reply, { error: err.message }, 422);
    }
  });

  const edit = async (v: Viewer, reply: FastifyReply, s: StaffRecord, typed: Record<string, unknown>, message?: string, status = 200) =>
    send(reply, page(v, { title: s.name, current: "staff", body: staffForm(v, await data(v), s, typed, message ? { message } : {}) }), status);

  app.get<{ Params: { id: string } }>("/console/staff/:id", async (req, reply) => {
    const v = view(req, reply, "staff.manage");
    if (!v) return reply;
    try {
      return edit(v, reply, await deps.staff.manageable(v.principal, req.params.id), {});
    } catch (err) {
      if (err instanceof BaoshiError) return send(reply, page(v, { title: say(v, T.notFound), body: staffListView(v, await data(v)) }), 404);
      throw err;
    }
  });

  const change = (path: string, patch: (body: Record<string, unknown>) => Record<string, unknown>, schema = staffEdit) =>
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`/console/staff/:id${path}`, async (req, reply) => {
      const v = view(req, reply, "staff.manage");
      if (!v) return reply;
      let s: StaffRecord;
      try {
        s = await deps.staff.manageable(v.principal, req.params.id);
      } catch (err) {
        if (err instanceof BaoshiError) return reply.code(404).send();
        throw err;
      }
      const input = patch(req.body ?? {});
      const r = parsed(schema, input);
      try {
        if (r.error) throw new FormError(r.error);
        const saved = await deps.staff.update(v.principal, s.id, r.value as StaffEdit, deps.clock.now());
        return reply.redirect(`/console/staff?${new URLSearchParams({ ok: say(v, T.staff.saved, { name: saved.name }) })}`, 303);
      } catch (err) {
        if (!(err instanceof BaoshiError || err instanceof FormError)) throw err;
        return edit(v, reply, s, input, err.message, 422);
      }
    });
  change("", (b) => staffFromForm(b, true));
  change("/deactivate", () => ({ active: false }));
  change("/reactivate", () => ({ active: true }));

  app.post<{ Params: { id: string } }>("/console/staff/:id/bind-code", async (req, reply) => {
    const v = view(req, reply, "staff.manage");
    if (!v) return reply;
    try {
      const { staff, code, expiresAt } = await deps.staff.bindCode(v.principal, req.params.id, deps.clock.now());
      const bot = deps.botName();
      const until = formatWhen(expiresAt, deps.properties.get(staff.propertyId).policy.timezone, v.lang);
      return list(v, reply, { bind: { name: staff.name, code, until, ...(bot ? { link: `https://t.me/${bot}?start=bind_${code}` } : {}) } }, 201);
    } catch (err) {
      if (err instanceof BaoshiError) return list(v, reply, { error: err.message }, 404);
      throw err;
    }
  });
}

/** A form the API's schema refused: its message, shown above the form. */
class FormError extends Error {}
