import type { Channel } from "../channel.js";

/** Web chat (网上报修): the page posts a message and reads the replies in the answer, so nothing is sent later. */
export class WebChannel implements Channel {
  readonly name = "web" as const;
  readonly account = "";
  readonly renders = { choices: "chips", contactButton: false } as const;
  readonly inline = true;
  async start(): Promise<void> {}
  offer(): void {}
  async flushed(): Promise<void> {}
  async stop(): Promise<void> {}
}
