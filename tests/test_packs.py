"""Declarative packs: every pack rule's examples, validation errors, scopes and kinds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pmlint.cli import main
from pmlint.engine import Linter
from pmlint.packs import PackError, builtin_packs, load_pack, word_list
from pmlint.packs.kinds.base import PackRule
from pmlint.packs.kinds.matching import word_pattern
from pmlint.packs.scopes import ScopeError, parse_scope
from pmlint.phrases import phrase_pattern
from pmlint.registry import Registry, builtin_rules, default_registry
from pmlint.settings import Settings
from pmlint.source import decode

EXAMPLE_PACK = (
    ROOT / "examples/pmlint-example-plugin/src/pmlint_example_plugin/packs/house-style.toml"
)


def _pack_rules() -> list[type[PackRule]]:
    rules = [rule for pack in builtin_packs() for rule in pack.rules]
    return rules + load_pack(EXAMPLE_PACK, origin="example", prefix="EXB").rules


def _lint(rule: type[PackRule], text: str) -> list[str]:
    registry = (
        Registry([*builtin_rules(), rule]) if rule.code.startswith("EXB") else default_registry()
    )
    linter = Linter(Settings.model_validate({"select": [rule.code]}), registry)
    return [f.code for f in linter.lint_source(decode(text.encode(), "example.md"))]


@pytest.mark.parametrize("rule", _pack_rules(), ids=lambda r: r.code)
def test_pack_rule_examples(rule: type[PackRule]) -> None:
    assert rule.code in _lint(rule, rule.spec.example_bad), "example-bad must be flagged"
    assert rule.code not in _lint(rule, rule.spec.example_good), "example-good must pass"


def test_pack_rules_have_documentation_headings() -> None:
    for rule in _pack_rules():
        doc = rule.documentation()
        for heading in ("## What it does", "## Why is this bad?", "## Example"):
            assert heading in doc, (rule.code, heading)


def test_pack_rule_is_in_registry_like_a_python_rule() -> None:
    rule = default_registry().get("counterfactual-language")
    assert rule is not None and rule.code == "PM603"
    assert issubclass(rule, PackRule)
    assert default_registry().resolve("PM6") >= {"PM601", "PM602", "PM603", "PM604"}


def test_cli_rule_shows_pack_rule() -> None:
    result = CliRunner().invoke(main, ["rule", "PM603"])
    assert result.exit_code == 0
    assert result.output.startswith("# PM603 counterfactual-language")
    assert "## Why is this bad?" in result.output
    assert "should have been rolled back" in result.output


def test_word_lists_come_from_packs() -> None:
    assert "human error" in word_list("human-error-phrases")
    assert "improve" in word_list("vague-openers")
    with pytest.raises(KeyError):
        word_list("no-such-list")


def test_substitution_fix_keeps_case(tmp_path: Path) -> None:
    rule = next(r for r in _pack_rules() if r.code == "EXB102")
    registry = Registry([*builtin_rules(), rule])
    linter = Linter(Settings.model_validate({"select": ["EXB102"]}), registry)
    findings = linter.lint_source(decode(b"End users saw errors.\n", "doc.md"))
    assert len(findings) == 1
    assert findings[0].fix is not None
    assert findings[0].fix.edits[0].content == "Customers"
    assert findings[0].message == "write 'Customers' instead of 'End users'"


def test_table_cell_scope_points_at_the_cell() -> None:
    rule = next(r for r in _pack_rules() if r.code == "EXB102")
    registry = Registry([*builtin_rules(), rule])
    linter = Linter(Settings.model_validate({"select": ["EXB102"]}), registry)
    text = "| Who | Count |\n|---|---|\n| end users | 30 |\n"
    findings = linter.lint_source(decode(text.encode(), "doc.md"))
    assert [(f.span.start.line, f.span.start.column) for f in findings] == [(3, 3)]


@pytest.mark.parametrize(
    ("scope", "terms"),
    [
        ("section:root-cause", [("section", "root-cause", False)]),
        (
            "timeline.entry & ~table.row",
            [("timeline.entry", None, False), ("table.row", None, True)],
        ),
        ("heading&section:summary", [("heading", None, False), ("section", "summary", False)]),
    ],
)
def test_parse_scope(scope: str, terms: list[tuple[str, str | None, bool]]) -> None:
    assert [(t.name, t.arg, t.negated) for t in parse_scope(scope)] == terms


@pytest.mark.parametrize("scope", ["section:rootcause", "paragraphs", "list.item:x", "& heading"])
def test_bad_scope(scope: str) -> None:
    with pytest.raises(ScopeError):
        parse_scope(scope)


RULE = """
[[rules]]
code = "ACME101"
name = "acme-rule"
kind = "existence"
tokens = ["foo"]
summary = "s"
description = "d"
why = "w"
message = "m"
example-bad = "foo"
example-good = "bar"
"""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("", ""), None),
        (
            ('kind = "existence"', 'kind = "existance"'),
            "rules[0] (ACME101).kind: unknown or missing kind",
        ),
        (
            ('tokens = ["foo"]', 'tokens = ["foo"]\nscope = "section:nope"'),
            "rules[0] (ACME101).scope: unknown section 'nope'",
        ),
        (('tokens = ["foo"]', "patterns = ['(']"), "rules[0] (ACME101).patterns: invalid"),
        (('code = "ACME101"', 'code = "acme-1"'), "rules[0] (acme-1).code: a code is"),
        (('example-good = "bar"', ""), "rules[0] (ACME101).example-good: Field required"),
        (('tokens = ["foo"]', 'lists = ["nothing"]'), "rules[0] (ACME101).lists: unknown word"),
        (
            ('tokens = ["foo"]', 'tokens = ["foo"]\ncolour = "red"'),
            "rules[0] (ACME101).colour: Extra inputs",
        ),
        (('code = "ACME101"', 'code = "ZZ101"'), "rules[0] (ZZ101).code: must be ACME"),
    ],
)
def test_pack_validation_names_file_and_key(
    tmp_path: Path, edit: tuple[str, str], expected: str | None
) -> None:
    path = tmp_path / "acme.toml"
    body = RULE.replace(*edit) if edit[0] else RULE
    path.write_text('[pack]\nname = "acme"\n' + body, encoding="utf-8")
    if expected is None:
        assert [r.code for r in load_pack(path, prefix="ACME").rules] == ["ACME101"]
        return
    with pytest.raises(PackError) as info:
        load_pack(path, prefix="ACME")
    assert str(info.value).startswith(f"{path}: {expected}")


def test_pack_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[pack\nname=1", encoding="utf-8")
    with pytest.raises(PackError, match=r"broken\.toml: invalid TOML"):
        load_pack(path)


# -- word lists to regex: the shared phrase builder matches like a per-word one ----------


def _per_word_pattern(tokens: list[str], patterns: list[str], flags: int) -> re.Pattern[str]:
    """The builder packs used before pmlint.phrases: each word with its own boundaries."""
    parts = [
        r"(?<![\w-])" + r"\s+".join(map(re.escape, token.split())) + r"(?![\w-])"
        for token in sorted(set(tokens), key=lambda t: (-len(t), t))
    ]
    parts += [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts or [r"(?!)"]), flags)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


_TOKENS = st.lists(
    st.sampled_from(["a", "ab", "a b", "a  b c", "b-c", "c", "Ab", "x.y", "b c"]), max_size=5
)
_TEXT = st.text(alphabet="abcAB x.y-\n\t", max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    tokens=_TOKENS,
    patterns=st.lists(st.sampled_from([r"x\.y", r"\bc+", "B"]), max_size=2),
    ignorecase=st.booleans(),
    text=_TEXT,
)
def test_token_pattern_matches_like_per_word_alternation(
    tokens: list[str], patterns: list[str], ignorecase: bool, text: str
) -> None:
    flags = re.IGNORECASE if ignorecase else 0
    expected = _spans(_per_word_pattern(tokens, patterns, flags), text)
    assert _spans(word_pattern(tokens, patterns, ignorecase), text) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(tokens=_TOKENS.filter(bool), ignorecase=st.booleans(), text=_TEXT)
def test_substitution_pattern_matches_like_per_word_alternation(
    tokens: list[str], ignorecase: bool, text: str
) -> None:
    flags = re.IGNORECASE if ignorecase else 0
    expected = _spans(_per_word_pattern(tokens, [], flags), text)
    assert _spans(phrase_pattern(tokens, flags), text) == expected


def test_token_pattern_examples() -> None:
    pattern = word_pattern(["a b", "a"], [r"\d+"], ignorecase=True)
    assert [m.group(0) for m in pattern.finditer("A\n b, ab, a-b, a 42")] == ["A\n b", "a", "42"]
    assert word_pattern([], [], ignorecase=True).search("anything") is None
