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
