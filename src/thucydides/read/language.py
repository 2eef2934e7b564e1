"""Language identification with py3langid (its model ships inside the package)."""

from __future__ import annotations

import functools

from ..errors import NotEnglish

#: Characters looked at: enough for a stable answer, cheap on long articles.
_SAMPLE_CHARS = 4000


@functools.lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """Returns the ISO 639-1 code of ``text``'s language and the model's probability."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


def require_language(text: str, origin: str, expected: str = "en") -> str:
    """Checks that ``text`` is in ``expected``; returns the detected code.

    Raises:
        NotEnglish: the detector is confident the text is in another language.

    Notes:
        A text is refused only when the detector gives another language with probability
        of at least 0.9: short or mixed texts with a weak signal are coded rather than lost.
    """
    lang, prob = detect_language(text)
    if lang != expected and prob >= 0.9:
        raise NotEnglish(
            origin,
            f"text is in language '{lang}' (p={prob:.2f}), not '{expected}'; "
            "Thucydides codes English news only",
        )
    return expected if lang != expected else lang
