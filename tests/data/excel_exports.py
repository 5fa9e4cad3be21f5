"""The orders of ``your_data.csv`` as Excel in Poland and Ukraine saves them (see README.md).

Plain "CSV" from Excel is in the Windows code page of the computer's
language, separated by ";" where the decimal mark is a comma, with dates as
the language shows them (DD.MM.YYYY) and the column names people typed.
Generated here, not committed as opaque bytes.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

ORDERS = Path(__file__).with_name("your_data.csv")

# language: (code page, header, customer name prefix with the language's letters,
# the name of "Šarūnas & Co", whose "ū" neither code page has)
EXPORTS = {
    "pl": ("cp1250", ("Klient", "Data zamówienia", "Kwota"), "Żółć ", "Łukasz & Co"),
    "uk": ("cp1251", ("Клієнт", "Дата", "Сума"), "Їжак ", "Шарунас & Co"),
}


def orders() -> list[tuple[str, date, float]]:
    """(customer, date, amount) of ``your_data.csv``, read with the csv module."""
    with ORDERS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [(c, date.fromisoformat(d), float(a)) for c, d, a in rows]


def customer_name(language: str, customer: str) -> str:
    """The customer id as the export writes it (a name with non-ASCII letters);
    the XSS test id is kept as it is."""
    if customer.startswith("<"):
        return customer
    return EXPORTS[language][3] if not customer.isascii() else EXPORTS[language][2] + customer


def excel_export(language: str) -> bytes:
    """The bytes of the export: code page, ";", DD.MM.YYYY, decimal comma, CRLF."""
    encoding, header = EXPORTS[language][:2]
    lines = [";".join(header)]
    for customer, day, amount in orders():
        lines.append(";".join((customer_name(language, customer), day.strftime("%d.%m.%Y"),
                               f"{amount:.2f}".replace(".", ","))))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
