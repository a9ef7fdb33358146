/*
 * The form engine (one job: collect slots, confirm, submit). Over 200 lines because its steps — extract,
 * ask, refuse, decline, clarify, partial answers, precheck, confirm, edit, back, and an emergency's file-first
 * follow-up — are one closure over the form's state; split by step it would pass that state through every call.
 */
import type { Text } from "../ticket/domain.js";
import { blank, type Span } from "./parse/normalize.js";
import type { Choice, Effect, Flow, FlowContext, FlowInput, FlowResult, FlowState, Reply, SlotDef } from "./types.js";

/** Words and labels a form speaks with (kept in conversations/texts.ts). */
export interface FormTexts {
  summaryTitle: Text;
  /** "房号：3栋201" and "房号、电话": the summary's label separator and a list's */
  labelSep: Text;
  listSep: Text;
  confirm: Text;
  edit: Text;
  editWhich: Text;
  confirmHint: Text;
  updated: Text;
  /** what an answer to another question was taken as, before the open question is asked again */
  noted: Text;
  firstStep: Text;
  useRemembered: Text;
  other: Text;
  editPrefix: Text;
  attachmentReceived: Text;
  /** an emergency's detail declined or unreadable: not asked again, the emergency goes on without it */
  skipped: Text;
  /** an emergency's follow-up questions are over */
  followUpDone: Text;
}

/** A report filed before all its slots were in (an emergency): the rest is asked after. */
export interface Filed {
  ticketId: string;
  number: string;
  /** people were alerted because its place was unknown: they hear what comes after too */
  alerted?: boolean;
}

/** A form flow: collects slots, confirms them, then submits (the report flow is one). */
export interface FormDef {
  name: string;
  triggers: readonly (string | RegExp)[];
  claims?(input: FlowInput, ctx: FlowContext): boolean;
  /** asking order */
  slots: SlotDef<any>[];
  /** reading order: which slot takes its part of a message first */
  extractOrder: readonly string[];
  /** recomputes derived slots (e.g. the category) after each message */
  derive?(values: Record<string, unknown>, ctx: FlowContext): Record<string, unknown>;
  /** said once before anything else (safety advice for very urgent reports) */
  preface?(values: Readonly<Record<string, unknown>>, ctx: FlowContext): Text | undefined;
  /**
   * File as soon as the problem is known, without a confirmation (very urgent reports): nothing missing holds it
   * up and nothing declined makes it invalid; what is still wanted (`stillWanted`) is asked after, one at a time.
   */
  fileFirst?(values: Readonly<Record<string, unknown>>): boolean;
  /** after filing first: the slots still worth asking, in order (a missing or vague place, a missing phone) */
  stillWanted?(values: Readonly<Record<string, unknown>>, ctx: FlowContext): string[];
  /** what is said after filing first: the slots it gave, or its words as a note (`note`), written on the report */
  amend?(
    filed: Filed,
    heard: { slots: Record<string, unknown>; note?: string; attachments: FlowInput["attachments"] },
    ctx: FlowContext,
  ): { replies: string[]; effects: Effect[] };
  yesWords: readonly string[];
  texts: FormTexts;
  /** said: the resident's messages during the form, verbatim */
  submit(values: Readonly<Record<string, unknown>>, ctx: FlowContext, said: readonly string[]): Promise<{ replies: Reply[]; effects: Effect[] }>;
  /**
   * Asked once, just before submitting (a report that repeats an open one): a question with choices.
   * undefined: submit as usual.
   */
  precheck?(values: Readonly<Record<string, unknown>>, ctx: FlowContext): Promise<Reply | undefined>;
  /** the answer to the precheck's question; undefined: submit as usual */
  answerPrecheck?(choice: string, values: Readonly<Record<string, unknown>>, ctx: FlowContext): Promise<{ replies: Reply[]; effects: Effect[] } | undefined>;
  /** the resident would not or could not give a needed slot: keep the report as invalid */
  giveUp(values: Readonly<Record<string, unknown>>, reason: Text, ctx: FlowContext, said: readonly string[]): Promise<{ replies: Reply[]; effects: Effect[] }>;
}

interface FormState extends FlowState {
  values: Record<string, unknown>;
  /** the slot being asked, "$confirm" or "$edit" */
  asked?: string;
  retries: Record<string, number>;
  declines: Record<string, number>;
  /** slots in the order they were filled, for 返回 */
  history: string[];
  /** slots whose remembered value was offered already */
  offered: string[];
  /** slots the resident set by hand (not re-derived) */
  pinned: string[];
  prefaced?: boolean;
  /** slots whose ambiguous answer was asked about already (asked once only) */
  clarified?: string[];
  /** the precheck was asked (once) */
  prechecked?: boolean;
  /** filed first (an emergency): the questions now fill in the filed report */
  filed?: Filed;
  /** slots an emergency goes on without (declined, or unreadable too often) */
  skipped?: string[];
  /** the resident's messages, verbatim (kept on the report beside the cleaned description) */
  said?: string[];
  /** what was understood of incomplete answers ("5栋" of a room), completed by the next one */
  partials?: Record<string, unknown>;
}

const CONFIRM = "$confirm";
const EDIT = "$edit";
const PRECHECK = "$precheck";

export function defineForm(def: FormDef): Flow {
  const slotByName = new Map(def.slots.map((s) => [s.name, s]));
  const slot = (name: string) => slotByName.get(name)!;

  const fresh = (): FormState => ({ values: {}, retries: {}, declines: {}, history: [], offered: [], pinned: [] });

  function set(st: FormState, name: string, value: unknown) {
    st.values[name] = value;
    st.history = [...st.history.filter((h) => h !== name), name];
    delete st.retries[name];
    if (st.partials) delete st.partials[name];
  }

  function skip(st: FormState, name: string) {
    st.skipped = [...new Set([...(st.skipped ?? []), name])];
  }

  /** an emergency is never turned away: declines and unreadable answers are skipped, not given up on */
  const lenient = (st: FormState) => !!st.filed || !!def.fileFirst?.(st.values);

  function promptOf(s: SlotDef, st: FormState, ctx: FlowContext): string {
    return ctx.t(typeof s.prompt === "function" ? s.prompt(ctx, st.values) : s.prompt);
  }

  function missing(st: FormState, ctx: FlowContext): SlotDef | undefined {
    return def.slots.find((s) => !s.derived && st.values[s.name] === undefined && !st.skipped?.includes(s.name) && (s.needed?.(st.values, ctx) ?? true));
  }

  function summary(st: FormState, ctx: FlowContext): Reply {
    const lines = def.slots
      .filter((s) => st.values[s.name] !== undefined && (s.derived || (s.needed?.(st.values, ctx) ?? true)))
      .map((s) => `${ctx.t(s.label)}${ctx.t(def.texts.labelSep)}${s.show(st.values[s.name], ctx)}`);
    return {
      text: `${ctx.t(def.texts.summaryTitle)}\n${lines.join("\n")}`,
      choices: [
        { label: ctx.t(def.texts.confirm), value: "confirm" },
        { label: ctx.t(def.texts.edit), value: "edit" },
      ],
    };
  }

  function editChoices(st: FormState, ctx: FlowContext): Reply {
    const choices: Choice[] = def.slots
      .filter((s) => st.values[s.name] !== undefined || (!s.derived && (s.needed?.(st.values, ctx) ?? true)))
      .map((s) => ({ label: `${ctx.t(def.texts.editPrefix)}${ctx.t(s.label)}`, value: `edit:${s.name}` }));
    return { text: ctx.t(def.texts.editWhich), choices };
  }

  /** Ask a slot: offer the remembered value once, or the slot's fixed choices. */
  /** question: asked instead of the slot's prompt (what is missing of a partly understood answer) */
  function ask(s: SlotDef, st: FormState, ctx: FlowContext, before: string[], offer = true, question?: string): Reply {
    st.asked = s.name;
    const text = [...before, question ?? promptOf(s, st, ctx)].join("\n");
    const expects = { expects: s.name };
    const remembered = offer && !st.offered.includes(s.name) ? s.remembered?.(ctx) : undefined;
    if (remembered !== undefined) {
      st.offered.push(s.name);
      return {
        text,
        ...expects,
        choices: [
          { label: ctx.t(def.texts.useRemembered, { value: s.show(remembered, ctx) }), value: `use:${s.name}` },
          { label: ctx.t(def.texts.other), value: `other:${s.name}` },
        ],
      };
    }
    const choices = s.choices?.(ctx);
    return choices ? { text, ...expects, choices } : { text, ...expects };
  }

  /** After a change: ask what is missing, or show the confirmation. */
  /** derived: the message's values were just derived (onText does it once, before deciding anything) */
  async function next(st: FormState, ctx: FlowContext, notes: string[], pendingErrors: Map<string, string>, derived = false): Promise<FlowResult> {
    if (!derived) derive(st, ctx);
    if (!st.prefaced) {
      const preface = def.preface?.(st.values, ctx);
      if (preface) {
        st.prefaced = true;
        notes = [ctx.t(preface), ...notes];
      }
    }
    // an answer the resident tried to give but that was refused is explained at once
    notes = [...notes, ...pendingErrors.values()];
    if (st.values[def.slots[0]!.name] !== undefined && def.fileFirst?.(st.values)) return fileFirst(st, ctx, notes);
    const s = missing(st, ctx);
    if (s) {
      // a partly understood answer ("5栋", "后天") asks only for the rest: that question stands instead of the prompt
      const rest = st.partials?.[s.name] !== undefined ? pendingErrors.get(s.name) : undefined;
      const before = rest ? notes.filter((n) => n !== rest) : notes;
      return { replies: [ask(s, st, ctx, before, !rest, rest)], state: st, effects: [] };
    }
    st.asked = CONFIRM;
    const sum = summary(st, ctx);
    return { replies: notes.length ? [{ text: `${notes.join("\n")}\n\n${sum.text}`, choices: sum.choices }] : [sum], state: st, effects: [] };
  }

  /** An emergency filed at once with what is known; the first thing still wanted is asked right after. */
  async function fileFirst(st: FormState, ctx: FlowContext, notes: string[]): Promise<FlowResult> {
    const r = await def.submit(st.values, ctx, st.said ?? []);
    // one message: what was said first (safety advice) stays first, the report number right after it
    const [first, ...rest] = r.replies;
    const replies = first && notes.length ? [{ ...first, text: `${notes.join("\n")}\n\n${first.text}` }, ...rest] : r.replies;
    const filed = r.effects.find((e) => e.type === "fileTicket");
    const wanted = stillWanted(st, ctx);
    if (filed?.type !== "fileTicket" || filed.ticket.status === "invalid" || !wanted) return end({ ...r, replies });
    st.filed = { ticketId: filed.ticket.id, number: filed.ticket.number, ...(filed.alerted ? { alerted: true } : {}) };
    return { replies: [...replies, ask(wanted, st, ctx, [])], state: st, effects: r.effects };
  }

  const stillWanted = (st: FormState, ctx: FlowContext) => (def.stillWanted?.(st.values, ctx) ?? []).filter((n) => !st.skipped?.includes(n)).map(slot)[0];

  /**
   * After filing first: what the message gave is written on the report (the staff are told), anything else it
   * said is a note; the next thing still wanted is asked, or the questions end. Nothing here makes it invalid.
   */
  async function followUp(
    st: FormState,
    input: FlowInput,
    ctx: FlowContext,
    heard: { changed: string[]; askedResult?: string; askedError: string },
  ): Promise<FlowResult> {
    const asked = st.asked ? slotByName.get(st.asked) : undefined;
    const said: string[] = [];
    if (asked && heard.askedResult === "declined") {
      skip(st, asked.name);
      said.push(ctx.t(def.texts.skipped));
    }
    const slots = Object.fromEntries(heard.changed.map((n) => [n, st.values[n]]));
    const note = !heard.changed.length && heard.askedResult !== "declined" && heard.askedResult !== "error" && input.text ? input.text : undefined;
    const amended = def.amend?.(st.filed!, { slots, ...(note ? { note } : {}), attachments: input.attachments }, ctx) ?? { replies: [], effects: [] };
    said.unshift(...amended.replies);
    // an unreadable answer is asked again a few times, then the emergency goes on without it
    if (asked && !heard.changed.length && !amended.effects.length && heard.askedResult !== "declined") {
      const tries = (st.retries[asked.name] ?? 0) + 1;
      st.retries[asked.name] = tries;
      if (tries >= (asked.retries ?? ctx.policy.slotRetries)) {
        skip(st, asked.name);
        said.push(ctx.t(def.texts.skipped));
      } else said.push(heard.askedError || ctx.t(asked.refusal));
    }
    const wanted = stillWanted(st, ctx);
    if (!wanted) return { replies: [{ text: [...said, ctx.t(def.texts.followUpDone)].join("\n") }], state: null, effects: amended.effects };
    return { replies: [ask(wanted, st, ctx, said, wanted !== asked)], state: st, effects: amended.effects };
  }

  function derive(st: FormState, ctx: FlowContext) {
    if (!def.derive) return;
    const derived = def.derive(st.values, ctx);
    for (const [k, v] of Object.entries(derived)) if (!st.pinned.includes(k)) st.values[k] = v;
  }

  /** One more failed try at a question; past the limit the report is kept as invalid. */
  async function refuse(s: SlotDef, st: FormState, ctx: FlowContext, reason: string, notes: string[]): Promise<FlowResult> {
    const tries = (st.retries[s.name] ?? 0) + 1;
    st.retries[s.name] = tries;
    if (tries >= (s.retries ?? ctx.policy.slotRetries)) {
      if (!lenient(st)) return end(await def.giveUp(st.values, s.invalidReason, ctx, st.said ?? []));
      skip(st, s.name);
      return next(st, ctx, [...notes, ctx.t(def.texts.skipped)], new Map());
    }
    return { replies: [ask(s, st, ctx, [...notes, reason], false)], state: st, effects: [] };
  }

  async function decline(s: SlotDef, st: FormState, ctx: FlowContext): Promise<FlowResult> {
    if (lenient(st)) {
      skip(st, s.name);
      return next(st, ctx, [ctx.t(def.texts.skipped)], new Map());
    }
    const n = (st.declines[s.name] ?? 0) + 1;
    st.declines[s.name] = n;
    if (n >= 2 || !s.declineExplain) return end(await def.giveUp(st.values, s.invalidReason, ctx, st.said ?? []));
    return { replies: [ask(s, st, ctx, [ctx.t(s.declineExplain)], false)], state: st, effects: [] };
  }

  const end = (r: { replies: Reply[]; effects: Effect[] }): FlowResult => ({ replies: r.replies, effects: r.effects, state: null });

  /** The precheck's question, once; undefined when there is none (submit goes ahead). */
  async function precheck(st: FormState, ctx: FlowContext, notes: string[] = []): Promise<FlowResult | undefined> {
    if (st.prechecked || !def.precheck) return undefined;
    const q = await def.precheck(st.values, ctx);
    if (!q) return undefined;
    st.prechecked = true;
    st.asked = PRECHECK;
    return { replies: [notes.length ? { ...q, text: `${notes.join("\n")}\n\n${q.text}` } : q], state: st, effects: [] };
  }

  /** Confirmed: the precheck first (once), then submitted. */
  async function confirmed(st: FormState, ctx: FlowContext): Promise<FlowResult> {
    return (await precheck(st, ctx)) ?? end(await def.submit(st.values, ctx, st.said ?? []));
  }

  async function onChoice(st: FormState, choice: string, ctx: FlowContext): Promise<FlowResult | undefined> {
    if (choice === "confirm" && st.asked === CONFIRM) return confirmed(st, ctx);
    if (st.asked === PRECHECK) return end((await def.answerPrecheck?.(choice, st.values, ctx)) ?? (await def.submit(st.values, ctx, st.said ?? [])));
    if (choice === "edit") {
      st.asked = EDIT;
      return { replies: [editChoices(st, ctx)], state: st, effects: [] };
    }
    const [verb, name, ...rest] = choice.split(":");
    const s = name ? slotByName.get(name) : undefined;
    if (!s) return undefined;
    if (verb === "edit") return { replies: [ask(s, st, ctx, [], false)], state: st, effects: [] };
    if (verb === "other") return { replies: [ask(s, st, ctx, [], false)], state: st, effects: [] };
    if (verb === "use") {
      const v = s.remembered?.(ctx);
      if (v === undefined) return undefined;
      set(st, s.name, v);
      return next(st, ctx, [], new Map());
    }
    if (verb === "set") {
      const v = s.fromChoice?.(rest.join(":"), ctx, st.values);
      if (v === undefined || !s.schema.safeParse(v).success) return undefined;
      set(st, s.name, v);
      st.pinned = [...new Set([...st.pinned, s.name])];
      return next(st, ctx, [], new Map());
    }
    return undefined;
  }

  async function onText(st: FormState, input: FlowInput, ctx: FlowContext): Promise<FlowResult> {
    const notes: string[] = [];
    if (input.text && !st.filed) st.said = [...(st.said ?? []), (input.raw ?? input.text).slice(0, 500)].slice(-10);
    if (input.attachments.length) {
      st.values.attachments = [...((st.values.attachments as unknown[]) ?? []), ...input.attachments];
      if (!input.text) notes.push(ctx.t(def.texts.attachmentReceived));
    }
    if (st.asked === CONFIRM && def.yesWords.some((w) => input.text.toLowerCase() === w)) return confirmed(st, ctx);

    const spans: Span[] = [];
    const pendingErrors = new Map<string, string>();
    let changed = false;
    const taken: SlotDef[] = [];
    let askedResult: "value" | "error" | "declined" | undefined;
    let askedError = "";
    let clarify: { name: string; question: string; choices: Choice[] } | undefined;
    const declinedOthers: SlotDef[] = [];
    const changedNames: string[] = [];
    let partly = false;
    for (const name of def.extractOrder) {
      const s = slot(name);
      const asked = st.asked === name;
      const partial = st.partials?.[name];
      let r = s.extract(
        { text: blank(input.text, spans), asked, filled: st.values[name] !== undefined, ...(partial !== undefined ? { partial } : {}) },
        ctx,
        st.values,
      );
      if (!r) continue;
      if (r.span) spans.push(r.span);
      if ("ask" in r) {
        if (!st.clarified?.includes(name)) {
          clarify = { name, question: ctx.t(r.ask.question), choices: r.ask.choices };
          if (asked) askedResult = "value";
          continue;
        }
        r = { value: r.ask.fallback };
      }
      if ("value" in r) {
        const parsed = s.schema.safeParse(r.value);
        if (!parsed.success) continue;
        set(st, name, parsed.data);
        changed = true;
        changedNames.push(name);
        // a derived slot the resident answered for stays as they said
        if (asked && s.derived) st.pinned = [...new Set([...st.pinned, name])];
        if (!asked && !s.derived) taken.push(s);
        if (asked) askedResult = "value";
      } else if ("error" in r) {
        // a part understood ("5栋") is kept: the next answer only has to give the rest
        if (r.partial !== undefined && st.values[name] === undefined) {
          st.partials = { ...st.partials, [name]: r.partial };
          if (asked) partly = true;
        }
        if (asked) {
          askedResult = "error";
          askedError = ctx.t(r.error);
        } else if (st.values[name] === undefined) pendingErrors.set(name, ctx.t(r.error));
      } else if (asked || st.values[name] === undefined) {
        if (asked) askedResult = "declined";
        else declinedOthers.push(s);
      }
    }

    derive(st, ctx);
    if (st.filed) return followUp(st, input, ctx, { changed: changedNames, askedResult, askedError });
    // (an emergency goes on without what the first message declined: not asked, nothing said)
    for (const s of declinedOthers) {
      if (!lenient(st)) return decline(s, st, ctx);
      skip(st, s.name);
    }

    const askedSlot = st.asked ? slotByName.get(st.asked) : undefined;
    if (askedSlot && askedResult === "declined") return decline(askedSlot, st, ctx);
    // part of the answer understood: the rest is asked, and it does not count as a failed try
    if (askedSlot && askedResult === "error" && partly) return { replies: [ask(askedSlot, st, ctx, notes, false, askedError)], state: st, effects: [] };
    if (askedSlot && askedResult === "error") return refuse(askedSlot, st, ctx, askedError, notes);
    // (a derived slot's one question — paid or not — left unanswered is not pressed again)
    if (askedSlot && !askedSlot.derived && askedResult === undefined && !changed && !input.attachments.length) {
      return refuse(askedSlot, st, ctx, ctx.t(askedSlot.refusal), notes);
    }
    if (clarify) {
      // everything else the message held is kept (derived above); the one question is asked with its choices
      st.clarified = [...(st.clarified ?? []), clarify.name];
      st.asked = clarify.name;
      return { replies: [{ text: [...notes, clarify.question].join("\n"), choices: clarify.choices, expects: clarify.name }], state: st, effects: [] };
    }
    // the open question got no answer, but something else was said: say it was kept, then ask again
    if (askedSlot && askedResult === undefined && taken.length && st.values[askedSlot.name] === undefined) {
      notes.push(ctx.t(def.texts.noted, { what: taken.map((s) => ctx.t(s.label)).join(ctx.t(def.texts.listSep)) }));
    }
    if (st.asked === CONFIRM || st.asked === EDIT) {
      if (!changed) {
        const sum = summary(st, ctx);
        return { replies: [{ text: `${ctx.t(def.texts.confirmHint)}\n\n${sum.text}`, choices: sum.choices }], state: st, effects: [] };
      }
      notes.push(ctx.t(def.texts.updated));
    }
    return next(st, ctx, notes, pendingErrors, true);
  }

  return {
    name: def.name,
    triggers: def.triggers,
    ...(def.claims ? { claims: def.claims } : {}),
    start: (input, ctx) => onText(fresh(), input, ctx),
    async resume(state, input, ctx) {
      const st = state as FormState;
      if (input.choice) {
        const r = await onChoice(st, input.choice, ctx);
        if (r) return r;
      }
      return onText(st, input, ctx);
    },
    async back(state, ctx) {
      const st = state as FormState;
      const last = st.history.pop();
      if (!last) return { replies: [ask(missing(st, ctx) ?? def.slots[0]!, st, ctx, [ctx.t(def.texts.firstStep)], false)], state: st, effects: [] };
      delete st.values[last];
      st.pinned = st.pinned.filter((p) => p !== last);
      derive(st, ctx);
      const s = slot(last);
      if (s.derived) return next(st, ctx, [], new Map());
      return { replies: [ask(s, st, ctx, [], false)], state: st, effects: [] };
    },
    reprompt(state, ctx) {
      const st = state as FormState;
      if (st.asked === CONFIRM) return [summary(st, ctx)];
      if (st.asked === EDIT) return [editChoices(st, ctx)];
      const s = st.asked ? slotByName.get(st.asked) : missing(st, ctx);
      return s ? [ask(s, st, ctx, [], false)] : [summary(st, ctx)];
    },
  };
}
