"""Where coded articles are kept: ``open_store`` and the ``Store`` protocol.

A second backend is a new class, not an ``if``: the embedded store is ``store/sqlite.py``,
the server one ``store/postgres.py``; both keep the same tables and run the same
statements, written once in ``store/sql.py``. ``open_store`` picks one from a URL or a
plain path. The CLI and the API only ever talk to a ``Store``.

The protocol and its query and answer types are in ``store/protocol.py``, re-exported
here; the backends import them from there, never from this package.
"""

from __future__ import annotations

import re

from ..errors import ConfigError
from .protocol import (
    EVENT_CSV_COLUMNS,
    EVENT_SORT_KEYS,
    BatchItem,
    Duplicate,
    EventQuery,
    EventRow,
    InputMark,
    Store,
    StoreSummary,
    StoryRow,
    UpsertResult,
    event_csv_cells,
    redact,
)
from .sqlite import SQLiteStore

__all__ = [
    "EVENT_CSV_COLUMNS",
    "EVENT_SORT_KEYS",
    "VALID_SCHEMES",
    "BatchItem",
    "Duplicate",
    "EventQuery",
    "EventRow",
    "InputMark",
    "Store",
    "StoreSummary",
    "StoryRow",
    "UpsertResult",
    "event_csv_cells",
    "open_store",
    "redact",
]

#: The URL forms ``open_store`` understands, for error messages and help text.
VALID_SCHEMES = ("sqlite:///PATH", "postgresql://USER:PASSWORD@HOST:PORT/DB", "a plain file path")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def open_store(url_or_path: str) -> Store:
    """Opens (creating if needed) the store that ``url_or_path`` names.

    Args:
        url_or_path: a plain file path (``thucydides.db``), ``sqlite:///PATH``, or a
            PostgreSQL URL (``postgresql://user:password@host:5432/events``, also
            ``postgres://``). As in SQLAlchemy, ``sqlite:///events.db`` is relative and
            ``sqlite:////srv/events.db`` absolute.

    Returns:
        The opened store.

    Raises:
        ConfigError: an empty path or a scheme no backend handles; the message lists the
            valid forms.
        StoreError: the store cannot be opened (for PostgreSQL also: the ``postgres``
            extra is not installed; the message gives the ``pip install`` to run).
    """
    valid = f"Valid stores: {', '.join(VALID_SCHEMES)}."
    path = url_or_path
    match = _SCHEME.match(url_or_path)
    # A one-letter "scheme" is a Windows drive (C:\data\events.db), not a URL.
    if match and len(match.group(1)) > 1:
        if match.group(1).lower() in ("postgresql", "postgres"):
            # Imported only when asked for: psycopg takes 0.2 s to import, which a run on
            # SQLite need not wait for.
            from .postgres import PostgresStore

            return PostgresStore(url_or_path)
        if not url_or_path.startswith("sqlite:///"):
            raise ConfigError(f'Unknown store "{url_or_path}". {valid}')
        path = url_or_path[len("sqlite:///") :]
    if not path:
        raise ConfigError(f'Store "{url_or_path}" names no file. {valid}')
    return SQLiteStore(path)
