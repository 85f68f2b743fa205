"""Decoding files: encodings, line endings and the errors users see."""

from __future__ import annotations

import codecs

import pytest

from pmlint.source import InputError, decode, read_source


def test_lf_and_positions() -> None:
    source = decode(b"one\ntwo\nthree", "a.md")
    assert source.newline == "\n"
    assert source.lines == ["one", "two", "three"]
    assert source.position(0).line == 1
    assert (source.position(4).line, source.position(4).column) == (2, 1)
    assert (source.position(6).line, source.position(6).column) == (2, 3)
    assert source.offset(3, 2) == 9
    assert source.line_end(2) == 7


def test_crlf_is_detected_and_lines_drop_the_carriage_return() -> None:
    source = decode(b"one\r\ntwo\r\n", "a.md")
    assert source.newline == "\r\n"
    assert source.lines[:2] == ["one", "two"]
    assert source.line_end(1) == 3


def test_bom_is_removed_and_remembered() -> None:
    source = decode(codecs.BOM_UTF8 + "héllo".encode(), "a.md")
    assert source.had_bom
    assert source.text == "héllo"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "binary"),
        (codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"), "UTF-16"),
        (b"ok\n\xff\xfe bad", "not valid UTF-8 (bad byte at line 2)"),
    ],
)
def test_bad_bytes_raise_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "x.md")
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("x.md: ")


def test_read_source_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.md"))
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


def test_empty_file_is_a_document() -> None:
    source = decode(b"", "empty.md")
    assert source.lines == [""]
    assert source.position(0).line == 1


def test_lone_cr_files_are_read_line_by_line() -> None:
    source = decode(b"# Title\r\rSome text.\r- 14:05 UTC paged\r", "mac.md")
    assert source.newline == "\r"
    assert source.lines == ["# Title", "", "Some text.", "- 14:05 UTC paged", ""]
    assert source.position(source.text.index("Some")).line == 3


def test_fix_writes_lone_cr_files_back_with_lone_crs(tmp_path) -> None:
    from click.testing import CliRunner

    from pmlint.cli import main

    text = "# Postmortem\r\r**Summary**\r\rThe api failed for 10 minutes.\r"
    path = tmp_path / "mac.md"
    path.write_bytes(text.encode())
    result = CliRunner().invoke(main, ["--select", "PM105", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == text.replace("**Summary**", "## Summary").encode()
