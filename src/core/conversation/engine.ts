import type { Lang, Text } from "../ticket/domain.js";
import { localize } from "./text.js";
import type { Choice, Effect, Flow, FlowContext, FlowInput, FlowResult, FlowState, Reply } from "./types.js";

/** Words that work at any step (kept in conversations/commands.ts). */
export interface Commands {
  cancel: readonly string[];
  back: readonly string[];
  human: readonly string[];
  restart: readonly string[];
  menu: readonly string[];
  english: readonly string[];
  chinese: readonly string[];
}

export interface EngineTexts {
  cancelled: Text;
  nothingToGoBack: Text;
  restarted: Text;
  languageSet: Text;
}

/** 代报 from a 转人工 conversation: the report is the resident's (their chat hears its number and what follows). */
export interface ForResident {
  key: string;
  handoffId: string;
  seq: number;
}

/** The durable part of a conversation, stored after every message. */
export interface ConversationState {
  lang: Lang;
  flow?: string;
  state?: FlowState;
  /** choices of the last reply, so "1" or a label typed by hand still counts as a press */
  lastChoices?: Choice[];
  needsHuman?: boolean;
  /** 转人工: the handoff this chat has open (its row holds the state: waiting, talking, ended); acked: told once it waits */
  handoff?: { id: string; acked?: boolean };
  /** 代报: a staff member files this report for a resident (先处理后补单); set while that report is being taken */
  onBehalf?: { staffId: string; name: string; forResident?: ForResident };
  /** the resident writes traditional Chinese: replies are given in it */
  script?: "hant";
}

export interface Turn {
  conversation: ConversationState;
  replies: Reply[];
  effects: Effect[];
}

type Command = "cancel" | "back" | "human" | "restart" | "menu";

/** Runs any flow on any channel: commands first, then the running flow, then a flow that claims the text. */
export class ConversationEngine {
  private readonly byName: Map<string, Flow>;

  constructor(
    private readonly flows: readonly Flow[],
    private readonly commands: Commands,
    private readonly texts: EngineTexts,
    /** flow names the engine's commands start */
    private readonly roles: { menu: string; human: string; cancel: string; fallback: string },
  ) {
    this.byName = new Map(flows.map((f) => [f.name, f]));
  }

  async handle(previous: ConversationState | null, rawInput: FlowInput, ctx: FlowContext): Promise<Turn> {
    const conv: ConversationState = previous ? { ...previous } : { lang: ctx.lang };
    const input = this.pressed(conv, rawInput);
    const word = input.text.replace(/[\s。.!！~～]+$/g, "").toLowerCase();

    if (this.commands.english.includes(word) || this.commands.chinese.includes(word)) {
      conv.lang = this.commands.english.includes(word) ? "en" : "zh";
      const c: FlowContext = { ...ctx, lang: conv.lang, t: localize(conv.lang) };
      const r = await this.run(conv, this.flow(this.roles.menu), input, c, "start");
      return this.finish(conv, { ...r, replies: [{ text: c.t(this.texts.languageSet) }, ...r.replies] });
    }

    const command = input.choice?.startsWith("cmd:") ? (input.choice.slice(4) as Command) : this.command(word);
    if (command) return this.finish(conv, await this.onCommand(command, conv, ctx));

    if (input.choice?.startsWith("flow:")) {
      const flow = this.byName.get(input.choice.slice(5));
      if (flow) return this.finish(conv, await this.begin(flow, conv, { ...input, choice: undefined }, ctx));
    }

    const triggered = this.triggered(input.text);
    if (triggered) return this.finish(conv, await this.begin(triggered.flow, conv, { ...input, text: triggered.rest }, ctx));

    const active = conv.flow ? this.byName.get(conv.flow) : undefined;
    if (active && conv.state) return this.finish(conv, await this.run(conv, active, input, ctx, "resume"));

    const claiming = this.flows.find((f) => f.claims?.(input, ctx));
    return this.finish(conv, await this.begin(claiming ?? this.flow(this.roles.fallback), conv, input, ctx));
  }

  /** A typed label or number of the last choices counts as pressing it. */
  private pressed(conv: ConversationState, input: FlowInput): FlowInput {
    if (input.choice) return input;
    const hit = typedChoice(conv.lastChoices, input.text);
    return hit ? { ...input, text: "", choice: hit.value } : input;
  }

  private command(word: string): Command | undefined {
    const c = this.commands;
    if (c.cancel.includes(word)) return "cancel";
    if (c.back.includes(word)) return "back";
    if (c.human.includes(word)) return "human";
    if (c.restart.includes(word)) return "restart";
    if (c.menu.includes(word)) return "menu";
    return undefined;
  }

  private async onCommand(command: Command, conv: ConversationState, ctx: FlowContext): Promise<FlowResult> {
    const active = conv.flow ? this.byName.get(conv.flow) : undefined;
    const empty: FlowInput = { text: "", attachments: [] };
    switch (command) {
      case "cancel":
        if (active) {
          conv.flow = undefined;
          conv.state = undefined;
          return { replies: [{ text: ctx.t(this.texts.cancelled) }], state: null, effects: [] };
        }
        return this.begin(this.flow(this.roles.cancel), conv, empty, ctx);
      case "back":
        if (active?.back && conv.state) return this.run(conv, active, empty, ctx, "back");
        return this.withMenu(this.texts.nothingToGoBack, conv, ctx);
      case "restart":
        if (active) {
          const r = await this.run(conv, active, empty, ctx, "start");
          return { ...r, replies: [{ text: ctx.t(this.texts.restarted) }, ...r.replies] };
        }
        return this.begin(this.flow(this.roles.menu), conv, empty, ctx);
      case "human":
        return this.begin(this.flow(this.roles.human), conv, empty, ctx);
      case "menu":
        return this.begin(this.flow(this.roles.menu), conv, empty, ctx);
    }
  }

  private async withMenu(text: Text, conv: ConversationState, ctx: FlowContext): Promise<FlowResult> {
    const r = await this.begin(this.flow(this.roles.menu), conv, { text: "", attachments: [] }, ctx);
    return { ...r, replies: [{ text: ctx.t(text) }, ...r.replies] };
  }

  /** Start a flow; an aside answers and then asks the running flow's question again. */
  private async begin(flow: Flow, conv: ConversationState, input: FlowInput, ctx: FlowContext): Promise<FlowResult> {
    const active = conv.flow ? this.byName.get(conv.flow) : undefined;
    if (flow.aside && active && conv.state && active !== flow) {
      const r = await flow.start(input, ctx);
      return { ...r, replies: [...r.replies, ...(active.reprompt?.(conv.state, ctx) ?? [])], state: conv.state };
    }
    return this.run(conv, flow, input, ctx, "start");
  }

  private async run(conv: ConversationState, flow: Flow, input: FlowInput, ctx: FlowContext, how: "start" | "resume" | "back"): Promise<FlowResult> {
    const r = how === "start" ? await flow.start(input, ctx) : how === "back" ? await flow.back!(conv.state!, ctx) : await flow.resume(conv.state!, input, ctx);
    conv.flow = r.state ? flow.name : undefined;
    conv.state = r.state ?? undefined;
    return r;
  }

  private finish(conv: ConversationState, r: FlowResult): Turn {
    if (r.effects.some((e) => e.type === "requestHuman")) conv.needsHuman = true;
    const last = r.replies.at(-1);
    conv.lastChoices = last?.choices?.length ? last.choices : undefined;
    return { conversation: conv, replies: r.replies, effects: r.effects };
  }

  private triggered(text: string): { flow: Flow; rest: string } | undefined {
    for (const flow of this.flows) {
      for (const t of flow.triggers) {
        if (typeof t === "string") {
          if (text.toLowerCase().startsWith(t.toLowerCase())) return { flow, rest: text.slice(t.length).replace(/^[\s，,:：]+/, "") };
        } else {
          const m = t.exec(text);
          if (m && m.index === 0) return { flow, rest: text.slice(m[0].length).replace(/^[\s，,:：]+/, "") };
        }
      }
    }
    return undefined;
  }

  private flow(name: string): Flow {
    const f = this.byName.get(name);
    if (!f) throw new Error(`flow "${name}" is not defined`);
    return f;
  }
}

/** The choice a typed number ("2") or label ("确认提交") picks among the last ones offered, if any. */
export function typedChoice(choices: readonly Choice[] | undefined, text: string): Choice | undefined {
  if (!choices?.length) return undefined;
  const typed = text.trim().toLowerCase();
  const byNumber = /^\d{1,2}$/.test(typed) ? choices[Number(typed) - 1] : undefined;
  return byNumber ?? choices.find((c) => c.label.toLowerCase() === typed);
}
