"""Rule tables: the one reader of the tab-separated rule files in ``data/rules/``.

Every rule file has comment lines (``#``) documenting its format, then a header line that
names its columns, then one row per rule. The word classes, the event-type policy and the
recoding steps each read their file through ``read_rule_table`` and check their own columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import ConfigError


def read_rule_table(
    path: str | Path, columns: Sequence[str], what: str
) -> Iterator[tuple[str, list[str]]]:
    """Yields ``(where, cells)`` for each row of a rule table, after its header.

    Args:
        path: the file.
        columns: the header it must have, in order.
        what: what the file holds, for messages ("Word-class file").

    Yields:
        ``where`` ("file.tsv:12", for messages and ``where`` fields) and the row's cells,
        stripped, exactly ``len(columns)`` of them.

    Raises:
        ConfigError: the file cannot be read, has no header, or a row has another number
            of columns.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f'{what} "{path}" cannot be read: {exc.strerror}.') from exc
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{n}"
        cols = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(cols) != tuple(columns):
                raise ConfigError(
                    f"{where}: the first line that is no comment must be the header "
                    f"{chr(9).join(columns)!r} (tab-separated)."
                )
            header_seen = True
            continue
        if len(cols) != len(columns):
            raise ConfigError(f"{where}: {len(cols)} columns, expected {len(columns)}.")
        yield where, cols
