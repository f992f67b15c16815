"""Progress of work in steps: each step's own (done, total) placed within the whole."""

from finsam.lib.progress import STEP, in_step, steps_done
from finsam.lib.shares import whole_percent_done


def _percents(calls: list[tuple[int, int]]) -> list[int | None]:
    return [whole_percent_done(done, total) for done, total in calls]


def test_a_step_is_placed_within_the_whole_and_the_share_only_grows():
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        told.append((done, total))

    first, second = in_step(progress, 0, 2), in_step(progress, 1, 2)
    assert first is not None and second is not None
    first(50, 200)
    first(200, 200)
    second(1, 4)
    second(4, 4)
    assert _percents(told) == [12, 50, 62, 100]
    assert told[-1] == (2 * STEP, 2 * STEP)


def test_steps_done_and_no_one_to_tell():
    told: list[tuple[int, int]] = []
    steps_done(lambda done, total: told.append((done, total)), 1, 3)
    steps_done(lambda done, total: told.append((done, total)), 5, 3)  # never beyond the whole
    assert _percents(told) == [33, 100]
    assert in_step(None, 0, 2) is None
    steps_done(None, 1, 2)  # nothing to tell: nothing happens
    inner = in_step(lambda done, total: told.append((done, total)), 1, 2)
    assert inner is not None
    inner(5, 0)  # a step that does not know its total yet: its start
    assert told[-1] == (STEP, 2 * STEP)
