"""Options: defaults < config file < command line, every value checked when loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thucydides.cli import main
from thucydides.config import Options, is_iso_date, load_options
from thucydides.errors import ConfigError


def _config(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_file_values_then_overrides(tmp_path: Path) -> None:
    path = _config(
        tmp_path,
        {"published": "2017-01-18", "batch_size": 4, "min_chars": 0, "lexicons": ["a.tsv"]},
    )
    options = load_options(path, batch_size=8, published=None)
    assert options == Options(
        published="2017-01-18", batch_size=8, min_chars=0, lexicons=("a.tsv",)
    )


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("published", "last Tuesday", "ISO date YYYY-MM-DD"),
        ("published", "2017/01/18", "ISO date YYYY-MM-DD"),
        ("published", "20170118", "ISO date YYYY-MM-DD"),
        ("published", "2017-02-30", "ISO date YYYY-MM-DD"),
        ("published", 2017, "ISO date YYYY-MM-DD"),
        ("batch_size", 0, "1 or more"),
        ("batch_size", "16", "1 or more"),
        ("batch_size", True, "1 or more"),
        ("max_bytes", -5, "1 or more"),
        ("max_bytes", 1.5, "1 or more"),
        ("min_chars", -1, "0 or more"),
        ("language", "English", "ISO 639 language code"),
        ("model", "", "spaCy pipeline package"),
        ("lexicons", "mine.tsv", "a list of trigger lexicon files"),
        ("knowledge", [1, 2], "a list of actor knowledge files"),
    ],
)
def test_a_bad_value_in_a_config_file_names_file_key_value_and_what_it_takes(
    tmp_path: Path, key: str, value: object, expected: str
) -> None:
    path = _config(tmp_path, {key: value})
    with pytest.raises(ConfigError) as exc:
        load_options(path)
    message = str(exc.value)
    assert str(path) in message
    assert f'"{key}" is {json.dumps(value)}' in message
    assert expected in message


def test_an_unknown_option_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r'unknown option "pubished"; valid options: batch_size'):
        load_options(_config(tmp_path, {"pubished": "2017-01-18"}))


def test_a_config_file_that_is_no_object_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="must hold a JSON object"):
        load_options(_config(tmp_path, ["published", "2017-01-18"]))


def test_options_built_in_code_are_checked_too() -> None:
    with pytest.raises(ConfigError, match='option "published" is "last Tuesday"'):
        Options(published="last Tuesday")
    with pytest.raises(ConfigError, match='option "batch_size" is 0'):
        Options().replace(batch_size=0)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2017-01-18", True),
        ("2016-02-29", True),
        ("2017-02-29", False),
        ("2017-1-18", False),
        ("2017-W03-3", False),
        ("18/01/2017", False),
        (None, False),
    ],
)
def test_iso_dates(value: object, ok: bool) -> None:
    assert is_iso_date(value) is ok


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_the_cli_reports_a_bad_config_value_in_one_line_and_codes_nothing(
    command: str, tmp_path: Path, capsys
) -> None:
    """Before, ``code`` died with a traceback and ``ingest`` rejected every article as T009."""
    article = tmp_path / "a.txt"
    article.write_text("Rebels seized the town of Kamba on Monday, officials said.")
    config = _config(tmp_path, {"published": "last Tuesday"})
    db = tmp_path / "t.db"
    args = [command, str(article), "--config", str(config), "--quiet"]
    code = main([*args, "--db", str(db)] if command == "ingest" else args)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f'error: config file {config}: "published" is "last Tuesday"; it takes an ISO date '
        'YYYY-MM-DD, such as "2017-01-18" (or null). Fix the value or remove the option.'
    ]
    assert not db.exists()


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--date", "2017/01/18", "not a date in the form YYYY-MM-DD"),
        ("--date", "last Tuesday", "not a date in the form YYYY-MM-DD"),
        ("--max-bytes", "0", "1 or more"),
    ],
)
def test_bad_command_line_values_are_usage_errors(flag: str, value: str, says: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.txt", flag, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {flag}: {value!r} is" in err and says in err
    assert "Traceback" not in err
