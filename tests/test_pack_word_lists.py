"""Word lists read one at a time agree with the lists read all at once."""

from __future__ import annotations

import pytest

from pmlint.packs import builtin_lists, word_list


def test_each_word_list_matches_the_merged_lists() -> None:
    merged = builtin_lists()
    assert merged, "the shipped packs define word lists"
    for name, words in merged.items():
        assert word_list(name) == words, name


def test_unknown_word_list_is_an_error_naming_it() -> None:
    with pytest.raises(KeyError, match="no-such-list"):
        word_list("no-such-list")
