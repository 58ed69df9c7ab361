// The home page's bar chart of organisations per province (Apache ECharts, served locally).
(function () {
  const holder = document.getElementById("ah-province-chart");
  const source = document.getElementById("ah-province-data");
  if (!holder || !source || !window.echarts) return;
  const rows = JSON.parse(source.textContent).slice(0, 12).reverse();
  const chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => r.name) },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    series: [{ type: "bar", data: rows.map((r) => r.value), itemStyle: { color: "#1b4f8f" } }],
  });
  window.addEventListener("resize", () => chart.resize());
})();
