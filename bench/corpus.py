"""Generate a corpus of realistic postmortems for the benchmark (deterministic per seed).

Each document picks a shape (Markdown headings, bold pseudo-headings, loose
``Label:`` text with ``•`` bullets, a table timeline), a clock style (24h, 12h,
ISO), a zone style, a length, and a few of the defects pmlint looks for (missing
sections, blame, placeholders, timeline out of order, a stated duration that does not
match the timeline, action items without owners, mixed zones).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SERVICES = ["checkout", "search", "login", "payments", "image resizer", "billing", "ingest"]
CAUSES = [
    "a configuration push shrank the database connection pool",
    "a certificate expired on the internal load balancer",
    "a schema migration locked the orders table",
    "a cache node ran out of memory and evicted the session keys",
    "a feature flag enabled an unbounded retry loop",
    "a DNS record was deleted during a cleanup script",
]
EVENTS = [
    "Deploy of the {svc} service started",
    "Error-rate alert fired and paged the on-call engineer",
    "On-call engineer acknowledged the page",
    "Incident channel opened; incident commander assigned",
    "Engineers correlated the errors with the {svc} deploy",
    "Rollback of the {svc} configuration started",
    "Error rate began to fall",
    "Latency back to baseline",
    "Customer support notified of the outage",
    "Status page updated",
    "Incident declared resolved",
]
OWNERS = ["@dana", "@lee", "@sam", "@priya", "@ken", "@olu"]
ZONES = ["UTC", "PST", "PDT", "CET", "IST", "+02:00", "-0500", "Europe/Berlin"]
BLAME = [
    "John forgot to check the pool size before merging.",
    "The intern pushed the wrong file because he was careless.",
    "Operator error by the night shift caused the outage.",
]
PLACEHOLDERS = ["TODO: fill in the impact", "TBD", "<describe the root cause here>", "Lorem ipsum"]


@dataclass
class Shape:
    """The choices behind one generated document."""

    style: str  # atx | bold | loose | table
    clock: str  # 24h | 12h | iso
    zone: str | None
    events: int
    defects: frozenset[str]


def _clock(minutes: int, clock: str, zone: str | None, day: int) -> str:
    hour, minute = divmod(minutes % (24 * 60), 60)
    suffix = f" {zone}" if zone else ""
    if clock == "12h":
        meridiem = "AM" if hour < 12 else "PM"
        return f"{(hour % 12) or 12}:{minute:02d} {meridiem}{suffix}"
    if clock == "iso":
        offset = "Z" if zone in (None, "UTC") else ""
        return f"2024-03-{day:02d}T{hour:02d}:{minute:02d}{offset}" + ("" if offset else suffix)
    return f"{hour:02d}:{minute:02d}{suffix}"


def _shape(rng: random.Random) -> Shape:
    defects = {
        d
        for d, p in (
            ("missing", 0.3),
            ("blame", 0.2),
            ("placeholder", 0.2),
            ("order", 0.2),
            ("duration", 0.25),
            ("owners", 0.3),
            ("zones", 0.15),
            ("empty", 0.1),
        )
        if rng.random() < p
    }
    return Shape(
        style=rng.choice(["atx", "atx", "bold", "loose", "table"]),
        clock=rng.choice(["24h", "24h", "12h", "iso"]),
        zone=rng.choice([None, *ZONES]),
        events=rng.choice([4, 6, 8, 12, 20, 40]),
        defects=frozenset(defects),
    )


def _timeline(rng: random.Random, shape: Shape, svc: str, day: int) -> tuple[list[str], int]:
    """``(time, event)`` lines, and the real duration in minutes."""
    start = rng.randrange(0, 23 * 60)
    minutes = [start]
    for _ in range(shape.events - 1):
        minutes.append(minutes[-1] + rng.choice([2, 5, 7, 12, 20, 35]))
    if "order" in shape.defects and len(minutes) > 3:
        minutes[2], minutes[3] = minutes[3], minutes[2]
    zones = [shape.zone] * len(minutes)
    if "zones" in shape.defects:
        zones[-1] = "PST" if shape.zone != "PST" else "UTC"
    lines = []
    for index, (at, zone) in enumerate(zip(minutes, zones, strict=True)):
        event = EVENTS[min(index, len(EVENTS) - 1)] if index < len(EVENTS) else rng.choice(EVENTS)
        lines.append((_clock(at, shape.clock, zone, day), event.format(svc=svc)))
    return [f"{t}\t{e}" for t, e in lines], max(minutes) - start


def _heading(style: str, title: str, level: int = 2) -> str:
    if style == "atx" or style == "table":
        return "#" * level + " " + title
    if style == "bold":
        return f"**{title}**"
    return f"{title}:"


def generate(index: int, seed: int = 0) -> str:
    """The text of document ``index`` (same index and seed, same text)."""
    rng = random.Random(seed * 1_000_003 + index)
    shape = _shape(rng)
    svc = rng.choice(SERVICES)
    cause = rng.choice(CAUSES)
    day = rng.randrange(1, 28)
    timeline, real = _timeline(rng, shape, svc, day)
    stated = real + (45 if "duration" in shape.defects else 0)
    hours, mins = divmod(stated, 60)
    h = _heading
    s = shape.style
    out = [
        f"# Postmortem: {svc} outage on March {day}, 2024"
        if s != "loose"
        else f"{svc.title()} outage postmortem",
        "",
    ]
    out += [h(s, "Summary"), ""]
    summary = (
        f"On March {day}, 2024 the {svc} service returned errors for {hours} hours "
        f"{mins} minutes after {cause}. About {rng.randrange(100, 90000):,} requests failed."
    )
    out += ["TODO: write the summary" if "placeholder" in shape.defects else summary, ""]
    if "missing" not in shape.defects:
        out += [h(s, "Impact"), ""]
        bullet = "•" if s == "loose" else "-"
        out += [
            f"{bullet} {rng.randrange(10, 5000)} customers saw an error page.",
            f"{bullet} {rng.randrange(1, 40)}% of traffic failed during the window.",
            "",
        ]
    out += [h(s, "Timeline"), ""]
    if shape.zone is None:
        out += ["All times are UTC.", ""]
    if s == "table":
        out += ["| Time | Event |", "|---|---|"]
        out += [f"| {line.split(chr(9))[0]} | {line.split(chr(9))[1]} |" for line in timeline]
    elif s == "loose":
        out += [f"{line.split(chr(9))[0]} - {line.split(chr(9))[1]}" for line in timeline]
    else:
        out += [f"- {line.split(chr(9))[0]} {line.split(chr(9))[1]}" for line in timeline]
    out += [""]
    out += [h(s, "Root Cause"), ""]
    if "empty" not in shape.defects:
        out += [f"The root cause was that {cause}, so requests queued until they timed out.", ""]
        if "blame" in shape.defects:
            out += [rng.choice(BLAME), ""]
    out += [h(s, "Resolution"), ""]
    out += [f"The change was rolled back and the {svc} service recovered.", ""]
    if "placeholder" in shape.defects:
        out += [rng.choice(PLACEHOLDERS), ""]
    out += [h(s, "Action Items"), ""]
    items = [
        "Validate the pool size against a minimum in the config schema",
        "Alert when the connection-pool wait time exceeds 200 ms",
        "Add the change to the deploy diff shown to reviewers",
        "Improve monitoring",
    ]
    if s == "table":
        out += ["| Action | Owner | Ticket |", "|---|---|---|"]
        for n, item in enumerate(items):
            owner = "" if "owners" in shape.defects else rng.choice(OWNERS)
            out.append(f"| {item} | {owner} | OPS-{400 + n} |")
    else:
        for n, item in enumerate(items):
            owner = "" if "owners" in shape.defects else f" ({rng.choice(OWNERS)}, OPS-{400 + n})"
            out.append(("• " if s == "loose" else "- [ ] ") + item + owner)
    out += [""]
    if rng.random() < 0.5:
        out += [h(s, "Lessons Learned"), ""]
        out += ["Configuration changes need the same review as code changes. " * rng.randint(1, 6)]
        out += [""]
    return "\n".join(out)


def write_corpus(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` documents (``pm00000.md``...) into ``directory``; reuse a complete one."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"pm{i:05d}.md" for i in range(count)]
    marker = directory / f".complete-{count}-{seed}"
    if not marker.exists():
        for i, path in enumerate(paths):
            path.write_text(generate(i, seed), encoding="utf-8")
        marker.write_text("ok\n")
    return paths


SEEDLIKE_PROSE = [
    "The on-call engineer first suspected the network because the errors came from several "
    "regions at once, and spent a while ruling out the edge routers before looking further.",
    "Dashboards showed the {svc} workers waiting on the database while CPU on the hosts stayed "
    "low, which pointed away from the application code and towards its dependencies.",
    "A teammate compared the failing requests with the list of recent changes and found that "
    "the only change in the window was the {svc} release shipped that morning.",
    "Rolling back took longer than planned because the previous build had to be fetched from "
    "cold storage and the deploy tool retried each host one at a time.",
    "Support received a steady stream of tickets from customers who could not finish their "
    "orders, and the status page was updated to say the team was investigating.",
    "Once the change was reverted the queue drained within a few minutes and the error rate "
    "returned to its usual level, although some retries kept arriving for a while.",
]


def seedlike(index: int = 0, seed: int = 0) -> str:
    """A long loose-text report (labels with colons, ``•`` bullets, numbered tasks, long
    prose), the shape of a hand-written postmortem pasted from a word processor (~4 KB)."""
    rng = random.Random(seed * 7_919 + index + 17)
    svc = rng.choice(SERVICES)
    cause = rng.choice(CAUSES)
    start = rng.randrange(8, 20)
    clock = _clock
    prose = [p.format(svc=svc) for p in SEEDLIKE_PROSE]
    out = [
        f"Postmortem Report: {svc.title()} Outage",
        "Issue Summary:",
        "•\tDuration:",
        f"The outage lasted from {clock(start * 60, '12h', None, 1)} to "
        f"{clock(start * 60 + 150, '12h', None, 1)}",
        "•\tImpact:",
        f"The {svc} service was unavailable for most users; about {rng.randrange(40, 95)}% "
        "of requests failed and customers could not reach the features that depend on it.",
        "•\tRoot Cause:",
        f"The root cause was that {cause}.",
        "Timeline:",
    ]
    minutes = start * 60 - 15
    for label, text in zip(
        ["Issue Detected", "Actions Taken", "Misleading Paths", "Escalation", "Resolution"],
        prose[:5],
        strict=True,
    ):
        minutes += rng.choice([10, 20, 30])
        out += [f"•\t{label}:", f"At {clock(minutes, '12h', None, 1)} {text[0].lower()}{text[1:]}"]
        if label == "Actions Taken":
            out += [f"•\t{p}" for p in rng.sample(prose, 3)]
    out += [
        "Root Cause and Resolution:",
        "•\tRoot Cause:",
        f"In detail, {cause}; {prose[1][0].lower()}{prose[1][1:]}",
        "•\tResolution:",
        prose[5],
        "Corrective and Preventative Measures:",
        "•\tImprovements:",
        "•\tReview every configuration change with the same care as a code change.",
        "•\tAlert on connection-pool wait time before users see errors.",
        "•\tTasks:",
    ]
    tasks = [
        "Add a minimum value check to the configuration schema.",
        "Document the rollback procedure and time it in a drill.",
        "Keep the previous build on warm storage for a week.",
        "Write a runbook for the database saturation alert.",
        "Share the findings with the other service teams.",
    ]
    out += [f"{n}.\t{task}" for n, task in enumerate(tasks, 1)]
    out += ["Lessons Learned:", " ".join(rng.sample(prose, len(prose)))]
    out += [""]
    return "\n".join(out)
