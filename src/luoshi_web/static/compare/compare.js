/* Draws every [data-chart] element from the JSON block it names (written by the server with
   json_script), so the chart shows exactly the numbers of the table below it. Bars: results,
   coloured by verdict; line: the target (dashed: a range's upper end). */
(function () {
  "use strict";

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function option(d) {
    var horizontal = d.by === "region";
    var n = d.names;
    var bars = d.result.map(function (v, i) { return { value: v, itemStyle: { color: d.colour[i] } }; });
    var series = [
      { name: n.result, type: "bar", data: bars, barMaxWidth: 28, itemStyle: { color: "#8c959f" } },
      { name: n.target, type: horizontal ? "scatter" : "line", data: d.target, symbol: horizontal ? "diamond" : "circle",
        symbolSize: horizontal ? 12 : 8, connectNulls: false, itemStyle: { color: "#24292f" }, lineStyle: { color: "#24292f" } }
    ];
    if (d.target_max.some(function (v) { return v !== null; })) {
      series.push({ name: n.target_max, type: horizontal ? "scatter" : "line", data: d.target_max, symbol: "triangle",
        symbolSize: 8, itemStyle: { color: "#57606a" }, lineStyle: { type: "dashed", color: "#57606a" } });
    }
    var category = { type: "category", data: d.categories, axisLabel: { interval: 0, hideOverlap: true } };
    var value = { type: "value", name: d.unit };  // from 0: a bar that starts elsewhere exaggerates
    if (horizontal) { category.inverse = true; }
    return {
      animation: false,
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis", confine: true,
        formatter: function (params) {
          var i = params[0].dataIndex;
          return "<b>" + esc(d.categories[i]) + "</b><br>" + esc(n.target) + ": " + esc(d.target_label[i] || "—") +
            "<br>" + esc(n.result) + ": " + esc(d.result_label[i] || "—") + "<br>" + esc(n.verdict) + ": " +
            esc(d.verdict_label[i]);
        }
      },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series
    };
  }

  function draw(el) {
    var block = document.getElementById(el.getAttribute("data-chart"));
    if (!block || typeof echarts === "undefined") { return; }
    var d = JSON.parse(block.textContent);
    if (d.by === "region") { el.style.height = Math.max(260, 70 + 34 * d.categories.length) + "px"; }
    var chart = echarts.init(el, null, { renderer: "canvas", locale: d.locale });
    chart.setOption(option(d));
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "1");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
