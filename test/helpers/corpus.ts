import { readFileSync } from "node:fs";

/** One message of the residents' corpus (test/fixtures/residents.jsonl), with what comes after it. */
export interface CorpusEntry {
  text: string;
  ref: string;
  expect: Record<string, any>;
  then?: { text: string; reply: string }[];
}
export const corpus: CorpusEntry[] = readFileSync(new URL("../fixtures/residents.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
