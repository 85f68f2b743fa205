"""Builds :class:`~pmlint.document.incident.Incident` (read through ``doc.incident``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmlint.document.detection import find_detection
from pmlint.document.incident import Incident, prose_blocks
from pmlint.document.labelled import labelled_once
from pmlint.document.stated import find_metrics, find_stated_durations
from pmlint.document.windows import find_window, incident_sections, stated_windows

if TYPE_CHECKING:
    from pmlint.document.document import Document

__all__ = ["build_incident"]


def build_incident(doc: Document) -> Incident:
    """Everything the document states about its incident."""
    incident = Incident()
    prose = prose_blocks(doc)
    labelled = labelled_once(doc)  # read by the window finders and the durations
    incident.window = find_window(doc, prose, labelled)
    incident.windows = stated_windows(doc, prose, incident.window, labelled)
    incident.detection, incident.detection_from_timeline = find_detection(doc, prose)
    for span in incident_sections(doc, incident.windows):
        found, _ = find_detection(doc, prose, span)
        if found is not None and found not in incident.detections:
            incident.detections.append(found)
    incident.durations = find_stated_durations(doc, prose, labelled)
    incident.metrics = find_metrics(doc)
    return incident
