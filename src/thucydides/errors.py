"""Every error Thucydides raises, in one tree.

::

    ThucydidesError
    ├── InputError            an article that cannot be coded (the batch goes on)
    │   ├── MissingInput      T001  the path does not exist
    │   ├── EmptyInput        T002  no bytes, or only whitespace
    │   ├── BinaryInput       T003  not text (NUL bytes, control characters)
    │   ├── EncodingError     T004  not UTF-8 and no encoding can be detected
    │   ├── MalformedInput    T005  broken JSON line, CSV row or HTML
    │   ├── InputTooLarge     T006  over the configured size limit
    │   ├── NotEnglish        T007  the language detector says another language
    │   ├── NoArticleText     T008  nothing left once page chrome is removed
    │   ├── CodingFailed      T009  a bug in a coding stage, isolated to this article
    │   └── ListingPage       T011  a page that lists several stories, not one article
    ├── ConfigError           T100  an unknown, bad or contradictory option
    ├── StoreError            T200  the store cannot be opened or written
    │   └── RecordNotFound    T201  no record with that id
    ├── SchemaError           T300  a record does not satisfy the article-record schema
    └── WorkerError           T400  a worker process or the Dask cluster failed

Each class carries a searchable ``code``; ``InputError`` also names the input, so the
message a user sees reads ``T004 notes.txt: not UTF-8 ...``.
"""

from __future__ import annotations


class ThucydidesError(Exception):
    """Base class of every error Thucydides raises on purpose."""

    code = "T000"


class InputError(ThucydidesError):
    """An input that cannot become an article record.

    Args:
        source: the file, row or line the input came from (``notes.txt``, ``feed.jsonl:12``).
        reason: what is wrong and, where it helps, how to fix it.
    """

    code = "T010"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{self.code} {source}: {reason}")


class MissingInput(InputError):
    code = "T001"


class EmptyInput(InputError):
    code = "T002"


class BinaryInput(InputError):
    code = "T003"


class EncodingError(InputError):
    code = "T004"


class MalformedInput(InputError):
    code = "T005"


class InputTooLarge(InputError):
    code = "T006"


class NotEnglish(InputError):
    code = "T007"


class NoArticleText(InputError):
    code = "T008"


class CodingFailed(InputError):
    """A coding stage raised on this article; the batch goes on without it."""

    code = "T009"


class ListingPage(InputError):
    """A page of headlines and teasers of several stories: coded as one, it would mix them.

    Raised for bare headlines and one-line teasers; a listing whose every teaser has two
    sentences or more is split into articles instead where one input may give several
    records (``thucydides code``: ``pipeline.prepare_stories`` with ``split_listings``).
    """

    code = "T011"


class ConfigError(ThucydidesError):
    """An option or a command-line value that cannot be used; nothing is coded.

    The message names where the value came from (the config file, the flag), the value,
    and what is valid instead.
    """

    code = "T100"


class StoreError(ThucydidesError):
    code = "T200"


class RecordNotFound(StoreError):
    code = "T201"


class SchemaError(ThucydidesError):
    code = "T300"


class WorkerError(ThucydidesError):
    """A worker process died or the Dask cluster cannot be reached; rerunning resumes."""

    code = "T400"
