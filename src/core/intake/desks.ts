import type { Translate, StaffTurn } from "../staff/staff-turn.js";
import type { InboundMessage } from "../ports.js";

/**
 * A desk answers what is not a resident's flow: staff commands and work orders (wo:), callbacks and ratings
 * (cb:, rate:), quotes (quote:), new times (newtime:), urges (urge:). Each declares the choices it answers; the
 * intake asks the router, which tries the desks in their fixed order (grammY's Composer is the model).
 */
export interface Desk {
  /** the choice prefixes it answers ("wo" answers "wo:…") */
  readonly answers: readonly string[];
  /**
   * typed words it may take while a resident is in the middle of a report (default yes): an urge typed then is
   * the report's business ("什么时候来" answers the time question); its own choices are always its own
   */
  readonly whileReporting?: boolean;
  handle(msg: InboundMessage, text: string, now: Date, t: Translate): Promise<StaffTurn | undefined>;
}

export class DeskRouter {
  private readonly prefix: RegExp;

  /** the desks in the order they are asked (adding a desk touches this one list, in app.ts) */
  constructor(private readonly desks: readonly Desk[]) {
    const names = desks.flatMap((d) => d.answers).map((a) => a.replace(/[^a-z]/g, ""));
    this.prefix = names.length ? new RegExp(`^(${names.join("|")}):`) : /$^/;
  }

  /** the value of a choice one of the desks answers */
  answers(choice: string | undefined): boolean {
    return !!choice && this.prefix.test(choice);
  }

  /** the first desk's answer, in order; undefined when none takes the message */
  async route(msg: InboundMessage, text: string, now: Date, t: Translate, reporting: boolean): Promise<StaffTurn | undefined> {
    for (const desk of this.desks) {
      if (reporting && desk.whileReporting === false && !msg.choice) continue;
      const turn = await desk.handle(msg, text, now, t);
      if (turn) return turn;
    }
    return undefined;
  }
}
