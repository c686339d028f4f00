"""Value classes without `dataclasses`: the records a cached check defines as it starts.

Owns `Value` (mutable, compared field by field, unhashable) and `Frozen`
(immutable and hashable), the bases of the slots classes the warm path of
`govcheck check` defines (findings, results, profiles, options), and
`replace`, `field_names` and `field_values` for them. Refuses everything else: a class that
is not made on that path stays a dataclass.

Why not `@dataclass`: it writes every method of a class as source text and
compiles it (`exec`) when the class is defined, about half a millisecond a
class, and importing it imports `inspect` (with `ast`, `dis` and `tokenize`).
A one-file check with warm caches defined 32 such classes: about 25 ms of its
78, where `python -c "import yaml"` takes 28. A class here writes its own `__init__`, whose
parameters are its fields in order, each kept in the slot of its name (set with
`set_field`, since a frozen value refuses `setattr`); the bases derive the rest
from those names, with the same meaning as the dataclass methods they
replace: equality only between values of the same class, field by field in
order; a frozen value's hash is the hash of its fields' tuple; the repr is
`Name(field=value, ...)`; pickling (worker processes, `copy`) sets the fields
without calling `__init__`. The methods compare and hash through an
`operator.attrgetter`, so they run in C, as fast as the generated ones.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # not typing's: see checker/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    V = TypeVar("V", bound="Value")

set_field = object.__setattr__
"""How a frozen value's `__init__` sets a field (its own `__setattr__` refuses)."""


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a value to the tuple of these fields' values."""
    if len(names) != 1:
        got: Callable[[Any], tuple[Any, ...]] = attrgetter(*names) if names else _empty
        return got
    single = attrgetter(names[0])
    return lambda value: (single(value),)


def _empty(_value: Any) -> tuple[Any, ...]:
    return ()


def _equality(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], bool]:
    def __eq__(self: Any, other: object) -> bool:  # noqa: N807  # it becomes the method
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hashing(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:  # noqa: N807  # it becomes the method
        return hash(key(self))

    return __hash__


class FrozenInstanceError(AttributeError):
    """A field of a frozen value was assigned or deleted (as dataclasses' of that name)."""


class Value:
    """A record compared field by field; its fields are its `__init__`'s parameters."""

    __slots__ = ()
    _fields: tuple[str, ...]
    """Every field, in order: the parameters of `__init__`, each stored in the slot of its
    name (`__slots__` is kept sorted)."""
    __match_args__: tuple[str, ...]

    def __init_subclass__(cls, *, compare: tuple[str, ...] | None = None) -> None:
        """`compare`: the fields equality and hashing consider, when not all of them."""
        super().__init_subclass__()
        init = cls.__dict__.get("__init__")
        if init is None:  # a base such as Frozen; a subclass without one keeps its base's
            return
        code = init.__code__
        fields = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]
        slots = {name for klass in cls.__mro__ for name in klass.__dict__.get("__slots__", ())}
        if set(fields) != slots:
            raise TypeError(f"{cls.__name__}: __init__ takes {fields}, __slots__ are {slots}")
        cls._fields = fields
        cls.__match_args__ = fields  # type: ignore[misc]  # as a dataclass has them
        # Methods closed over the class's getter: half the time of methods looking it up.
        # A class that writes its own (the hottest do) keeps them.
        key = _getter(fields if compare is None else compare)
        if "__eq__" not in cls.__dict__:
            cls.__eq__ = _equality(key)  # type: ignore[method-assign]
        if issubclass(cls, Frozen) and "__hash__" not in cls.__dict__:
            cls.__hash__ = _hashing(key)  # type: ignore[method-assign,assignment]

    def __eq__(self, other: object) -> bool:  # every subclass gets its own (__init_subclass__)
        if other.__class__ is self.__class__:
            return field_values(self) == field_values(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable: as a dataclass with eq and not frozen

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self._fields]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            set_field(self, name, value)


class Frozen(Value):
    """A value whose fields are set once, by `__init__`; hashable."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Value's is None; as __eq__
        return hash(field_values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def replace(value: V, /, **changes: Any) -> V:
    """A copy of `value` with some fields changed, made by its class's `__init__` (as
    `dataclasses.replace`: a name that is not a field is a TypeError)."""
    for name in value._fields:
        if name not in changes:
            changes[name] = getattr(value, name)
    return value.__class__(**changes)


def field_names(cls: type[Value]) -> tuple[str, ...]:
    """A value class's fields, in order (the names `dataclasses.fields` would give)."""
    return cls._fields


def field_values(value: Value) -> tuple[Any, ...]:
    """Every field's value, in order (not recursive, unlike `dataclasses.astuple`)."""
    return tuple(getattr(value, name) for name in value._fields)
