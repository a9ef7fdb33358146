import type { Clock } from "../../src/core/policy/clock.js";

/** A clock the test moves by hand: nothing in the suite sleeps through time. */
export class TestClock implements Clock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(minutes: number): void {
    this.t += minutes * 60000;
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
}
