/**
 * The flows Baoshi runs, in the order they are tried for free text (first claim wins).
 * To add a flow: write it in this folder and list it here — nothing in src/ changes.
 */
import type { Flow } from "../src/core/conversation/flow-api.js";
import { cancelFlow } from "./cancel.js";
import { commands } from "./commands.js";
import { faqFlow } from "./faq.js";
import { humanFlow } from "./human.js";
import { menuFlow } from "./menu.js";
import { progressFlow } from "./progress.js";
import { reportFlow } from "./report.js";
import { engineTexts, inputTexts } from "./texts.js";

export const flows: Flow[] = [progressFlow, cancelFlow, humanFlow, menuFlow, faqFlow, reportFlow];
/** Which flow the engine's own commands open. */
export const roles = { menu: "menu", human: "human", cancel: "cancel", fallback: "menu" };
export { commands, engineTexts, inputTexts };
export { staffWords } from "./staff.js";
import { skillWords } from "./keywords.js";

/** The skills a job needs, from its description. */
export const skillsOf = (text: string): string[] => [...new Set(skillWords.filter((r) => r.words.some((w) => text.includes(w))).map((r) => r.skill))];
