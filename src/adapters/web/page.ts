import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { PropertyDirectory } from "../../db/properties.js";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** GET /chat: the web chat page (网上报修), with the property's name. */
export function chatPage(app: FastifyInstance, properties: PropertyDirectory) {
  const template = readFileSync(new URL("./chat.html", import.meta.url), "utf8");
  const pages = new Map<string, string>();
  app.get<{ Querystring: { property?: string } }>("/chat", async (req, reply) => {
    const p = properties.get(req.query.property);
    let page = pages.get(p.id);
    if (!page) {
      page = template.replaceAll("{{propertyName}}", escapeHtml(p.name)).replaceAll("{{timezone}}", escapeHtml(p.policy.timezone));
      pages.set(p.id, page);
    }
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(page);
  });
  app.get("/", async (_req, reply) => reply.redirect("/chat"));
}
