// The views under a calculator form, drawn from the worker's answer: the
// reading of the ratios, the what-if table, the cumulative margin chart and
// the subscription form's retention chart.
// Every number and text is from Python (calculator.whatif, calculator.web);
// this only builds DOM nodes (textContent, SVG via DOM APIs).
import { element, frame, svg, ticks } from "./dom.js";

// A field's or result's label as the page shows it (without "(optional)" or the unit).
function labelOf(form, field) {
  const label = field === "clv"
    ? form.querySelector('[data-result="clv"]')?.closest("div")?.querySelector("dt")
    : form.querySelector(`label[for="${form.dataset.formula}-${field}"]`);
  return label?.firstChild?.textContent.trim() ?? field;
}

function showReadings(form, bands) {
  for (const reading of form.querySelectorAll("[data-band-for]")) {
    reading.hidden = bands?.[reading.dataset.bandFor] !== reading.dataset.band;
  }
}

function showWhatIf(form, whatif) {
  const box = form.querySelector("[data-whatif]");
  if (!box) return;
  box.hidden = !whatif;
  if (!whatif) return;
  const table = box.querySelector("table");
  const { rows, columns, cells } = whatif;
  const columnTitle = whatif.column_field ? `${labelOf(form, whatif.column_field)} (%)` : labelOf(form, "clv");
  const rowTitle = whatif.row_field ? `${labelOf(form, whatif.row_field)} (%)` : "";
  const head = element("tr");
  head.append(element("th", rowTitle, { scope: "col" }));
  for (const column of columns) head.append(element("th", column ? `${columnTitle.replace(/ \(%\)$/, "")} ${column.text} %` : columnTitle, { scope: "col" }));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...rows.map((row, i) => {
    const tr = element("tr");
    tr.append(element("th", row ? `${row.text} %` : labelOf(form, "clv"), { scope: "row" }));
    cells[i].forEach((text, j) => {
      const td = element("td", text);
      // The typed numbers' own result, for comparison.
      if (i === whatif.current[0] && j === whatif.current[1]) td.classList.add("clv-whatif-current");
      tr.append(td);
    });
    return tr;
  }));
}

function showCumulative(form, cumulative) {
  const figure = form.querySelector('[data-chart="cumulative-margin"]');
  if (!figure) return;
  figure.hidden = !cumulative;
  if (!cumulative) return;
  const plot = figure.querySelector("svg");
  const { width, height } = frame(plot, 220);
  const box = { width, height, left: 64, right: 16, top: 12, bottom: 28 };
  const values = cumulative.values;
  const xMax = Math.max(values.length, ...cumulative.x_ticks.map((t) => t.value));
  const yMax = Math.max(...values, ...cumulative.y_ticks.map((t) => t.value), 1e-9);
  const innerWidth = width - box.left - box.right;
  const innerHeight = height - box.top - box.bottom;
  const x = (k) => box.left + (k / xMax) * innerWidth;
  const y = (v) => box.top + innerHeight - (v / yMax) * innerHeight;
  const bottom = box.top + innerHeight;
  const children = ticks(box, { x, y, xTicks: cumulative.x_ticks, yTicks: cumulative.y_ticks });
  const points = [[0, 0], ...values.map((v, i) => [i + 1, v])].map(([k, v]) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  children.push(svg("line", { x1: box.left, y1: bottom, x2: box.left + innerWidth, y2: bottom, class: "clv-axis" }),
    svg("polyline", { points, class: "clv-actual", fill: "none" }));
  plot.replaceChildren(...children);
}

// The subscription form: the share still active per period, counted (dots)
// and fitted by the sBG model (a line that goes on past the counts).
function showRetention(form, retention) {
  const figure = form.querySelector('[data-chart="retention"]');
  const details = form.querySelector("[data-retention-table]");
  if (!figure) return;
  figure.hidden = details.hidden = !retention;
  if (!retention) return;
  const plot = figure.querySelector("svg");
  const box = frame(plot, 250);
  box.top = 30; // room for the "%" above the 100 tick
  const { periods, actual, fitted } = retention;
  const xMax = Math.max(1, periods[periods.length - 1]);
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const x = (k) => box.left + (k / xMax) * innerWidth;
  // Shares run from 0 to 1 (y_ticks: 0 to 100 %).
  const y = (share) => box.top + innerHeight - share * innerHeight;
  const bottom = box.top + innerHeight;
  const children = ticks(box, { x, y, xTicks: retention.x_ticks, yTicks: retention.y_ticks });
  const line = periods.map((k, i) => `${x(k).toFixed(1)},${y(fitted[i].value).toFixed(1)}`).join(" ");
  // Axis labels: the table's translated "Period" header, and the unit of the shares.
  const xLabel = details.querySelector("thead th")?.textContent ?? "";
  children.push(svg("line", { x1: box.left, y1: bottom, x2: box.left + innerWidth, y2: bottom, class: "clv-axis" }),
    svg("polyline", { points: line, class: "clv-expected", fill: "none" }),
    svg("text", { x: box.left + innerWidth / 2, y: box.height - 8, "text-anchor": "middle", class: "clv-axis-label" }, xLabel),
    svg("text", { x: box.left - 6, y: box.top - 14, "text-anchor": "end", class: "clv-axis-label" }, "%"));
  periods.forEach((k, i) => {
    if (actual[i]) children.push(svg("circle", { cx: x(k).toFixed(1), cy: y(actual[i].value).toFixed(1), r: 4, class: "clv-point" }));
  });
  plot.replaceChildren(...children);
  details.querySelector("tbody").replaceChildren(...retention.rows.map(([period, counted, model]) => {
    const tr = element("tr");
    tr.append(element("th", period, { scope: "row" }), element("td", counted), element("td", model));
    return tr;
  }));
}

// answer null: the inputs are invalid, so no view is shown.
export function drawCharts(form, answer) {
  showReadings(form, answer?.bands);
  showWhatIf(form, answer?.whatif);
  showCumulative(form, answer?.cumulative);
  showRetention(form, answer?.retention);
}
