"""Spreadsheet formulas in exported cells: what starts one, and how a cell is kept as text.

Every CSV and TSV writer (``thucydides events``, ``thucydides export``, the service's
exports) and the SQLite store's listing of CSV cells use these, so they agree.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise_formula"]

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula gets a
    leading apostrophe, unless it is a plain number ("-3.5" stays a number).

    Notes:
        OWASP's CSV Injection page (https://owasp.org/www-community/attacks/CSV_Injection)
        prescribes the apostrophe for cells starting with =, +, -, @, tab or carriage
        return: Excel and LibreOffice then show the cell as text and run nothing.
    """
    if not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
