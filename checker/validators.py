"""Compiled JSON Schema validators, offline, with errors reduced to (pointer, message).

Owns the choice of validator: `jsonschema-rs` (compiled, 20-70x faster, and
its Rust regex engine cannot backtrack catastrophically) on the hot path, and
the pure-Python `jsonschema` package as the reference implementation, selected
with GOVCHECK_VALIDATOR=jsonschema; the test suite runs every rule example
under both. Refuses the network: no `$ref` is ever fetched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import jsonschema_rs


class SchemaCompileError(ValueError):
    """A schema that cannot be compiled (bad regex, unresolvable $ref...)."""


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One validation error: where in the instance, and what is wrong."""

    path: tuple[str | int, ...]
    message: str
    keyword: str
    extra: tuple[str, ...] = ()
    schema_path: tuple[str | int, ...] = ()


class CompiledSchema(Protocol):
    def is_valid(self, instance: Any) -> bool: ...

    def fast_check(self) -> Callable[[Any], bool]:
        """`is_valid` without a Python call around it, for the engine's hot loop."""
        ...

    def errors(self, instance: Any) -> Iterator[SchemaError]: ...


def _refuse_retrieval(uri: str) -> Any:
    raise SchemaCompileError(f"$ref to {uri!r} refused: govcheck never fetches schemas")


class _RustSchema:
    __slots__ = ("_validator",)

    def __init__(self, schema: Any, formats: bool) -> None:
        try:
            self._validator = jsonschema_rs.validator_for(
                schema,
                validate_formats=formats,
                retriever=_refuse_retrieval,
                # Linear-time engine: no backreferences or look-around, no ReDoS.
                pattern_options=jsonschema_rs.RegexOptions(size_limit=1_000_000),
            )
        except (jsonschema_rs.ValidationError, ValueError, jsonschema_rs.ReferencingError) as error:
            raise SchemaCompileError(_first_line(str(error))) from None

    def is_valid(self, instance: Any) -> bool:
        return bool(self._validator.is_valid(instance))

    def fast_check(self) -> Callable[[Any], bool]:
        check: Callable[[Any], bool] = self._validator.is_valid  # returns a bool already
        return check

    def errors(self, instance: Any) -> Iterator[SchemaError]:
        for error in self._validator.iter_errors(instance):
            yield from _rust_leaves(error)


def _rust_leaves(error: Any) -> Iterator[SchemaError]:
    """Errors with `anyOf` unwrapped where only one branch could have been meant.

    Optional fields are `anyOf: [X, null]`; a wrong value inside X should be
    reported as itself, not as "not valid under any of the schemas".
    """
    groups = getattr(error.kind, "context", None)
    if error.kind.name in ("anyOf", "oneOf") and groups:
        meant = [g for g in groups if not _other_type(g, error.instance_path)]
        if len(meant) == 1:
            for inner in meant[0]:
                yield from _rust_leaves(inner)
            return
    yield SchemaError(
        tuple(error.instance_path),
        error.message,
        _rust_keyword(error),
        _rust_extra(error),
        tuple(error.schema_path),
    )


def _other_type(group: list[Any], path: Any) -> bool:
    """A branch rejected only because the value has another type altogether."""
    return (
        len(group) == 1
        and group[0].kind.name == "type"
        and list(group[0].instance_path) == list(path)
    )


def _rust_keyword(error: Any) -> str:
    path = list(error.schema_path)
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return ""


def _rust_extra(error: Any) -> tuple[str, ...]:
    kind = error.kind
    unexpected = getattr(kind, "unexpected", None)
    if unexpected is not None:
        return tuple(str(u) for u in unexpected)
    prop = getattr(kind, "property", None)
    if prop is not None:
        return (str(prop).strip('"'),)
    return ()


class _PythonSchema:
    __slots__ = ("_validator",)

    def __init__(self, schema: Any, formats: bool) -> None:
        import jsonschema
        from referencing import Registry

        def no_network(uri: str) -> Any:
            raise SchemaCompileError(f"$ref to {uri!r} refused: govcheck never fetches schemas")

        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as error:
            raise SchemaCompileError(error.message) from None
        checker = cls.FORMAT_CHECKER if formats else None
        registry: Registry[Any] = Registry(retrieve=no_network)  # type: ignore[call-arg]
        self._validator = cls(schema, format_checker=checker, registry=registry)

    def is_valid(self, instance: Any) -> bool:
        return bool(self._validator.is_valid(instance))

    def fast_check(self) -> Callable[[Any], bool]:
        return self.is_valid

    def errors(self, instance: Any) -> Iterator[SchemaError]:
        for error in self._validator.iter_errors(instance):
            yield from _python_leaves(error)


def _python_leaves(error: Any) -> Iterator[SchemaError]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[Any]] = {}
        for inner in error.context:
            branches.setdefault(inner.relative_schema_path[0], []).append(inner)
        meant = [
            g
            for g in branches.values()
            if not (len(g) == 1 and g[0].validator == "type" and not g[0].relative_path)
        ]
        if len(meant) == 1:
            for inner in meant[0]:
                yield from _python_leaves(inner)
            return
    extra: tuple[str, ...] = ()
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = tuple(k for k in error.instance if k not in allowed)
    elif error.validator == "required":
        missing = [r for r in error.validator_value if r not in (error.instance or {})]
        extra = tuple(missing[:1])
    yield SchemaError(
        tuple(error.absolute_path),
        error.message,
        str(error.validator),
        extra,
        tuple(error.absolute_schema_path),
    )


def compile_schema(schema: Any, *, formats: bool = False) -> CompiledSchema:
    """Compile `schema` with the configured backend; raises SchemaCompileError.

    The compiled validator is always built first, so that a pattern the
    linear-time engine refuses is refused under either backend.
    """
    compiled = _RustSchema(schema, formats)
    if os.environ.get("GOVCHECK_VALIDATOR") == "jsonschema":
        return _PythonSchema(schema, formats)
    return compiled


def deepest(errors: Iterator[SchemaError]) -> SchemaError | None:
    """The error at the deepest instance path: the most specific place to point at."""
    best: SchemaError | None = None
    for error in errors:
        if best is None or len(error.path) > len(best.path):
            best = error
    return best


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "invalid schema"
