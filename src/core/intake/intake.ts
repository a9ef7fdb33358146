// (Over 200 lines: one message's whole path, in order — read, desks, flows, dispatch plans, one commit, a redelivery's first answer — kept together so the order is visible.)
import type { Clock } from "../policy/clock.js";
import type { ChannelName, Text } from "../ticket/domain.js";
import { typedChoice, type ConversationEngine, type ConversationState } from "../conversation/engine.js";
import type { Effect, FlowContext, Reply } from "../conversation/types.js";
import { KeyedQueue, LruMap } from "./keyed-queue.js";
import type { Logger } from "../log.js";
import { maskPhonesInText } from "../conversation/parse/phone.js";
import { inTraditional, readMessage } from "../conversation/parse/script.js";
import type { ChatTurnStore, ConversationStore, InboundMessage, PropertyInfo, StoredResident, StoredSession, WriteSet } from "../ports.js";
import type { StaffTurn } from "../staff/staff-turn.js";
import type { DeskRouter } from "./desks.js";
import type { TicketNotes } from "../ticket/ticket-notes.js";
import type { HumanRequests } from "../staff/human-requests.js";
import type { HandoffRelay, RelayTurn } from "../handoff/relay.js";
import type { HandoffChange } from "../handoff/handoff.js";
import type { Dispatcher, DispatchPlan } from "../dispatch/dispatcher.js";
import { localize } from "../conversation/text.js";
import { chatEvent, writeSetOf } from "./intake-record.js";

/**
 * The message could not be recorded, so nothing of it happened: the channel should have it
 * sent again (a webhook answers 500, polling does not confirm it, the page shows `reply`).
 */
export class NotRecordedError extends Error {
  constructor(
    readonly reply: string,
    override readonly cause: unknown,
  ) {
    super(`message not recorded: ${String(cause)}`);
  }
}

export interface InputTexts {
  empty: Text;
  tooLong: Text;
  expired: Text;
  failed: Text;
}

export interface IntakeDeps {
  store: ConversationStore;
  properties: { get(id?: string): PropertyInfo };
  engine: ConversationEngine;
  clock: Clock;
  log: Logger;
  texts: InputTexts;
  /** channels whose replies go back in the response itself (web chat): their outbox rows are born sent */
  inlineChannels: ReadonlySet<ChannelName>;
  maxTextLength?: number;
  cacheSize?: number;
  /** staff commands, work orders, callbacks, ratings, quotes, new times and urges: answered before any resident flow */
  desks?: DeskRouter;
  /** a report that repeats an open one, added to it as a note */
  notes?: TicketNotes;
  /** 转人工: the stewards told, a handoff opened */
  humans?: HumanRequests;
  /** 代报 from a 转人工 conversation: the filed report made the resident's, and they are told its number */
  filedFor?: (ws: WriteSet, by: NonNullable<ConversationState["onBehalf"]>, property: PropertyInfo, now: Date) => Promise<void>;
  /** 转人工: the resident's messages while a person has (or will have) the conversation */
  relay?: HandoffRelay;
  /** sends each new valid report to a worker in the same transaction */
  dispatcher?: Dispatcher;
  /** slips of a phone keyboard mended before anything reads a message (conversations/keywords.ts) */
  typos?: readonly [RegExp, string][];
  /** told after every commit (senders wake up for the new outbox rows) */
  afterCommit?: (ws: WriteSet) => void;
}

/**
 * Where every inbound message goes, whatever the channel: runs the conversation, then writes
 * the session, the ticket changes, the audit events and the replies in one transaction.
 * One chat's messages are handled in order; state is read from memory, the database is the record.
 */
export class Intake {
  private readonly queue = new KeyedQueue();
  private readonly sessions: LruMap<string, StoredSession | null>;
  private readonly residents: LruMap<string, StoredResident | null>;
  private readonly maxText: number;

  constructor(private readonly deps: IntakeDeps) {
    this.sessions = new LruMap(deps.cacheSize ?? 100_000);
    this.residents = new LruMap(deps.cacheSize ?? 100_000);
    this.maxText = deps.maxTextLength ?? 1000;
  }

  /** The language a chat identity is answered in (its conversation's, else what the resident chose before). */
  async languageOf(channel: ChannelName, userId: string): Promise<"zh" | "en"> {
    const key = `${channel}:${userId}`;
    return (await this.session(key))?.conversation.lang ?? (await this.resident(key))?.lang ?? "zh";
  }

  handle(raw: InboundMessage): Promise<Reply[]> {
    const key = `${raw.channel}:${raw.userId}`;
    // a NUL is never part of what anyone wrote, and PostgreSQL's text cannot hold it
    const msg = raw.text?.includes("\u0000") ? { ...raw, text: raw.text.replaceAll("\u0000", "") } : raw;
    const store = this.deps.store;
    return this.queue.run(key, async () => {
      const written: WriteSet[] = [];
      // (several instances: the chat's turn holds its lock across them, and reads its state afresh)
      const replies = store.exclusive
        ? await store.exclusive(key, (turn) => this.process(key, msg, turn, written))
        : await this.process(key, msg, store, written);
      // the senders hear of the new rows only once they are committed (after the chat's own transaction, if any):
      // a row offered before would be claimed before it exists, and its chat's replies could go out of order
      for (const ws of written) this.deps.afterCommit?.(ws);
      return replies;
    });
  }

  private async process(key: string, inbound: InboundMessage, turn: ChatTurnStore, written: WriteSet[]): Promise<Reply[]> {
    let msg = inbound;
    const { store, clock, log } = this.deps;
    const now = clock.now();
    const session = await this.session(key, turn);
    const property = this.deps.properties.get(msg.propertyId ?? session?.propertyId);
    const resident = await this.resident(key, turn);
    const lang = session?.conversation.lang ?? resident?.lang ?? "zh";
    const t = localize(lang);
    // one script for every parser: traditional is read as simplified, and answered in traditional (below)
    const read = readMessage(msg.text ?? "", this.deps.typos ?? []);
    const script = read.script;
    let text = read.text;
    log.info({ channel: msg.channel, user: key, text: maskPhonesInText(text.slice(0, 200)), choice: msg.choice }, "inbound");

    let conversation = session?.conversation ?? null;
    const notices: string[] = [];
    if (session && conversation?.flow && session.expiresAt <= now) {
      notices.push(t(this.deps.texts.expired, { minutes: property.policy.sessionTimeout.minutes }));
      conversation = {
        lang: conversation.lang,
        ...(conversation.needsHuman ? { needsHuman: true } : {}),
        ...(conversation.handoff ? { handoff: conversation.handoff } : {}),
      };
    }

    let replies: Reply[] = [];
    let effects: Effect[] = [];
    let next: ConversationState | null = conversation;
    let staffTurn: StaffTurn | undefined;
    const planned = new Map<string, DispatchPlan>();
    // a number or label typed for a desk's choice (WeChat has no buttons) is that choice
    const typed = !msg.choice && text ? typedChoice(conversation?.lastChoices, text) : undefined;
    const desks = this.deps.desks;
    if (typed && desks?.answers(typed.value)) {
      msg = { ...msg, choice: typed.value };
      text = "";
    }
    // 转人工: while a person has the conversation the bot stays quiet (the message goes to them)
    let relayed: RelayTurn | undefined;
    if (conversation?.handoff && this.deps.relay && !desks?.answers(msg.choice) && text.length <= this.maxText)
      relayed = await this.deps.relay.turn(
        conversation.handoff,
        { text, attachments: msg.attachments ?? [], reporting: !!conversation.flow },
        { key, stored: { ...resident, displayName: msg.displayName ?? resident?.displayName } },
        now,
        t,
      );
    // staff matters (typed commands, choices on a work order wo:… or a callback cb:…) and a resident's rating (rate:…)
    if (relayed && !relayed.botToo) {
      replies = relayed.replies;
      next = { ...(conversation ?? { lang }), lastChoices: undefined, handoff: relayed.pointer };
    } else if (desks && ((text && !msg.choice) || desks.answers(msg.choice)) && text.length <= this.maxText) {
      staffTurn = await desks.route(msg, text, now, t, !!conversation?.flow);
    }
    // 代报: the staff member's conversation takes a report for a resident, through the same flow
    if (staffTurn?.onBehalf) {
      const { staffId, name, forResident } = staffTurn.onBehalf;
      conversation = { ...(conversation ?? { lang }), onBehalf: { staffId, name, ...(forResident ? { forResident } : {}) } };
      text = staffTurn.onBehalf.text;
      staffTurn = undefined;
    }
    const onBehalf = conversation?.onBehalf;
    const quiet = !!relayed && !relayed.botToo;
    if (quiet) {
      // the relay's replies stand: the message went to the person who has the conversation
    } else if (staffTurn) {
      replies = staffTurn.replies;
      // a desk's own choices can be answered by number too
      const offered = replies.at(-1)?.choices;
      next = { ...(conversation ?? { lang }), lastChoices: offered?.length ? offered : undefined };
    } else if (text.length > this.maxText) {
      replies = [{ text: t(this.deps.texts.tooLong, { max: this.maxText }) }];
    } else if (!text && !msg.choice && !msg.attachments?.length) {
      replies = [{ text: t(this.deps.texts.empty) }];
    } else {
      const dispatcher = this.deps.dispatcher;
      const ctx: FlowContext = {
        now,
        lang,
        policy: property.policy,
        property: { id: property.id, name: property.name },
        channel: msg.channel,
        userId: msg.userId,
        residentId: key,
        // filing for someone else: nothing of the staff member's own memory is offered
        resident: onBehalf
          ? {}
          : {
              ...(resident?.place ? { place: resident.place } : {}),
              ...(resident?.phone ? { phone: resident.phone } : {}),
              ...(msg.displayName ? { displayName: msg.displayName } : {}),
            },
        tickets: store,
        t,
        // the report flow learns what filing sets going before it answers; the plan is written with the ticket
        ...(dispatcher
          ? {
              dispatch: async (ticket) => {
                const plan = await dispatcher.plan(ticket, property, now, { channel: onBehalf ? "phone" : msg.channel });
                planned.set(ticket.id, plan);
                return plan.outcome;
              },
            }
          : {}),
      };
      const turn = await this.deps.engine.handle(
        conversation,
        { text, ...(msg.text ? { raw: msg.text } : {}), ...(msg.choice ? { choice: msg.choice } : {}), attachments: msg.attachments ?? [] },
        ctx,
      );
      replies = turn.replies;
      effects = turn.effects;
      next = turn.conversation;
      // the 代报 mark lasts as long as the report it was started for
      if (onBehalf && next) next = next.flow ? { ...next, onBehalf } : (({ onBehalf: _o, ...rest }) => rest)(next);
    }
    if (relayed?.botToo) {
      // the bot answered too (very urgent words, or the person had ended it): the handoff's own part joins
      replies = [...relayed.replies, ...replies];
      if (next) next = relayed.pointer ? { ...next, handoff: relayed.pointer } : (({ handoff: _h, ...rest }) => rest)(next);
    }
    if (notices.length) replies = [{ text: notices.join("\n") }, ...replies];
    // the script follows the resident's latest message in Chinese
    if (script && next) next = script === "hant" ? { ...next, script: "hant" } : (({ script: _s, ...rest }) => rest)(next);
    else if (script === "hant") next = { lang, script: "hant" };

    const plans = [];
    for (const e of effects) {
      if (e.type === "fileTicket" && this.deps.dispatcher)
        plans.push(planned.get(e.ticket.id) ?? (await this.deps.dispatcher.plan(e.ticket, property, now, { channel: msg.channel })));
      if (e.type === "addToTicket" && this.deps.notes)
        plans.push({ assignments: [], ...(await this.deps.notes.plan(e, { id: key, channel: msg.channel }, now)) });
      if (e.type === "amendTicket" && this.deps.notes)
        plans.push({ assignments: [], ...(await this.deps.notes.planAmend(e, { id: key, channel: msg.channel }, now)) });
      if (e.type === "requestHuman" && this.deps.humans) {
        const asked = await this.deps.humans.plan(
          property.id,
          key,
          { channel: msg.channel, stored: { ...resident, displayName: msg.displayName ?? resident?.displayName } },
          now,
        );
        plans.push({ assignments: [], events: [], outbox: asked.outbox, handoffs: [asked.handoff] });
        if (next) next = { ...next, handoff: { id: asked.handoff.id } };
      }
    }
    if (next?.script === "hant") replies = inTraditional(replies);
    const ws = writeSetOf(
      { key, msg, property, now, conversation: next, effects, replies, resident, onBehalf },
      { maxText: this.maxText, inline: this.deps.inlineChannels.has(msg.channel) },
    );
    for (const p of plans) {
      ws.assignments = [...(ws.assignments ?? []), ...p.assignments];
      ws.events.push(...p.events);
      ws.outbox.push(...p.outbox);
      if ("handoffs" in p) ws.handoffs = [...(ws.handoffs ?? []), ...(p.handoffs as HandoffChange[])];
    }
    if (relayed) {
      ws.outbox.push(...relayed.outbox.map((o) => ({ ...o, inboundId: replyTo(o, msg, ws) })));
      ws.events.push(...relayed.events.map((e) => ({ ...chatEvent(property, msg, now, e.type, e.ticketId), propertyId: e.propertyId, data: e.data })));
      ws.handoffs = [...(ws.handoffs ?? []), ...relayed.handoffs];
    }
    if (staffTurn) this.addStaffTurn(ws, staffTurn, property, msg, now);
    if (onBehalf?.forResident && ws.tickets.length && this.deps.filedFor) await this.deps.filedFor(ws, onBehalf, property, now);
    try {
      await turn.commit(ws);
    } catch (err) {
      this.sessions.delete(key);
      this.residents.delete(key);
      // A redelivered message is refused by the unique (channel, account, message id) key in the
      // same transaction; it changes nothing and gets the replies the first delivery got.
      const earlier = msg.messageId ? await store.repliesTo(msg.channel, msg.account ?? "", msg.messageId) : undefined;
      if (earlier) {
        log.info({ channel: msg.channel, user: key, messageId: msg.messageId }, "duplicate inbound ignored");
        return earlier;
      }
      log.error({ user: key, err: String(err) }, "commit failed; message not processed");
      throw new NotRecordedError(t(this.deps.texts.failed), err);
    }
    written.push(ws);
    this.sessions.set(key, "put" in ws.session ? ws.session.put : null);
    if (ws.resident) this.residents.set(key, ws.resident);
    for (const e of ws.events) log.info({ event: e.type, user: key, ticketId: e.ticketId, ...e.data }, "state change");
    for (const r of replies) log.info({ channel: msg.channel, user: key, text: maskPhonesInText(r.text.slice(0, 200)) }, "outbound");
    return replies;
  }

  /** What a staff matter changes joins the message's transaction. */
  private addStaffTurn(ws: WriteSet, turn: StaffTurn, property: PropertyInfo, msg: InboundMessage, now: Date): void {
    if (turn.answer) ws.offerAnswer = { ...turn.answer, at: now };
    if (turn.assignments) ws.assignments = [...(ws.assignments ?? []), ...turn.assignments];
    if (turn.moves) ws.moves = turn.moves.map((m) => ({ ...m, at: now }));
    if (turn.callbacks) ws.callbacks = turn.callbacks;
    if (turn.handOver) ws.handOver = { ...turn.handOver, at: now };
    if (turn.callbackAnswer) ws.callbackAnswer = { ...turn.callbackAnswer, at: now };
    if (turn.handoffs) ws.handoffs = [...(ws.handoffs ?? []), ...turn.handoffs];
    for (const o of turn.outbox ?? []) ws.outbox.push({ ...o, inboundId: replyTo(o, msg, ws), createdAt: now });
    for (const e of turn.events ?? []) ws.events.push({ ...chatEvent(property, msg, now, e.type, e.ticketId), propertyId: e.propertyId, data: e.data });
    if (turn.binding) {
      ws.binding = { ...turn.binding, at: now };
      ws.events.push({ ...chatEvent(property, msg, now, "staff.bound", null), propertyId: turn.binding.propertyId, data: { staffId: turn.binding.staffId } });
    }
  }

  private session(key: string, from: ChatTurnStore = this.deps.store): Promise<StoredSession | undefined> {
    if (this.deps.store.exclusive) return from.loadSession(key);
    return cachedOrLoad(this.sessions, key, () => from.loadSession(key));
  }

  private resident(key: string, from: ChatTurnStore = this.deps.store): Promise<StoredResident | undefined> {
    if (this.deps.store.exclusive) return from.loadResident(key);
    return cachedOrLoad(this.residents, key, () => from.loadResident(key));
  }
}

/**
 * A row is a reply to the message only when it goes back to the sender's chat: a redelivered message is answered
 * again with its replies, never with what it caused for others (a relayed word, a worker's order).
 */
function replyTo(o: { channel: string; recipient: string }, msg: InboundMessage, ws: WriteSet): string | null {
  return o.channel === msg.channel && o.recipient === (msg.chatId ?? msg.userId) ? ws.inbound.id : null;
}

/** Memory first; the database on a miss (also remembered when there is nothing there). */
async function cachedOrLoad<T>(cache: LruMap<string, T | null>, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const loaded = await load();
  cache.set(key, loaded ?? null);
  return loaded;
}
