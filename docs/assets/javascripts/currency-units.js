// Money units in the currency of the page's market: a form's data-currency
// (an ISO 4217 code such as "EUR", set per language and by the currency
// picker) becomes the symbol the page's language uses for it (browser CLDR,
// Intl), put into each [data-currency-unit] template ("%(currency)s per order").
function symbolOf(code, locale) {
  if (!/^[A-Z]{3}$/.test(code)) return code; // already a symbol
  try {
    const parts = new Intl.NumberFormat(locale, { style: "currency", currency: code }).formatToParts(0);
    return parts.find((part) => part.type === "currency")?.value ?? code;
  } catch {
    return code;
  }
}

function show(scope, code, locale) {
  if (!code) return;
  const symbol = symbolOf(code, locale);
  for (const unit of scope.querySelectorAll("[data-currency-unit]")) {
    unit.textContent = unit.dataset.currencyUnit.replace("%(currency)s", symbol);
  }
}

// Keeps the units of each element of *scopes* in step with its own (or the
// nearest ancestor's) data-currency, also when the picker changes it later.
export function followCurrency(scopes, locale) {
  for (const scope of scopes) {
    const source = scope.closest("[data-currency]") ?? document.querySelector("[data-currency]") ?? scope;
    const update = () => show(scope, source.dataset.currency, locale);
    update();
    new MutationObserver(update).observe(source, { attributes: true, attributeFilter: ["data-currency"] });
  }
}
