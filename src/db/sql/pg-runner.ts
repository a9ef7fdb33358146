import { createHash } from "node:crypto";
import pg from "pg";
import { bind, compile, type Query } from "./query.js";
import type { Runner } from "./runner.js";

// timestamps are stored as UTC wall time (as Prisma stores them): read back as UTC, whatever the host's zone
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (s) => new Date(`${s.replace(" ", "T")}Z`));
// COUNT(*) and other bigints within Number's range
pg.types.setTypeParser(pg.types.builtins.INT8, (s) => Number(s));

/** How a value is sent to PostgreSQL: dates as UTC, JSON as its text (an array would otherwise become a PG array). */
export function pgValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object" && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

type Queryable = pg.Pool | pg.PoolClient;

/** Queries on PostgreSQL through a pool; each query a named prepared statement on its connection. */
export class PgRunner implements Runner {
  readonly provider = "postgresql" as const;
  readonly poolSize: number;

  constructor(
    private readonly on: Queryable,
    private readonly pool?: pg.Pool,
  ) {
    this.poolSize = pool?.options.max ?? 1;
  }

  static connect(url: string, max: number, onError?: (err: Error) => void): PgRunner {
    const pool = PgRunner.pool(url, max, onError);
    return new PgRunner(pool, pool);
  }

  /**
   * A pool that outlives a lost connection: an idle connection the server ends (a restart, a failover) is
   * dropped and replaced, not a crash of the process (pg's advice: always listen for the pool's errors).
   */
  static pool(url: string, max: number, onError: (err: Error) => void = () => undefined): pg.Pool {
    const pool = new pg.Pool({ connectionString: url, max });
    pool.on("error", onError);
    return pool;
  }

  private async exec(q: Query<unknown>, values: Readonly<Record<string, unknown>>) {
    const c = compile(q, "postgresql");
    const name = `q${createHash("sha1").update(c.sql).digest("hex").slice(0, 16)}`;
    return this.on.query({ name, text: c.sql, values: bind(c, values).map(pgValue) });
  }

  async all<Row>(q: Query<Row>, values: Readonly<Record<string, unknown>> = {}): Promise<Row[]> {
    return (await this.exec(q, values)).rows as Row[];
  }

  async one<Row>(q: Query<Row>, values: Readonly<Record<string, unknown>> = {}): Promise<Row | undefined> {
    return (await this.exec(q, values)).rows[0] as Row | undefined;
  }

  async run(q: Query<unknown>, values: Readonly<Record<string, unknown>> = {}): Promise<number> {
    return (await this.exec(q, values)).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Runner) => Promise<T>, opts: { lazy?: boolean } = {}): Promise<T> {
    if (!this.pool) return this.savepoint(work);
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (opts.lazy) await client.query("SET LOCAL synchronous_commit = off");
      const out = await work(new PgRunner(client));
      await client.query("COMMIT");
      return out;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** A transaction inside one: its work stands or falls alone, and the outer one goes on either way. */
  private async savepoint<T>(work: (tx: Runner) => Promise<T>): Promise<T> {
    const name = `sp${++this.depth}`;
    await this.on.query(`SAVEPOINT ${name}`);
    try {
      const out = await work(this);
      await this.on.query(`RELEASE SAVEPOINT ${name}`);
      return out;
    } catch (err) {
      await this.on.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  private depth = 0;

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
