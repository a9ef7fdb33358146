/** One at a time, in order of asking: what a single connection needs between awaits. */
export class Turns {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** nobody holds or waits for a turn: work may run at once */
  get free(): boolean {
    return this.waiting === 0;
  }

  take<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.tail.then(work, work).finally(() => this.waiting--);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
