import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { policySchema, resolvePolicy, type Policy } from "../core/policy/policy.js";

/** A property's file: its name and its policy (policies/<id>.yaml). */
export const fileSchema = z.object({ name: z.string().trim().min(1).max(60), policy: policySchema.prefault({}) });

/** `input` is the policy as written (durations as text): what is stored, and parsed again at every start. */
export type PolicyFileResult = { ok: true; id: string; name: string; policy: Policy; input: unknown } | { ok: false; id: string; file: string; error: string };

/** Reads every policies/*.yaml: each one valid, or refused with the line and the reason. */
export function readPolicyFiles(dir: string): PolicyFileResult[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^[a-z0-9_-]{1,40}\.ya?ml$/.test(n));
  } catch (err) {
    // no folder: no properties (the start says so); any other failure is not hidden
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  return names.sort().map((n) => readPolicyFile(join(dir, n)));
}

export function readPolicyFile(file: string): PolicyFileResult {
  const id = basename(file).replace(/\.ya?ml$/, "");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return { ok: false, id, file, error: `${file}: cannot be read (${String(err)})` };
  }
  return parsePolicyText(id, file, text);
}

/** YAML → zod; errors name the line: "policies/demo.yaml:12: deadlines.callback: "soon" is not a duration". */
export function parsePolicyText(id: string, file: string, text: string): PolicyFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { ok: false, id, file, error: `${file}:${lines.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}` };
  }
  const r = fileSchema.safeParse(doc.toJS());
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    // a missing key points at its parent
    const parent = doc.getIn(issue.path.slice(0, -1) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const at = node?.range?.[0] ?? parent?.range?.[0];
    const line = at === undefined ? 1 : lines.linePos(at).line;
    return { ok: false, id, file, error: `${file}:${line}: ${issue.path.join(".") || "(file)"}: ${issue.message}` };
  }
  return { ok: true, id, name: r.data.name, policy: resolvePolicy(r.data.policy), input: (doc.toJS() as { policy?: unknown }).policy ?? {} };
}
