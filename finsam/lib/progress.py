"""How far a piece of work has come, told as (done, total) to whoever shows it (a job's page,
`finsam.jobs.runner.job_progress`).

Work of several steps (an import read again, then written; a PDF built, laid out, written)
tells each step's own progress through `in_step`, which places it within the whole, so the
page shows one percentage that only grows.
"""

from collections.abc import Callable

Progress = Callable[[int, int], None]

# Each step counts as this many units of the whole: fine enough for whole percentages.
STEP = 1000


def in_step(progress: Progress | None, step: int, steps: int) -> Progress | None:
    """A progress for step `step` (counted from 0) of `steps` equal steps: its (done, total)
    is told to `progress` as a share of the whole (step 2 of 2 half done is 75 %)."""
    if progress is None:
        return None
    whole = steps * STEP

    def told(done: int, total: int) -> None:
        part = min(STEP, done * STEP // total) if total > 0 else 0
        progress(step * STEP + part, whole)

    return told


def steps_done(progress: Progress | None, done: int, steps: int) -> None:
    """Tell `progress` that the first `done` of `steps` steps are finished."""
    if progress is not None:
        progress(min(done, steps) * STEP, steps * STEP)
