"""rapport-pack-healthcare: informational-interview questions for healthcare careers.

A rapport pack is data. This module only tells rapport where the pack's bank file is;
rapport reads and validates ``healthcare.toml`` itself. The questions cover nursing,
nursing assistants, medical assistants, pharmacy technicians, imaging, therapy
assistants, health information, EMS and dental hygiene: shifts and patient load,
licensure exams and certifications, clinical rotations, career ladders and the outlook
for the field. None of them asks for a job.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from rapport import hookimpl

__version__ = "1.0.0"


@hookimpl
def rapport_question_banks() -> list[Traversable]:
    """The healthcare bank file, shipped inside this package."""
    return [files(__package__) / "healthcare.toml"]
