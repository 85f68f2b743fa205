"""PM403's quantity test: numbers tied to something affected count, other numbers do not."""

from __future__ import annotations

import pytest

from pmlint.checks.impact import is_quantified


@pytest.mark.parametrize(
    "text",
    [
        "About 1,200 checkout requests failed.",
        "Users affected: 25 (one tenant)",
        "30% of requests timed out while memory sat at 95%.",
        "Roughly half of all customers saw errors.",
        "On May 3, 1,450 orders failed.",
        "None: the change never reached production.",
        "No customer impact.",
        "We refunded $4,000 in fees.",
        "1 in 20 logins failed.",
        "Only about 3.6% of users were affected.",
        "0.25 percent of payments were declined twice.",
        "Errors rose to **12.5%** of page loads.",
        "The db-2 replica fell behind and 40 customers saw stale data.",
    ],
)
def test_counts_of_what_was_affected_are_quantified(text: str) -> None:
    assert is_quantified(text)


@pytest.mark.parametrize(
    "text",
    [
        "On October 2, it was found that pages loaded slowly.",
        "By the morning of June 21, all queued messages were delivered.",
        "Disk usage on the primary reached 92% and pages were slow.",
        "The cache ran at 97% memory.",
        "CPU on the workers peaked at 98.5%.",
        "We rolled back from 3.6 to 3.5.2 of the client.",
        "These 3 bugs together stopped the queue.",
        "The API was down for almost four hours after validators restarted.",
        "Clients got HTTP 503 between 10:00 and 11:30 UTC on 2024-05-02.",
        "A small percentage of users could not sign in.",
        "Roughly [Percentage]% of visitors saw the error page.",
        "The percentage of failed uploads is not known yet.",
        "Our web-01 server went down, so all of our users lost access.",
        "The db-2 replica fell behind and every customer saw stale data.",
    ],
)
def test_dates_durations_metrics_and_causes_are_not_counts(text: str) -> None:
    assert not is_quantified(text)
