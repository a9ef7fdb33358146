import type { Leases } from "../scheduler/lease.js";
import { param, query } from "./sql/query.js";
import type { Runner } from "./sql/runner.js";

const take = query((k) =>
  k
    .insertInto("JobLease")
    .values({ name: param("name"), holder: param("holder"), expiresAt: param("until") })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet((eb) => ({ holder: eb.ref("excluded.holder"), expiresAt: eb.ref("excluded.expiresAt") }))
        .where((eb) => eb.or([eb("JobLease.holder", "=", eb.ref("excluded.holder")), eb("JobLease.expiresAt", "<=", param("now"))])),
    ),
);

const release = query((k) =>
  k
    .updateTable("JobLease")
    .set({ expiresAt: param("now") })
    .where("name", "=", param("name"))
    .where("holder", "=", param("holder")),
);

/**
 * One row per job in JobLease: an instance runs a tick only while it holds the row. The holder
 * renews it each tick; a crashed holder's lease expires and passes to whoever asks next, so with
 * several instances on one database exactly one runs each job.
 */
export class JobLeases implements Leases {
  constructor(
    private readonly db: Runner,
    /** this instance */
    readonly holder: string,
  ) {}

  /** Let go of it (a clean stop): whoever asks next takes it at once. */
  async release(name: string, now: Date): Promise<void> {
    await this.db.run(release, { name, holder: this.holder, now });
  }

  /** true when this instance now holds the job until `now + ttl` */
  async take(name: string, now: Date, ttlMs: number): Promise<boolean> {
    return (await this.db.run(take, { name, holder: this.holder, until: new Date(now.getTime() + ttlMs), now })) === 1;
  }
}
