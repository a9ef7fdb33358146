import type { Clock } from "../core/policy/clock.js";
import type { Leases } from "../scheduler/lease.js";

/**
 * One sender per bot account (or WeChat login) across instances: the sender runs only while this instance holds
 * the account's lease (a JobLease row), renewed every quarter of its term. A holder that dies stops renewing and
 * the lease passes, within its term, to an instance that asks — every quarter term, or at once when it has
 * replies to send. A clean stop lets it go. The send limits thus hold for the account as a whole.
 */
export class SenderLease {
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private asking: Promise<void> | undefined;
  private lastAsked = 0;

  constructor(
    private readonly leases: Leases,
    readonly name: string,
    private readonly clock: Clock,
    private readonly termMs: number,
    private readonly on: { gained(): Promise<void>; lost(): Promise<void>; failed(err: unknown): void },
  ) {}

  get holds(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    await this.ask();
    this.timer = setInterval(() => void this.ask(), Math.max(250, this.termMs / 4));
  }

  /** resolves once a pending ask is answered (tests) */
  async settled(): Promise<void> {
    await this.asking;
  }

  /** there is something to send: ask now (at most once a second) rather than at the next renewal */
  poke(): void {
    if (this.held || this.clock.now().getTime() - this.lastAsked < 1000) return;
    void this.ask();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.asking;
    if (this.held) {
      this.held = false;
      await this.on.lost();
      await this.leases.release(this.name, this.clock.now()).catch((err) => this.on.failed(err));
    }
  }

  private ask(): Promise<void> {
    this.asking ??= (async () => {
      this.lastAsked = this.clock.now().getTime();
      try {
        const holds = await this.leases.take(this.name, this.clock.now(), this.termMs);
        if (holds && !this.held) {
          this.held = true;
          await this.on.gained();
        } else if (!holds && this.held) {
          this.held = false;
          await this.on.lost();
        }
      } catch (err) {
        this.on.failed(err);
      } finally {
        this.asking = undefined;
      }
    })();
    return this.asking;
  }
}
