"""rapport's benchmarks: figures measured against targets, printed as one table.

Run every benchmark with ``python -m benchmarks`` (or one: ``python -m benchmarks banks``).
They are measurements, not pass/fail tests: a shared 2-core machine drifts from minute to
minute, so each figure is a median over repeated runs.
"""
