import { randomUUID } from "node:crypto";

export interface Reply {
  text: string;
  choices?: { label: string; value: string }[];
}

/** A resident on the web chat page, talking to the real HTTP API. */
export class Visitor {
  readonly id: string;
  /** the replies to the last message */
  last: Reply[] = [];

  constructor(
    private readonly url: string,
    id?: string,
    /** the property whose web chat this is (the default one when unset) */
    private readonly propertyId?: string,
  ) {
    this.id = id ?? `v-${randomUUID().slice(0, 12)}`;
  }

  async say(text: string, messageId?: string): Promise<string> {
    return this.post({ text, ...(messageId ? { messageId } : {}) });
  }

  /** presses the choice whose label contains this text */
  async press(label: string): Promise<string> {
    const choice = this.last.flatMap((r) => r.choices ?? []).find((c) => c.label.includes(label));
    if (!choice) throw new Error(`no choice "${label}" in: ${JSON.stringify(this.last)}`);
    return this.post({ choice: choice.value });
  }

  /** the conversation as the page shows it, notifications included (what the resident sees) */
  async seen(): Promise<Reply[]> {
    const res = await fetch(`${this.url}/api/webchat/messages?visitorId=${this.id}`);
    return ((await res.json()) as { messages: Reply[] }).messages;
  }

  choices(): string[] {
    return this.last.flatMap((r) => r.choices ?? []).map((c) => c.label);
  }

  private async post(body: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${this.url}/api/webchat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: this.id, ...(this.propertyId ? { propertyId: this.propertyId } : {}), ...body }),
    });
    const json = (await res.json()) as { replies: Reply[] };
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json)}`);
    this.last = json.replies;
    return json.replies.map((r) => r.text).join("\n");
  }
}

/** The report number in a reply. */
export const numberIn = (text: string) => /BS\d{8}-\d{4}/.exec(text)?.[0];
