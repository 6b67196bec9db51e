"""The command line in the report's language (issue 19, point 6): ``--lang`` gives the terminal
summary, the command's own lines and its errors in that language; ``report --lang`` writes its
own files beside the English ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import cli
from auditor.reports.html import site_report_names
from tests.reports.test_writers import build_result


def _result_json(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "result.json"
    path.write_text(build_result().model_dump_json(), encoding="utf-8")
    return path


def test_report_in_another_language_keeps_the_english_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _result_json(tmp_path / "out")
    assert cli.main(["report", str(path)]) == cli.EXIT_OK
    english = capsys.readouterr().out
    assert "Report for" in english
    assert cli.main(["report", str(path), "--lang", "sv"]) == cli.EXIT_OK
    swedish = capsys.readouterr().out
    assert "Rapport för" in swedish and "Report for" not in swedish
    names = site_report_names(build_result())
    for name in names:
        assert (tmp_path / "out" / f"{name}.html").exists() and (tmp_path / "out" / f"{name}.sv.html").exists()
    assert f"{names[0]}.sv.html" in (tmp_path / "out" / f"{names[0]}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["error:", "cannot read"]),
    ("de", ["Fehler:", "kann nicht gelesen werden"]),
    ("fi", ["virhe:", "ei voi lukea"]),
])
def test_errors_in_the_language_of_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
                                               words: list[str]) -> None:
    code = cli.main(["report", str(tmp_path / "missing.json"), "--lang", lang])
    assert code == cli.EXIT_TOOL_ERROR
    err = " ".join(capsys.readouterr().err.split())
    assert all(word in err for word in words), err


def test_a_url_error_in_danish(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = cli.main(["audit", "ftp://butik.example.dk/", "--lang", "da", "--output", str(tmp_path)])
    assert code == cli.EXIT_TOOL_ERROR
    err = " ".join(capsys.readouterr().err.split())
    assert "fejl:" in err and "kun http- og https-adresser kan gennemgås" in err
