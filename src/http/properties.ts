import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { stringify } from "yaml";
import type { Database } from "../db/client.js";
import { parsePolicyText, type PolicyFileResult } from "../db/policy-files.js";
import type { PropertyDirectory, PropertyRecords } from "../db/properties.js";
import { inScope } from "../core/access/access.js";
import { allowed } from "./auth.js";
import { sendError } from "./errors.js";

/** A checked policy takes effect: its file (as written, comments and all), its row, and the running directory. */
export async function savePolicy(
  deps: { records: PropertyRecords; properties: PropertyDirectory; dir: string },
  id: string,
  text: string,
  r: Extract<PolicyFileResult, { ok: true }>,
) {
  mkdirSync(deps.dir, { recursive: true });
  writeFileSync(join(deps.dir, `${id}.yaml`), text);
  await deps.records.save({ id, name: r.name, policy: r.input as object });
  deps.properties.set({ id, name: r.name, policy: r.policy });
}

/** Properties and their policies (admin API). A policy set here is also written to policies/<id>.yaml. */
export function propertyRoutes(api: FastifyInstance, deps: { db: Database; records: PropertyRecords; properties: PropertyDirectory; dir: string }) {
  api.get("/api/properties", async (req, reply) => {
    if (!allowed(req, reply, "properties.read")) return reply;
    const p = req.principal;
    const rows = (await deps.db.property.findMany({ orderBy: { id: "asc" } })).filter((r) => inScope(p, r.id));
    return { properties: rows.map((r) => ({ id: r.id, name: r.name, policy: r.policy })) };
  });

  api.put<{ Params: { id: string } }>("/api/properties/:id/policy", async (req, reply) => {
    const id = req.params.id;
    if (!/^[a-z0-9_-]{1,40}$/.test(id)) return sendError(reply, 400, "invalid_property", "id: use lower-case letters, digits, - or _");
    // a new property is the administrator's to make; an existing one its project manager's too
    if (!allowed(req, reply, "properties.edit", deps.properties.has(id) ? id : "")) return reply;
    const body = (req.body ?? {}) as { name?: unknown; policy?: unknown };
    const existing = await deps.db.property.findUnique({ where: { id } });
    const text = stringify({ name: body.name ?? existing?.name, policy: body.policy ?? {} });
    // the same validation as a file, so the API and the files can never disagree
    const r = parsePolicyText(id, "body", text);
    if (!r.ok) return sendError(reply, 400, "invalid_policy", r.error.replace(/^body:\d+: /, ""));
    await savePolicy(deps, id, `# Written by PUT /api/properties/${id}/policy\n${text}`, r);
    return { id, name: r.name, policy: r.input };
  });
}
