"""Shared fixtures: the real spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.nlp import Parser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_ARTICLE = SHARED / "samples" / "hiftar-russia.txt"


@pytest.fixture(scope="session")
def parser() -> Parser:
    """The real spaCy pass, loaded once."""
    return Parser()
