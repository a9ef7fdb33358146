// The statistics page's charts: ECharts (served by the service) drawing each [data-chart] from its JSON;
// a bar with a link opens the board filtered to exactly the tickets it counts.
(() => {
  if (!window.echarts) return;
  for (const el of document.querySelectorAll("[data-chart]")) {
    const spec = JSON.parse(document.querySelector(`script[data-for="${el.id}"]`).textContent);
    const chart = window.echarts.init(el, null, { renderer: "svg" });
    // nothing to split: say so rather than draw equal slices of nothing
    const empty = spec.kind === "pie" && spec.values.every((v) => !v);
    const option =
      spec.kind === "pie"
        ? {
            tooltip: {},
            ...(empty ? { title: { text: spec.empty, left: "center", top: "middle", textStyle: { fontSize: 14, color: "#667085", fontWeight: "normal" } } } : {}),
            series: [{ type: "pie", radius: "65%", silent: empty, data: empty ? [] : spec.labels.map((name, i) => ({ name, value: spec.values[i] })) }],
          }
        : {
            tooltip: {},
            grid: { left: 40, right: spec.target ? 72 : 16, top: 16, bottom: 48 },
            xAxis: { type: "category", data: spec.labels, axisLabel: { rotate: spec.labels.length > 8 ? 45 : 0 } },
            yAxis: { type: "value", ...(spec.percent ? { max: 100 } : { minInterval: 1 }) },
            series: [
              {
                type: "bar",
                data: spec.values,
                cursor: spec.links ? "pointer" : "default",
                ...(spec.target ? { markLine: { symbol: "none", data: [{ yAxis: spec.target, name: "目标" }], label: { formatter: "目标 {c}%" } } } : {}),
              },
            ],
          };
    chart.setOption(option);
    chart.on("click", (p) => {
      const link = spec.links?.[p.dataIndex];
      if (link) window.location.href = link;
    });
    window.addEventListener("resize", () => chart.resize());
  }
})();
