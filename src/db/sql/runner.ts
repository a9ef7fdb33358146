import type { Provider, Query } from "./query.js";

/**
 * What the stores run queries through, whichever database is underneath (sqlite-runner.ts, pg-runner.ts).
 * Rows come back as the driver reads them; rows.ts's readers make one shape of both (dates, booleans, JSON).
 */
export interface Runner {
  readonly provider: Provider;
  /** connections queries may run on at once (1: SQLite's one connection) */
  readonly poolSize: number;
  all<Row>(q: Query<Row>, values?: Readonly<Record<string, unknown>>): Promise<Row[]>;
  one<Row>(q: Query<Row>, values?: Readonly<Record<string, unknown>>): Promise<Row | undefined>;
  /** a write: how many rows it changed */
  run(q: Query<unknown>, values?: Readonly<Record<string, unknown>>): Promise<number>;
  /**
   * Everything `work` runs is committed together or not at all. `lazy`: the commit need not wait for the disk
   * (a sent mark: lost only to a power cut, and then the message goes once more — the window exists anyway).
   * Inside a transaction it is a savepoint: `work` stands or falls alone.
   */
  transaction<T>(work: (tx: Runner) => Promise<T>, opts?: { lazy?: boolean }): Promise<T>;
  close(): Promise<void>;
}
