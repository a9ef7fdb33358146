/**
 * A named lease in the database (src/db/job-leases.ts): an instance runs a job's tick, or a bot account's
 * sender, only while it holds the lease; a holder that dies stops renewing and the lease passes.
 */
export interface Leases {
  /** this instance */
  readonly holder: string;
  /** true when this instance now holds `name` until `now + ttl` */
  take(name: string, now: Date, ttlMs: number): Promise<boolean>;
  /** let go of it (a clean stop): whoever asks next takes it at once */
  release(name: string, now: Date): Promise<void>;
}
