// Typeset the formulas that pymdownx.arithmatex left as \( ... \) and \[ ... \].
// KaTeX writes MathML beside the visual output, which screen readers read.
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll(".arithmatex")) {
    const source = element.textContent.trim();
    const display = source.startsWith("\\[");
    const tex = source.slice(2, -2);
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
    } catch (error) {
      console.error("KaTeX could not typeset", tex, error);
    }
  }
});
