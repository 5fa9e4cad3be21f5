// The calculator's currency picker: display only. The chosen currency goes to
// every form's data-currency (the result display reads it) and its sign into
// every [data-currency-symbol]; no amount is converted.
const picker = document.querySelector("[data-currency-picker]");

function show(code) {
  const option = [...picker.options].find((o) => o.value === code);
  if (!option) return;
  picker.value = code;
  for (const form of document.querySelectorAll("form[data-formula]")) form.dataset.currency = code;
  for (const sign of document.querySelectorAll("[data-currency-symbol]")) sign.textContent = option.dataset.symbol;
  document.dispatchEvent(new CustomEvent("clv:currency", { detail: { currency: code } }));
}

if (picker) {
  picker.addEventListener("change", () => show(picker.value));
  // A link may carry the reader's currency (?currency=PLN), like the inputs.
  const wanted = new URLSearchParams(location.search).get("currency");
  if (wanted) show(wanted.toUpperCase());
}
