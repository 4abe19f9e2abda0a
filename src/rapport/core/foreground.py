"""A background reader gives way while the app computes something a person is waiting for.

Why: the app reads a counselor's 10,000 interviews on a thread (``Tables.read_deferred``)
while its caseload and due line count from the index on another. Both are Python sharing
one GIL, so a count that takes 0.2 s alone took 1 to 2 s beside the reader, and the
caseload appeared seconds after launch. ``first()`` marks such a computation; the reader
calls ``give_way()`` between files and waits while one runs. It is paused, never stopped
(and never for more than ``give_way``'s timeout): the whole read takes what it took plus
the counts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_IDLE = threading.Condition()
_running = 0
"""How many ``first`` computations are under way (guarded by ``_IDLE``)."""


@contextmanager
def first() -> Iterator[None]:
    """Run the block ahead of background readers: ``give_way`` waits until it is done."""
    global _running
    with _IDLE:
        _running += 1
    try:
        yield
    finally:
        with _IDLE:
            _running -= 1
            _IDLE.notify_all()


def give_way(timeout: float = 5.0) -> None:
    """Wait while a ``first`` computation runs (at most ``timeout`` seconds); at once otherwise."""
    if _running:  # read without the lock: a stale answer only delays or skips one pause
        with _IDLE:
            _IDLE.wait_for(lambda: _running == 0, timeout)
