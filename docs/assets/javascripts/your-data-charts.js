// The charts of the "your data" page, drawn from the worker's answer: the
// tracking plot and the residual CLV histogram, each with its data table.
// Numbers, ticks and labels are Python's (calculator.your_data_view); this draws only.
import { element, frame, svg, ticks } from "./dom.js";

// Draws the two cumulative series as polylines, with the axes' ticks and
// labels as Python formatted them (in the page's locale).
export function showTracking(results, tracking) {
  const figure = results.querySelector("[data-tracking-figure]");
  const plot = results.querySelector("[data-tracking-plot]");
  const table = results.querySelector("[data-tracking]");
  if (!tracking) {
    figure.hidden = true;
    table.tBodies[0].replaceChildren();
    return;
  }
  figure.hidden = false;
  // The expected line is the chosen model's: its name in the legend and the table.
  for (const label of results.querySelectorAll("[data-expected-label]")) label.textContent = tracking.expected_label;
  const box = frame(plot, 320);
  const { periods, actual, expected, rows, end_period: endPeriod } = tracking;
  const xMax = Math.max(1, periods[periods.length - 1]);
  const yMax = Math.max(1, tracking.top.value, ...tracking.y_ticks.map((t) => t.value));
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const x = (k) => box.left + (k / xMax) * innerWidth;
  const y = (v) => box.top + innerHeight - (v / yMax) * innerHeight;
  const line = (values) => [[0, 0], ...periods.map((k, i) => [k, values[i]])]
    .map(([k, v]) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const bottom = box.top + innerHeight;
  const children = ticks(box, { x, y, xTicks: tracking.x_ticks, yTicks: tracking.y_ticks });
  children.push(
    svg("line", { x1: box.left, y1: bottom, x2: box.left + innerWidth, y2: bottom, class: "clv-axis" }),
    svg("line", { x1: box.left, y1: box.top, x2: box.left, y2: bottom, class: "clv-axis" }),
    svg("line", { x1: x(endPeriod), y1: box.top, x2: x(endPeriod), y2: bottom, class: "clv-end" }),
    svg("polyline", { points: line(expected), class: "clv-expected", fill: "none" }),
    svg("polyline", { points: line(actual), class: "clv-actual", fill: "none" }),
    svg("text", { x: box.left + innerWidth / 2, y: box.height - 6, "text-anchor": "middle", class: "clv-axis-label" }, tracking.x_label),
    svg("text", { x: box.left + 4, y: box.top - 4, class: "clv-axis-label" }, tracking.y_label),
  );
  plot.replaceChildren(...children);
  table.tBodies[0].replaceChildren(...rows.map(([period, done, expect]) => {
    const tr = document.createElement("tr");
    tr.append(element("th", period, { scope: "row" }), element("td", done), element("td", expect));
    return tr;
  }));
}

// The residual CLV histogram: bins counted by Python (calculator.histogram).
export function showDistribution(results, bins) {
  const figure = results.querySelector("[data-chart=clv-distribution]");
  const plot = results.querySelector("[data-distribution-plot]");
  const table = results.querySelector("[data-distribution]");
  figure.hidden = !bins;
  if (!bins) return;
  const box = frame(plot, 260);
  box.bottom = 64;
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const slot = innerWidth / bins.length;
  const bottom = box.top + innerHeight;
  const children = [svg("line", { x1: box.left, y1: bottom, x2: box.left + innerWidth, y2: bottom, class: "clv-axis" })];
  bins.forEach((bin, i) => {
    const height = (bin.count / most) * innerHeight;
    const left = box.left + i * slot;
    children.push(svg("rect", { x: left + 2, y: bottom - height, width: Math.max(1, slot - 4), height, class: "clv-bar" }),
      svg("text", { x: left + slot / 2, y: bottom - height - 4, "text-anchor": "middle", class: "clv-tick" }, bin.text));
    // Band labels turned so that eleven of them fit on a phone.
    const label = svg("text", { x: left + slot / 2, y: bottom + 12, "text-anchor": "end", class: "clv-tick",
      transform: `rotate(-35 ${left + slot / 2} ${bottom + 12})` }, bin.label);
    children.push(label);
  });
  plot.replaceChildren(...children);
  table.tBodies[0].replaceChildren(...bins.map((bin) => {
    const tr = document.createElement("tr");
    tr.append(element("th", bin.label, { scope: "row" }), element("td", bin.text));
    return tr;
  }));
}
