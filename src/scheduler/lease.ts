import type BetterSqlite3 from "better-sqlite3";
import { ts } from "../db/hot-path.js";

/**
 * One row per job in JobLease: an instance runs a tick only while it holds the row. The holder
 * renews it each tick; a crashed holder's lease expires and passes to whoever asks next, so with
 * several instances on one database exactly one runs each job.
 */
export class JobLeases {
  private readonly take_;

  constructor(
    db: BetterSqlite3.Database,
    /** this instance */
    readonly holder: string,
  ) {
    this.take_ = db.prepare(`INSERT INTO JobLease (name, holder, expiresAt) VALUES (@name, @holder, @until)
      ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expiresAt = excluded.expiresAt
      WHERE JobLease.holder = excluded.holder OR JobLease.expiresAt <= @now`);
  }

  /** true when this instance now holds the job until `now + ttl` */
  take(name: string, now: Date, ttlMs: number): boolean {
    return this.take_.run({ name, holder: this.holder, until: ts(new Date(now.getTime() + ttlMs)), now: ts(now) }).changes === 1;
  }
}
