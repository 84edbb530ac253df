// 指标: one metric across documents as a bar chart (ECharts, vendored).
window.addEventListener("load", () => {
  const el = document.getElementById("chart");
  const data = JSON.parse(document.getElementById("chart-data").textContent);
  if (!el || !window.echarts || !data.labels.length) return;
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: "value" },
    series: data.series.map((s) => ({ name: s.name, type: "bar", data: s.data, label: { show: true, position: "top" } })),
  });
  window.addEventListener("resize", () => chart.resize());
});
