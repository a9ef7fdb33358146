import { parsePolicy } from "../core/policy/policy.js";
import { readPolicyFiles } from "./policy-files.js";
import type { PropertyInfo } from "../core/ports.js";
import type { Database } from "./client.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";

const upsert = query((k) =>
  k
    .insertInto("Property")
    .values({ id: param("id"), name: param("name"), policy: param("policy"), createdAt: param("at"), updatedAt: param("at") })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), policy: eb.ref("excluded.policy"), updatedAt: eb.ref("excluded.updatedAt") })),
    ),
);

/** A property's row written (created if new): through the query layer, as every write at run time is. */
export class PropertyRecords {
  constructor(private readonly sql: Runner) {}

  async save(p: { id: string; name: string; policy: object }, at = new Date()): Promise<void> {
    await this.sql.run(upsert, { ...p, at });
  }
}

/** The properties this deployment serves, read at start. */
export class PropertyDirectory {
  private constructor(
    private readonly byId: Map<string, PropertyInfo>,
    private readonly defaultId: string,
  ) {}

  static async load(db: Database, defaultId: string): Promise<PropertyDirectory> {
    const rows = await db.property.findMany();
    const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, policy: parsePolicy(r.policy) }]));
    if (!byId.size) throw new Error(`no property: add policies/<id>.yaml (the quick start's is policies/demo.yaml)`);
    if (!byId.has(defaultId)) {
      throw new Error(`DEFAULT_PROPERTY "${defaultId}" does not exist (properties: ${[...byId.keys()].join(", ") || "none"})`);
    }
    return new PropertyDirectory(byId, defaultId);
  }

  /** A property's new policy takes effect at once (reload, admin API). */
  set(info: PropertyInfo): void {
    this.byId.set(info.id, info);
  }

  list(): PropertyInfo[] {
    return [...this.byId.values()];
  }

  /** The named property, or the default one for an unknown or missing id. */
  get(id?: string): PropertyInfo {
    return (id && this.byId.get(id)) || this.byId.get(this.defaultId)!;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}

/**
 * Applies policies/*.yaml: a valid file updates its property (created if new); a broken one is
 * refused with its line and reason, and the property keeps its last good policy.
 */
export async function applyPolicyFiles(
  db: Database,
  records: PropertyRecords,
  dir: string,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  directory?: PropertyDirectory,
): Promise<void> {
  for (const r of readPolicyFiles(dir)) {
    if (!r.ok) {
      const kept = await db.property.findUnique({ where: { id: r.id } });
      log.error(
        { property: r.id, error: r.error },
        kept ? `policy refused; the last good policy keeps serving: ${r.error}` : `policy refused; property not created: ${r.error}`,
      );
      continue;
    }
    await records.save({ id: r.id, name: r.name, policy: r.input as object });
    directory?.set({ id: r.id, name: r.name, policy: r.policy });
    log.info({ property: r.id }, "policy applied");
  }
}
