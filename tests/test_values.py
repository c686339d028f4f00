"""checker.values: value classes behave as the frozen slots dataclasses they replace."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from checker.batch import BatchOptions
from checker.expanded import Finding, Position, Tally
from checker.findings import Evaluation, Located, RunResult, Score, Severity, Status
from checker.values import (
    Frozen,
    FrozenInstanceError,
    Value,
    field_names,
    field_values,
    replace,
    set_field,
)


@dataclasses.dataclass(frozen=True, slots=True)
class _TwinLocated:
    """What Located was: a frozen slots dataclass, to hold the new class to."""

    pointer: str
    line: int
    column: int
    detail: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    item: str = ""


def _finding(**changes: object) -> Finding:
    fields: dict[str, object] = {
        "profile": "eu",
        "project": "p",
        "path": "p.yaml",
        "line": 3,
        "column": 5,
        "pointer": "/a",
        "rule": "R-1",
        "title": "t",
        "area": "a",
        "severity": Severity.HIGH,
        "status": Status.FAIL,
        "message": "m",
    }
    return Finding(**{**fields, **changes})  # type: ignore[arg-type]


def test_equality_hash_and_repr_are_the_dataclass_ones() -> None:
    args = ("/parties/vendors/0", 4, 7, "why", (("/x", "absent"),), 'vendors["A"]')
    ours, twin = Located(*args), _TwinLocated(*args)
    assert ours == Located(*args)
    assert ours != Located(*args[:-1], "")
    assert ours != twin  # another class is never equal, as between dataclasses
    assert hash(ours) == hash(twin) == hash(args)
    assert repr(ours) == repr(twin).replace("_TwinLocated", "Located")
    assert field_names(Located) == tuple(f.name for f in dataclasses.fields(twin))
    assert field_values(ours) == dataclasses.astuple(twin)
    assert Located.__match_args__ == _TwinLocated.__match_args__
    assert _finding() == _finding()
    assert hash(_finding()) == hash(field_values(_finding()))
    assert _finding() != _finding(item="x")


def test_frozen_values_refuse_assignment_and_mutable_ones_are_unhashable() -> None:
    where = Position(2, 3)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'line'"):
        where.line = 4  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del where.column  # type: ignore[misc]
    with pytest.raises(AttributeError):
        where.extra = 1  # type: ignore[attr-defined]
    score = Score(passed=1)
    score.passed += 1
    assert score == Score(passed=2)
    with pytest.raises(TypeError, match="unhashable"):
        hash(score)
    with pytest.raises(TypeError, match="unhashable"):
        hash(Tally())


def test_defaults_are_fresh_or_shared_as_dataclasses_make_them() -> None:
    first, second = Tally(), Tally()
    first.by_status[Status.PASS] = 1
    assert second.by_status == {}  # default_factory: a new dict each
    assert Evaluation("eu", (), b"").located == {}
    assert RunResult((), ()).as_of == ""


def test_pickling_and_copying_keep_every_field() -> None:
    values = [
        Located("/a", 1, 2, "d", (("/b", "unknown"),), "i"),
        _finding(waiver=None, evidence=("e1",)),
        Score(1, 2, 3, 4, 5, 6, 7, 8, 9),
        Evaluation("eu", (), b"\x01", {0: Located("/a", 1, 1)}),
    ]
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        assert copy.copy(value) == value


def test_replace_makes_a_changed_copy_through_init() -> None:
    where = Located("/a", 1, 2)
    moved = replace(where, line=9)
    assert moved == Located("/a", 9, 2)
    assert where.line == 1
    with pytest.raises(TypeError):
        replace(where, nowhere=1)


def test_fields_left_out_of_comparison_are_still_kept() -> None:
    def progress(done: int, total: int) -> None:
        pass

    options = BatchOptions(jobs=2, progress=progress)
    assert options == BatchOptions(jobs=2)
    assert hash(options) == hash(BatchOptions(jobs=2))
    assert options.progress is progress
    assert "progress=" in repr(options)


def test_init_and_slots_must_name_the_same_fields() -> None:
    with pytest.raises(TypeError, match="__slots__"):

        class _Wrong(Frozen):
            __slots__ = ("a",)

            def __init__(self, a: int, b: int) -> None:
                set_field(self, "a", a)

    class _Right(Value):
        __slots__ = ("a", "b")  # sorted: the fields are __init__'s parameters, in order

        def __init__(self, b: int, a: int = 0) -> None:
            self.b = b
            self.a = a

    assert field_names(_Right) == ("b", "a")
    assert (
        repr(_Right(1)) == "test_init_and_slots_must_name_the_same_fields.<locals>._Right(b=1, a=0)"
    )


def test_a_finding_keeps_each_argument_in_its_own_field() -> None:
    """`Finding.__init__` sets its slots through their descriptors, in the order of its
    parameters (checker/expanded.py): each field must hold its own argument, given by
    position or by name."""
    import inspect

    from checker.expanded import Finding

    names = list(inspect.signature(Finding.__init__).parameters)[1:]
    assert tuple(names) == Finding._fields
    values = [object() for _ in names]
    by_position = Finding(*values)
    by_name = Finding(**dict(zip(names, values, strict=True)))
    for name, value in zip(names, values, strict=True):
        assert getattr(by_position, name) is value, name
        assert getattr(by_name, name) is value, name
    with pytest.raises(AttributeError):
        by_position.rule = "changed"  # type: ignore[misc]
