// One bar chart from <script id="chart-data">{"labels": [...], "values": [...]}</script> (ECharts, vendored).
window.addEventListener("load", () => {
  const el = document.getElementById("chart");
  const source = document.getElementById("chart-data");
  if (!el || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  if (!data.labels.length) { el.hidden = true; return; }
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    grid: { left: 50, right: 20, top: 20, bottom: 70 },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: data.values, label: { show: true, position: "top" }, itemStyle: { color: "#a40000" } }],
  });
  window.addEventListener("resize", () => chart.resize());
});
