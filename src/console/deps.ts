import type { StatsOffice } from "../core/statistics/stats-office.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Action } from "../core/access/access.js";
import type { SignIn } from "../core/access/sign-in.js";
import type { CallbackWords } from "../core/callbacks/callback-desk.js";
import type { CallbackOffice } from "../core/callbacks/callback-office.js";
import type { Workforce } from "../core/dispatch/records.js";
import type { FrontDesk } from "../core/intake/front-desk.js";
import type { Clock } from "../core/policy/clock.js";
import type { QuoteOffice } from "../core/quotes/quote-office.js";
import type { StaffAdmin } from "../core/staff/staff-admin.js";
import type { ChannelName } from "../core/ticket/domain.js";
import type { OfficeActions } from "../core/ticket/office-actions.js";
import type { BoardStore } from "../db/board-store.js";
import type { CallbackList } from "../db/callback-list.js";
import type { PropertyDirectory, PropertyRecords } from "../db/properties.js";
import type { TicketFiles } from "../db/ticket-files.js";
import type { StoredReports } from "../db/stored-reports.js";
import type { HandoffStore } from "../db/handoff-store.js";
import type { HandoffOffice, HandoffStep } from "../core/handoff/handoff-office.js";
import type { HandoffTexts } from "../core/handoff/handoff.js";
import type { ChatHistory, StoredResident } from "../core/ports.js";
import type { RegisterStore } from "../db/register-store.js";
import type { BoardFeed } from "./feed.js";
import type { Viewer } from "./layout.js";

/** What the console's pages are built from (app.ts hands it over). */
export interface ConsoleDeps {
  stats: StatsOffice;
  reports: StoredReports;
  /** 转人工: the conversations, their steps (the same as chat's), and how a step is written */
  handoffs: {
    store: HandoffStore;
    office: HandoffOffice;
    texts: HandoffTexts;
    residentOf(key: string): Promise<StoredResident | undefined>;
    history: ChatHistory;
    write(step: HandoffStep, actor: string, now: Date): Promise<void>;
  };
  /** the registers' rows (a work order for its printed 派工单) */
  registers: RegisterStore;
  signIn: SignIn;
  clock: Clock;
  secure: boolean;
  properties: PropertyDirectory;
  board: BoardStore;
  files: TicketFiles;
  workforce: Workforce;
  staff: StaffAdmin;
  actions: OfficeActions;
  feed: BoardFeed;
  skillsOf(text: string): string[];
  desk: FrontDesk;
  callbackList: CallbackList;
  callbackOffice: CallbackOffice;
  callbackWords: CallbackWords;
  quotes: QuoteOffice;
  /** the Telegram bot's username, once known (bind codes' deep links) */
  botName(): string | undefined;
  records: PropertyRecords;
  /** an attachment's bytes through the channel it came by */
  attachment(channel: ChannelName, ref: string): Promise<{ type: string; body: Buffer } | undefined>;
  /** the policies folder (policies/<id>.yaml) */
  dir: string;
}

/** A page's viewer, or the answer instead (the sign-in page, 403): every view asks it first. */
export type View = (req: FastifyRequest, reply: FastifyReply, action: Action) => Viewer | undefined;
/** Sends a page (HTML, never cached). */
export type Send = (reply: FastifyReply, body: string, status?: number) => unknown;
