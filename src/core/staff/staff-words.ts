import type { Text } from "../ticket/domain.js";
import type { NewTimeTexts } from "../visits/new-time.js";
import type { QuoteWords } from "../quotes/quote-desk.js";
import type { Vocabulary } from "../vocabulary.js";

/** The words staff use (kept in conversations/staff.ts). */
export interface StaffWords {
  /** statuses and refusals in words */
  vocabulary: Vocabulary;
  bind: RegExp;
  myOrders: RegExp;
  arrive: RegExp;
  /** 完工, with notes (and a fee: "材料费 30 元") after it */
  complete: RegExp;
  /** asking the resident for a new time when nobody can go */
  newTime: NewTimeTexts;
  /** 报价 and its texts (conversations/quotes.ts) */
  quotes: QuoteWords;
  /** 转单 */
  handOver: RegExp;
  /** 代报, with the report after it (or not: the questions follow) */
  onBehalf: RegExp;
  /** the word that starts a report: 代报 runs the report flow through it */
  reportTrigger: string;
  /** 改约, with the new time agreed with the resident after it */
  reschedule: RegExp;
  /** 挂起 (on hold, waiting for parts or the owner) and 恢复 (resume) */
  hold: RegExp;
  resume: RegExp;
  /** 登录: a one-time link to the console (sent only in a private chat) */
  signIn: RegExp;
  /** every staff command; unbound users who type one are told it is for staff */
  commands: RegExp;
  texts: {
    /** when an accepted order is due: "尽快", "{when} 前" */
    asap: Text;
    before: Text;
    bound: Text;
    badCode: Text;
    alreadyBound: Text;
    staffOnly: Text;
    noOrders: Text;
    orders: Text;
    notYet: Text;
    notYours: Text;
    alreadyHandled: Text;
    accepted: Text;
    residentTold: Text;
    noneToArrive: Text;
    noneToComplete: Text;
    whichOrder: Text;
    arrived: Text;
    residentArrived: Text;
    completed: Text;
    residentCompleted: Text;
    refuseWhy: Text;
    handOverWhy: Text;
    handOverNoOne: Text;
    noneToHandOver: Text;
    handedOver: Text;
    residentHandedOver: Text;
    rescheduleHow: Text;
    noneToReschedule: Text;
    rescheduled: Text;
    residentRescheduled: Text;
    refused: Text;
    refusedNoOne: Text;
    /** a complaint (or other report without a visit) taken on, to the staff member and to the resident */
    takenOn: Text;
    residentTakenOn: Text;
    /** a paid job (有偿服务): the fee standard, told to the resident before work starts */
    paidJob: Text;
    holdWhy: Text;
    noneToHold: Text;
    held: Text;
    residentHeld: Text;
    noneOnHold: Text;
    resumed: Text;
    residentResumed: Text;
    signInLink: Text;
    signInPrivately: Text;
    signInOff: Text;
  };
  /** the resident's rating of a finished job (满意 / 基本满意 / 不满意) */
  ratings: readonly string[];
  /** reasons a worker picks when refusing (拒单) */
  refusalReasons: readonly { code: string; label: Text }[];
  /** reasons a worker picks when putting an order on hold (挂起) */
  holdReasons: readonly { code: string; label: Text }[];
}
