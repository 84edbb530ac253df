// Charts (ECharts, vendored). Each <div class="chart" data-source="ID"> draws the JSON of <script id="ID">:
//   {"labels": [...], "values": [...]}                       one bar series (counts)
//   {"labels": [...], "unit": "亿元", "series": [{name, data, region}]}  one chart per unit; series of one region share a colour
window.addEventListener("load", () => {
  if (!window.echarts) return;
  const palette = ["#a40000", "#1f6fb2", "#2e8b57", "#c27c0e", "#6a3d9a", "#b15928", "#17807e", "#7f7f7f"];
  document.querySelectorAll(".chart[data-source]").forEach((el) => {
    const source = document.getElementById(el.dataset.source);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    if (!data.labels.length) { el.hidden = true; return; }
    const chart = echarts.init(el);
    const rotate = data.labels.length > 6 ? 30 : 0;
    if (data.values) {
      chart.setOption({
        tooltip: { trigger: "axis" },
        grid: { left: 50, right: 20, top: 20, bottom: 70 },
        xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: data.values, label: { show: true, position: "top" }, itemStyle: { color: palette[0] } }],
      });
    } else {
      const regions = [...new Set(data.series.map((s) => s.region || ""))];
      chart.setOption({
        title: { text: `单位：${data.unit || "无单位"}`, left: "right", textStyle: { fontSize: 12, fontWeight: "normal" } },
        tooltip: { trigger: "axis" },
        legend: { top: 0, left: 0, type: "scroll", width: "75%" },
        grid: { left: 60, right: 20, top: 50, bottom: 60 },
        xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate } },
        yAxis: { type: "value", name: data.unit || "" },
        series: data.series.map((s) => ({
          name: s.name, type: s.line ? "line" : "bar", data: s.data, connectNulls: true,
          itemStyle: { color: palette[regions.indexOf(s.region || "") % palette.length], opacity: s.faded ? 0.55 : 1 },
          label: { show: true, position: "top" },
        })),
      });
    }
    window.addEventListener("resize", () => chart.resize());
  });
});
