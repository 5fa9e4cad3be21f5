// DOM helpers shared by the calculator pages: text always through
// textContent, charts as inline SVG built with DOM APIs (no innerHTML).
const SVG = "http://www.w3.org/2000/svg";

export function element(tag, text = "", attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// A chart drawn at the size it is shown (so 12 px text stays 12 px on a phone):
// the SVG's viewBox is its container's width; the margins leave room for ticks.
export function frame(plot, height) {
  const width = Math.max(280, Math.round(plot.parentElement.clientWidth || 640));
  plot.setAttribute("viewBox", `0 0 ${width} ${height}`);
  plot.setAttribute("width", width);
  plot.setAttribute("height", height);
  return { width, height, left: 56, right: 16, top: 16, bottom: 48 };
}

// Horizontal grid lines with their labels at the y ticks, and labels under the
// x axis: the same in every chart. *x* and *y* map values to pixels; each tick
// is { value, text } from Python, so numbers are formatted for the language.
export function ticks(box, { x, y, xTicks, yTicks }) {
  const right = box.width - box.right;
  const bottom = box.height - box.bottom;
  const nodes = [];
  for (const tick of yTicks) {
    nodes.push(svg("line", { x1: box.left, y1: y(tick.value), x2: right, y2: y(tick.value), class: "clv-grid" }),
      svg("text", { x: box.left - 6, y: y(tick.value) + 4, "text-anchor": "end", class: "clv-tick" }, tick.text));
  }
  for (const tick of xTicks) {
    nodes.push(svg("text", { x: x(tick.value), y: bottom + 16, "text-anchor": "middle", class: "clv-tick" }, tick.text));
  }
  return nodes;
}
