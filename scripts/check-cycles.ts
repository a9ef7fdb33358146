/**
 * Fails when any import cycle exists in src/ or conversations/ (type-only imports count too: a cycle of
 * types is still two files that cannot be read one without the other). Run by `npm run lint`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const roots = ["src", "conversations"];
const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "generated") walk(p);
    } else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) files.push(resolve(p));
  }
};
roots.forEach(walk);

const IMPORT = /(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
const edges = new Map<string, string[]>();
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    const target = resolve(dirname(f), spec.replace(/\.js$/, ".ts"));
    if (files.includes(target)) out.push(target);
  }
  edges.set(f, out);
}

// Tarjan's strongly connected components: every component of more than one file is a cycle
let index = 0;
const stack: string[] = [];
const on = new Set<string>();
const idx = new Map<string, number>();
const low = new Map<string, number>();
const cycles: string[][] = [];
function visit(v: string) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
  }
  if (low.get(v) === idx.get(v)) {
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      on.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(comp);
  }
}
for (const f of files) if (!idx.has(f)) visit(f);

if (cycles.length) {
  for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(process.cwd(), f)).join(" ↔ ")}`);
  process.exit(1);
}
console.log(`no import cycles (${files.length} files)`);
