/* Draw the dashboard's charts with the locally served ECharts.
 * The numbers come from the <script type="application/json" id="dashboard-charts"> block, which the
 * server builds from the same tables shown under each chart; nothing is fetched from anywhere else.
 * Each drawn chart gets data-rendered="true" so tests (and people) can tell it is there. */
(function () {
  "use strict";
  var charts = [];

  function baseOption(spec) {
    return {
      animation: false,
      tooltip: { trigger: spec.kind === "donut" ? "item" : "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true }
    };
  }

  function option(spec) {
    var o = baseOption(spec);
    if (spec.kind === "donut") {
      var s = spec.series[0];
      o.series = [{
        type: "pie", name: s.name, radius: ["42%", "68%"], center: ["50%", "45%"],
        label: { formatter: "{b}\n{c}" },
        data: spec.categories.map(function (c, i) {
          return { name: c, value: s.data[i], itemStyle: { color: s.colours[i] } };
        }).filter(function (d) { return d.value > 0; })
      }];
      return o;
    }
    var horizontal = spec.kind === "hstack";
    var category = { type: "category", data: spec.categories, axisLabel: { interval: 0, width: 140, overflow: "truncate" } };
    var value = { type: "value" };
    if (spec.percent) { value.max = 100; value.axisLabel = { formatter: "{value}%" }; }
    if (horizontal) { category.inverse = true; o.xAxis = value; o.yAxis = category; }
    else { category.axisLabel.rotate = spec.categories.length > 6 ? 30 : 0; o.xAxis = category; o.yAxis = value; }
    o.series = spec.series.map(function (s) {
      return {
        type: "bar", name: s.name, stack: "all", data: s.data, itemStyle: { color: s.colour },
        emphasis: { focus: "series" }
      };
    });
    if (spec.percent) {
      o.tooltip.valueFormatter = function (v) { return (Math.round(v * 10) / 10) + "%"; };
    }
    return o;
  }

  function draw() {
    var block = document.getElementById("dashboard-charts");
    if (!block || !window.echarts) { return; }
    JSON.parse(block.textContent).forEach(function (spec) {
      var el = document.querySelector('[data-chart="' + spec.id + '"]');
      if (!el) { return; }
      if (spec.kind === "hstack") { el.style.height = Math.max(220, 26 * spec.categories.length + 70) + "px"; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option(spec));
      el.setAttribute("data-rendered", "true");
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    window.luoshiCharts = charts;
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
