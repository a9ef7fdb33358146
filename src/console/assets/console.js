// The console's progressive bits: live countdowns, and the board kept fresh by server-sent events (polling when
// they fail). Every page works without it.
(() => {
  const texts = JSON.parse(document.getElementById("console-texts")?.textContent || "{}");
  const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
  const span = (ms) => {
    const m = Math.max(1, Math.round(Math.abs(ms) / 60000));
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    const r = m % 60;
    return [d && fill(texts.d, { n: d }), h && fill(texts.h, { n: h }), !d && r && fill(texts.m, { n: r })].filter(Boolean).join("");
  };

  // each countdown counts from what the server said was left on the ticket's clock; a clock that is not running
  // (office closed, for a non-urgent ticket) stands still until the next refresh
  const tick = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll(".due[data-left]")) {
      if (!el.dataset.seen) el.dataset.seen = String(now);
      const left = Number(el.dataset.left) - (el.dataset.ticking === "1" ? now - Number(el.dataset.seen) : 0);
      el.classList.toggle("late", left <= 0);
      el.classList.toggle("soon", left > 0 && left < 3600000);
      const label = el.querySelector(".left");
      if (label) label.textContent = fill(left <= 0 ? texts.late : texts.left, { t: span(left) });
    }
  };
  tick();
  setInterval(tick, 1000);

  const results = document.getElementById("board-results");
  if (!results) return;
  const status = document.getElementById("live-status");
  let timer = 0;
  let last = 0;
  const refresh = async () => {
    last = Date.now();
    const before = new Map([...results.querySelectorAll("tr[data-number]")].map((r) => [r.dataset.number, r.dataset.version]));
    const res = await fetch(`${location.pathname.replace(/\/$/, "")}/rows${location.search}`, { headers: { accept: "text/html" } });
    if (!res.ok) return;
    results.innerHTML = await res.text();
    for (const r of results.querySelectorAll("tr[data-number]")) if (before.get(r.dataset.number) !== r.dataset.version) r.classList.add("fresh");
    tick();
  };
  // several changes in a burst make one refresh, at most one every two seconds
  const soon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      refresh();
    }, Math.max(300, 2000 - (Date.now() - last)));
  };
  let polling = 0;
  const poll = () => {
    if (polling) return;
    status?.classList.add("off");
    if (status) status.textContent = texts.liveOff;
    polling = setInterval(refresh, 30000);
  };
  if (!("EventSource" in window)) return poll();
  const events = new EventSource("/console/events");
  events.addEventListener("tickets", soon);
  events.onopen = () => {
    if (polling) clearInterval(polling);
    polling = 0;
    // what changed between the page being drawn and the stream opening
    soon();
    if (status) status.dataset.live = "open";
    status?.classList.remove("off");
    if (status) status.textContent = texts.live;
  };
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) poll();
  };
})();

// 转人工: the nav's badge counts who waits for a person; a conversation's transcript stays fresh
(() => {
  const badge = document.querySelector("[data-waiting]");
  const count = async () => {
    if (document.hidden) return;
    try {
      const res = await fetch("/console/conversations/waiting", { headers: { accept: "application/json" } });
      if (!res.ok) return;
      const { waiting } = await res.json();
      badge.textContent = waiting ? String(waiting) : "";
      badge.hidden = !waiting;
    } catch (e) {}
  };
  if (badge) {
    count();
    setInterval(count, 10000);
  }
  const box = document.querySelector("[data-refresh]");
  if (!box) return;
  setInterval(async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(box.dataset.refresh);
      if (res.ok) box.innerHTML = await res.text();
    } catch (e) {}
  }, 3000);
})();
