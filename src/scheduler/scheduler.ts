import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../core/policy/clock.js";
import type { Logger } from "../core/log.js";
import type { Leases } from "./lease.js";

/** One kind of time-driven work. `run` does everything due by `now` (so a late tick catches up) and is safe to repeat. */
export interface Job {
  name: string;
  /** cron expression (from config) */
  schedule: string;
  run(now: Date): Promise<Record<string, number>>;
}

/**
 * Runs the jobs on their cron schedules, each tick only under the job's lease (one instance of
 * many), never two ticks of one job at once in this process. At start every job runs once: what
 * fell due while the service was down is done then.
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Map<string, Promise<Record<string, number> | undefined>>();
  /** the jobs whose lease this instance took last, until when (by the scheduler's clock) */
  private readonly holding = new Map<string, Date>();

  constructor(
    private readonly jobs: readonly Job[],
    private readonly deps: { leases: Leases; clock: Clock; log: Logger; leaseMs: number },
  ) {}

  async start(): Promise<void> {
    for (const job of this.jobs) this.tasks.push(cron.schedule(job.schedule, () => void this.run(job.name), { name: job.name }));
    await this.runAll();
  }

  async stop(): Promise<void> {
    for (const t of this.tasks) await t.destroy();
    this.tasks.length = 0;
    await Promise.allSettled([...this.running.values()]);
  }

  /** The jobs this instance holds the lease of now (/healthz). */
  held(): string[] {
    const now = this.deps.clock.now();
    return [...this.holding].filter(([, until]) => until > now).map(([name]) => name);
  }

  /** Every job once, in order (start-up catch-up; tests). */
  async runAll(): Promise<Record<string, Record<string, number> | undefined>> {
    const out: Record<string, Record<string, number> | undefined> = {};
    for (const job of this.jobs) out[job.name] = await this.run(job.name);
    return out;
  }

  /** One tick of a job; undefined when another instance holds its lease (or it is still running here). */
  run(name: string): Promise<Record<string, number> | undefined> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    const busy = this.running.get(name);
    if (busy) return busy.then(() => undefined);
    const tick = this.tick(job).finally(() => this.running.delete(name));
    this.running.set(name, tick);
    return tick;
  }

  private async tick(job: Job): Promise<Record<string, number> | undefined> {
    const now = this.deps.clock.now();
    if (!(await this.deps.leases.take(job.name, now, this.deps.leaseMs))) {
      this.holding.delete(job.name);
      return undefined;
    }
    this.holding.set(job.name, new Date(now.getTime() + this.deps.leaseMs));
    try {
      const result = await job.run(now);
      if (Object.values(result).some((n) => n > 0)) this.deps.log.info({ job: job.name, ...result }, "job done");
      return result;
    } catch (err) {
      this.deps.log.error({ job: job.name, err: String(err) }, "job failed; the next tick retries");
      return undefined;
    }
  }
}
