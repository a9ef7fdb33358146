/**
 * Whether two descriptions look like the same problem: they share key words. Chinese has no spaces,
 * so words are approximated by pairs of characters ("水管", "漏水"); filler pairs that say nothing
 * about the problem ("麻烦", "师傅", "一下") do not count. English shares a word of four letters or more.
 */
const FILLER =
  /麻烦|师傅|帮忙|帮我|一下|看看|来看|过来|处理|我家|我们|你们|现在|今天|明天|一直|好像|有点|还是|怎么|什么|没有|可以|能不能|谢谢|请|了|的|又|还|在|是|吗|呢|啊|吧/g;

function keys(text: string): Set<string> {
  const out = new Set<string>();
  // filler words are cut out first, so no pair is made across them
  for (const run of text.replace(FILLER, " ").match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  for (const word of text.toLowerCase().match(/[a-z]{4,}/g) ?? []) if (!["still", "this", "that", "there", "with", "please"].includes(word)) out.add(word);
  return out;
}

export function looksAlike(a: string, b: string): boolean {
  const ka = keys(a);
  const kb = keys(b);
  let shared = 0;
  for (const k of ka) if (kb.has(k)) shared++;
  // short descriptions ("漏水了") need one shared key word, longer ones two
  return shared >= (Math.min(ka.size, kb.size) <= 2 ? 1 : 2);
}
