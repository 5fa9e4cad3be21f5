// The "your data" page's model views, drawn from the worker's answer
// (calculator.your_data_view): the chosen purchase model's parameters, the
// holdout check with its chart, the model comparison and the CLV intervals.
// Every number and text is Python's, in the page's locale; this draws only.
import { element, frame, svg, ticks } from "./dom.js";

// Writes {value, text} into an <output data-result=NAME> (data-value: the raw number).
function put(output, number) {
  output.textContent = number.text;
  output.dataset.value = number.value === null ? "" : String(number.value);
}

// The chosen model's heading and its own parameters (r, α, a, b or r, α, s, β),
// each with its standard error, before the log-likelihood row.
export function showPurchase(results, purchase) {
  const title = results.querySelector("[data-purchase-title]");
  const list = results.querySelector("[data-purchase-parameters]");
  list.querySelectorAll("[data-parameter]").forEach((item) => item.remove());
  title.textContent = purchase ? purchase.label : "";
  for (const note of results.querySelectorAll("[data-model-note]")) {
    note.hidden = !purchase || note.dataset.modelNote !== purchase.model;
  }
  if (!purchase) return;
  const last = list.lastElementChild;
  for (const parameter of purchase.parameters) {
    const output = element("output", "", { "data-result": parameter.name });
    put(output, parameter);
    const dd = element("dd");
    dd.append(output);
    if (parameter.standard_error.value !== null) {
      dd.append(" ", element("small", `(${list.dataset.standardError}: ${parameter.standard_error.text})`,
        { class: "clv-standard-error", "data-standard-error-of": parameter.name }));
    }
    const item = element("div", "", { "data-parameter": parameter.name });
    item.append(element("dt", parameter.label), dd);
    list.insertBefore(item, last);
  }
  put(results.querySelector('[data-result="purchase_log_likelihood"]'), purchase.log_likelihood);
}

// The 95 % interval of the total residual CLV (a card) and the help text that
// names the method; both hidden when intervals were not asked for.
export function showInterval(results, interval) {
  const card = results.querySelector("[data-interval-card]");
  card.hidden = !interval;
  results.querySelector("[data-interval-help]").hidden = !interval;
  if (!interval) return;
  const output = card.querySelector("output");
  output.textContent = interval.text;
  output.dataset.lower = String(interval.lower.value);
  output.dataset.upper = String(interval.upper.value);
}

// The holdout check: totals and error measures as cards, and the mean holdout
// purchases per calibration frequency (0 … 6, 7+) as two lines with dots,
// like lifetimes' plot_calibration_purchases_vs_holdout_purchases.
export function showHoldout(results, holdout) {
  const box = results.querySelector("[data-holdout]");
  const table = results.querySelector("[data-holdout-table]");
  box.hidden = !holdout;
  if (!holdout) {
    table.tBodies[0].replaceChildren();
    return;
  }
  for (const name of ["actual_purchases", "predicted_purchases", "error_percent", "mae", "rmse"]) {
    put(box.querySelector(`[data-result="holdout_${name}"]`), holdout[name]);
  }
  const groups = holdout.by_frequency;
  const plot = box.querySelector("[data-holdout-plot]");
  const area = frame(plot, 280);
  const innerWidth = area.width - area.left - area.right;
  const innerHeight = area.height - area.top - area.bottom;
  const yMax = Math.max(1e-9, ...holdout.y_ticks.map((t) => t.value),
    ...groups.map((g) => Math.max(g.actual.value, g.predicted.value)));
  const slot = innerWidth / groups.length;
  const x = (i) => area.left + slot * (i + 0.5);
  const y = (v) => area.top + innerHeight - (v / yMax) * innerHeight;
  const bottom = area.top + innerHeight;
  // One slot per calibration frequency (0, 1, …, 7+), labelled under the axis.
  const xTicks = groups.map((group, i) => ({ value: i, text: group.label }));
  const children = ticks(area, { x, y, xTicks, yTicks: holdout.y_ticks });
  children.push(
    svg("line", { x1: area.left, y1: bottom, x2: area.left + innerWidth, y2: bottom, class: "clv-axis" }),
    svg("line", { x1: area.left, y1: area.top, x2: area.left, y2: bottom, class: "clv-axis" }));
  for (const [series, style] of [["predicted", "clv-expected"], ["actual", "clv-actual"]]) {
    const points = groups.map((g, i) => `${x(i).toFixed(1)},${y(g[series].value).toFixed(1)}`).join(" ");
    children.push(svg("polyline", { points, class: style, fill: "none", "data-series": series }));
    groups.forEach((g, i) => children.push(svg("circle", { cx: x(i), cy: y(g[series].value), r: 3.5, class: `${style}-dot` })));
  }
  children.push(svg("text", { x: area.left + innerWidth / 2, y: area.height - 6, "text-anchor": "middle", class: "clv-axis-label" }, holdout.x_label));
  plot.replaceChildren(...children);
  // The vertical axis' title is HTML above the chart, so a long one wraps on a phone.
  box.querySelector("[data-holdout-y-label]").textContent = holdout.y_label;
  table.tBodies[0].replaceChildren(...groups.map((g) => {
    const tr = element("tr", "", { "data-frequency": g.label });
    tr.append(element("th", g.label, { scope: "row" }), element("td", g.customers.text),
      element("td", g.actual.text, { "data-value": String(g.actual.value) }),
      element("td", g.predicted.text, { "data-value": String(g.predicted.value) }));
    return tr;
  }));
}

// The comparison of the purchase models: one row each, the recommended one
// marked, and the reason as a sentence (models.assess.comparison).
export function showComparison(results, models) {
  const box = results.querySelector("[data-comparison]");
  const table = box.querySelector("[data-models]");
  box.hidden = !models;
  if (!models) {
    table.tBodies[0].replaceChildren();
    return;
  }
  const withHoldout = models.rows.some((row) => row.holdout_mae.value !== null);
  table.querySelector("[data-mae-column]").hidden = !withHoldout;
  table.tBodies[0].replaceChildren(...models.rows.map((row) => {
    const tr = element("tr", "", { "data-model": row.id });
    if (row.recommended) tr.dataset.recommended = "";
    const name = element("th", "", { scope: "row" });
    name.append(element("strong", row.name));
    if (row.recommended) name.append(" ", element("small", table.dataset.recommendedLabel, { class: "clv-badge" }));
    tr.append(name, element("td", row.parameters, { class: "clv-col-more" }));
    for (const column of ["log_likelihood", "aic", "bic", "holdout_mae"]) {
      const td = element("td", row[column].text, { "data-column": column, "data-value": String(row[column].value ?? "") });
      // On a phone AIC gives way: BIC and the holdout error tell the same story more plainly.
      if (column === "aic") td.classList.add("clv-col-more");
      if (column === "holdout_mae") td.hidden = !withHoldout;
      tr.append(td);
    }
    return tr;
  }));
  box.querySelector("[data-recommendation]").textContent = models.recommendation;
}
