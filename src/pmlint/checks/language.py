"""PM6xx: blameless language and sensitive data (PM603 is a pack rule in language.toml)."""

from __future__ import annotations

import bisect
import functools
import ipaddress
import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.checks.blame import (
    Blame,
    blame_in,
    human_cause,
    might_be_human_cause,
    might_blame,
    negated,
    sentences,
)
from pmlint.checks.host_logins import is_login
from pmlint.document.frontmatter import find_metadata
from pmlint.document.model import words_of
from pmlint.findings import Finding, Severity
from pmlint.lazy_re import LazyPattern
from pmlint.packs import word_list
from pmlint.phrases import phrase_alternation
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block


class BlamefulLanguage(Rule):
    """## What it does
    Finds blame: a person or team tied to a blame predicate ("John forgot to", "the
    intern's mistake", "the SRE being hungover", "should have known better"). Naming people
    neutrally ("Alice paged the on-call") is fine, and so is an author's first-person
    account ("I forgot to restart the service").

    ## Why is this bad?
    Blame teaches people to hide mistakes. A blameless report asks why the system let a
    reasonable action cause harm, which is the question that prevents the next incident.

    ## Example
    `The outage happened because Bob forgot to renew the certificate.`: say instead that
    certificate renewal depended on a manual step with no reminder.
    """

    code = "PM601"
    name = "blameful-language"
    summary = "A person or team is blamed"
    severity = Severity.WARNING
    tags = ("language", "blameless")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per sentence that blames someone."""
        for block in doc.content_blocks():
            if block.kind == "code" or not might_blame(block.words, block.masked):
                continue
            for offset, sentence, tokens in sentences(block):
                blame = blame_in(sentence, tokens=tokens)
                if blame is None or negated(sentence, blame.start):
                    continue
                yield self.finding(
                    doc,
                    block.start + offset + blame.start,
                    block.start + offset + blame.end,
                    f"blameful language: '{blame.text}' blames a person; describe "
                    "what happened and what let it happen, not who is at fault",
                )


def _section_keys(block: Block) -> frozenset[str]:
    """The keys of the block's section and of every section above it."""
    keys: frozenset[str] = frozenset()
    section = block.section
    while section is not None:
        keys |= section.keys
        section = section.parent
    return keys


class HumanErrorRootCause(Rule):
    """## What it does
    Finds a root cause given as human or operator error: "human error", "operator
    error", or a person's slip named as the cause ("an engineer ... never switched back",
    "the SRE being hungover"). Only the root-cause section (by meaning) is read, and a
    sentence that denies it ("this was not human error") is fine.

    ## Why is this bad?
    Human error is where an investigation starts, not where it ends: the root cause is
    whatever made the error easy to make and hard to notice.

    ## Example
    `Root cause: human error during the deploy.`: name the missing safeguard instead
    ("the deploy script accepted an empty target list").
    """

    code = "PM602"
    name = "human-error-root-cause"
    summary = "The root cause is given as human or operator error"
    severity = Severity.WARNING
    tags = ("language", "blameless")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per root-cause sentence that blames a human slip."""
        for field in doc.fields:
            if "root-cause" not in doc.registry.keys_for(field.label, heading=False):
                continue
            if "root-cause" in _section_keys(field.block):
                continue  # read below with its section's blocks
            cause = human_cause(field.value)
            if cause is not None:
                yield self._report(doc, field.value_start + cause.start, cause)
        for block in doc.blocks_in("root-cause"):
            if block.kind == "code" or not might_be_human_cause(block.words, block.masked):
                continue
            for offset, sentence, tokens in sentences(block):
                cause = human_cause(sentence, tokens)
                if cause is not None:
                    yield self._report(doc, block.start + offset + cause.start, cause)

    def _report(self, doc: Document, start: int, cause: Blame) -> Finding:
        return self.finding(
            doc,
            start,
            start + len(cause.text),
            f"the root cause is given as human error ('{cause.text}'): "
            "name what made the slip possible and unnoticed (a missing check, "
            "guard rail or alert)",
        )


_EMAIL = LazyPattern(r"(?<![\w.+-])[\w.+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:){2,7}:?[0-9A-Fa-f]{0,4}(?![\w:])"
    r"|(?<![\w:])::1(?![\w:])"
)
# Where an address can be (each begins with a literal, which the scan looks for first):
# an IPv4 address holds ".d.d", an IPv6 one ":h:" or "::".
_MAYBE_IPV4 = re.compile(r"\.\d{1,3}\.\d")
_MAYBE_IPV6 = re.compile(r":[0-9A-Fa-f]*:")
_VERSION = LazyPattern(r"(?:v|version|release|ver\.?)\s*$", re.IGNORECASE)
_CARD = LazyPattern(r"(?<![\d-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{13,19})(?![\d-])")
_CARD_START = LazyPattern(r"4|5[1-5]|2[2-7]|3[47]|6(?:011|5)")
_PRIVATE_KEY = LazyPattern(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")
_JWT = LazyPattern(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")


# Where a card number can be: four digits, one separator (or a blanked markup character),
# four digits; or 13 digits in a row. Written without a counted repeat as the first item,
# which makes the failing scan of a whole document three times slower.
_CARD_HINT = re.compile(r"\d\d\d\d(?:\D\d\d\d\d|\d{9})")
_KEY_TAIL = 12  # characters after a key's prefix
_KEY_FOUND = "this looks like an API key or token: remove it and rotate the secret"
_TOKEN_FOUND = "a private key or signed token is pasted here: remove it and rotate it"
_EMAIL_FOUND = "an email address is published here: remove it or use a role address"
_CARD_FOUND = "this looks like a payment card number: remove it"
_VALUE_FOUND = "this looks like a secret value: remove it (and rotate it)"
_IP_FOUND = (
    "public IP address {}: remove it or use a "
    "documentation address (192.0.2.x, 198.51.100.x, 203.0.113.x)"
)
_NOT_SECRET = LazyPattern(r"[a-z_]+|\$\{?\w+\}?|<[^>]*>|\*+|x+", re.IGNORECASE)


@functools.cache
def _secret_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prefixes = phrase_alternation(word_list("secret-prefixes"))
    return (
        re.compile(rf"(?<![\w-])(?:{prefixes})[A-Za-z0-9_\-]{{{_KEY_TAIL},}}"),
        re.compile(
            rf"(?<![\w-])(?:{phrase_alternation(word_list('secret-keys'))})"
            rf"[\"']?\s*[:=]\s*[\"']?(?P<value>[^\s\"',;]{{16,}})",
            re.IGNORECASE,
        ),
    )


@functools.cache
def _secret_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """Key prefixes (case kept), key names and example domains (lower case)."""
    return (
        tuple(word_list("secret-prefixes")),
        frozenset(k.casefold() for k in word_list("secret-keys")),
        frozenset(d.lower() for d in word_list("example-domains")),
    )


def shannon_entropy(text: str) -> float:
    """Bits per character: random tokens score above about 3.5, words well below."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def luhn_valid(digits: str) -> bool:
    """Whether a digit string passes the Luhn check used by payment cards."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def public_ip(text: str) -> bool:
    """Whether ``text`` is a routable address (not private, loopback or documentation)."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return address.is_global and not address.is_multicast


class _Present:
    """Which sensitive values a document's text can hold, tested once for all its blocks.

    Each test is a literal or a short pattern that every match of the value's pattern
    implies in the source: a block's masked text only blanks markup to spaces, so the
    characters of a match are the source's at the same offsets (and a word of the block,
    case-folded, is part of the case-folded source).
    """

    __slots__ = ("ats", "card", "email", "ip", "keys", "personal", "prefixes", "tokens")

    def __init__(self, text: str) -> None:
        prefixes, keys, _ = _secret_words()
        self.prefixes = tuple(p for p in prefixes if p in text)
        folded = text.casefold() if "=" in text or ":" in text else ""
        self.keys = any(k in folded for k in keys)
        # an address's "@" has a local-part character before it and a domain after it
        self.ats = _email_ats(text) if "@" in text else []
        self.email = bool(self.ats)
        self.ip = _maybe_ip(text)
        self.card = _card_hint(text)
        self.tokens = "-----BEGIN" in text or "eyJ" in text
        self.personal = self.email or self.ip or self.card

    def secrets(self) -> bool:
        """Whether a key, a token or a private key can be anywhere."""
        return bool(self.prefixes) or self.keys or self.tokens

    def email_in(self, block: Block) -> bool:
        """Whether an address's "@" lies in the block."""
        i = bisect.bisect_left(self.ats, block.start)
        return i < len(self.ats) and self.ats[i] < block.end


_EMAIL_AT = LazyPattern(r"[\w.+-]@[A-Za-z0-9-]")  # as _EMAIL has it around its "@"


def _email_ats(text: str) -> list[int]:
    """The offsets (ascending) of each "@" that :data:`_EMAIL` can match around."""
    ats = []
    at = text.find("@", 1)
    while at >= 0:
        if _EMAIL_AT.match(text, at - 1):
            ats.append(at)
        at = text.find("@", at + 1)
    return ats


# An ASCII text's shape: each digit "d", any other character "x" (as \d and \D see them).
_DIGIT_SHAPE = bytes(ord("d") if 48 <= i <= 57 else ord("x") for i in range(256))


def _card_hint(text: str) -> bool:
    """Whether :data:`_CARD_HINT` matches in ``text``: in an ASCII text's digit shape it
    is "ddddxdddd" or 13 "d"s, two literals found faster than the pattern scans."""
    if not text.isascii():
        return _CARD_HINT.search(text) is not None
    shape = text.encode().translate(_DIGIT_SHAPE)
    return b"ddddxdddd" in shape or b"d" * 13 in shape


def _maybe_ip(text: str) -> bool:
    """Whether ``text`` can hold an IPv4 or IPv6 address."""
    return _MAYBE_IPV4.search(text) is not None or _MAYBE_IPV6.search(text) is not None


class SensitiveData(Rule):
    """## What it does
    Finds data that should not be published: email addresses of people other than the
    authors, public IP addresses (private, loopback and documentation ranges such as
    10.0.0.0/8, 192.168.0.0/16, 192.0.2.0/24 and 2001:db8::/32 are fine), API keys and
    tokens (well-known prefixes, random-looking values after `key=` or `token:`), private
    keys, and payment card numbers (checked with Luhn).

    ## Why is this bad?
    Postmortems are shared widely, often publicly. A leaked key must be rotated; a
    customer's address or card number is a privacy incident of its own.

    ## Example
    `Requests from 8.8.4.4 spiked`: write `a single client IP` or a documentation
    address such as `203.0.113.7`.
    """

    code = "PM604"
    name = "sensitive-data"
    summary = "An email, public IP, secret or card number appears"
    severity = Severity.WARNING
    tags = ("language", "security")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per sensitive value; code blocks are checked for secrets only."""
        present = _Present(doc.text)
        secrets = present.secrets()
        if not secrets and not present.personal:
            return
        authors = self._author_text(doc) if present.email else ""
        for block in doc.blocks:
            text = block.text if block.kind == "code" else block.masked
            for start, end, message in self._secrets(block, text, present) if secrets else ():
                yield self.finding(doc, block.start + start, block.start + end, message)
            if block.kind == "code" or not present.personal:
                continue
            email = present.email and present.email_in(block)
            for start, end, message in self._personal(text, authors, present, email=email):
                yield self.finding(doc, block.start + start, block.start + end, message)

    @staticmethod
    def _author_text(doc: Document) -> str:
        metadata = find_metadata(doc)
        names = word_list("authors-fields")
        return " ".join(e.value.lower() for n in names if (e := metadata.get(n)))

    @staticmethod
    def _secrets(block: Block, text: str, present: _Present) -> Iterator[tuple[int, int, str]]:
        """Keys, tokens and private keys; each pattern runs only where its literal is."""
        prefixed, keyed = _secret_patterns()
        keys = _secret_words()[1]
        prefixes = [p for p in present.prefixes if p in text]  # those of the document only
        keyed_here = present.keys and ("=" in text or ":" in text)
        words: frozenset[str] = frozenset()
        if prefixes or keyed_here:  # a code block's words are read here, not kept on it
            words = words_of(text) if block.kind == "code" else block.words
        # A prefixed key ends in 12 or more word characters: one word of 12 or more.
        long_word = bool(prefixes) and max(map(len, words), default=0) >= _KEY_TAIL
        for match in prefixed.finditer(text) if long_word else ():
            yield match.start(), match.end(), _KEY_FOUND
        if keyed_here and not keys.isdisjoint(words):
            for match in keyed.finditer(text):
                value = match.group("value").rstrip(".:)]}>")
                if (
                    shannon_entropy(value) >= 3.5
                    and not prefixed.match(value)
                    and not _NOT_SECRET.fullmatch(value)
                ):
                    yield match.start("value"), match.end("value"), _VALUE_FOUND
        for pattern, literal in ((_PRIVATE_KEY, "-----BEGIN"), (_JWT, "eyJ")):
            for match in pattern.finditer(text) if present.tokens and literal in text else ():
                yield match.start(), match.end(), _TOKEN_FOUND

    @staticmethod
    def _personal(
        text: str, authors: str, present: _Present, *, email: bool
    ) -> Iterator[tuple[int, int, str]]:
        """Addresses (where ``email`` says one can be), public IPs and card numbers."""
        examples = _secret_words()[2]
        for match in _EMAIL.finditer(text) if email else ():
            domain = match.group("domain").lower()
            if (
                domain in examples
                or domain.rsplit(".", 1)[-1] in examples
                or match.group(0).lower() in authors
                or is_login(text, match.start(), match.end())
            ):
                continue
            yield match.start(), match.end(), _EMAIL_FOUND
        for pattern in (_IPV4, _IPV6) if present.ip and _maybe_ip(text) else ():
            for match in pattern.finditer(text):
                if public_ip(match.group(0)) and not _VERSION.search(text[: match.start()]):
                    yield match.start(), match.end(), _IP_FOUND.format(match.group(0))
        for match in _CARD.finditer(text) if present.card and _card_hint(text) else ():
            digits = re.sub(r"\D", "", match.group(0))
            if _CARD_START.match(digits) and luhn_valid(digits):
                yield match.start(), match.end(), _CARD_FOUND
