"""The question-type table: every type by the name used in ``--types`` and manifests.

Adding a type is one module with a :class:`QuestionType` subclass and one
:func:`register` call (here for the built-in ones); generation, printing, keys,
option checks and manifests all read this table.
"""

from __future__ import annotations

from studyprint.products.quiz.types.base import QuestionType
from studyprint.products.quiz.types.match import Matching
from studyprint.products.quiz.types.mc import MultipleChoice
from studyprint.products.quiz.types.short import ShortAnswer
from studyprint.products.quiz.types.tf import TrueFalse
from studyprint.products.quiz.types.written import Written

#: Every registered type by name, in the order a quiz prints its sections.
REGISTRY: dict[str, QuestionType] = {}


def register(kind: QuestionType) -> QuestionType:
    """Add a question type (a later one with the same name replaces it)."""
    REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    REGISTRY.pop(name, None)


def type_names() -> tuple[str, ...]:
    return tuple(REGISTRY)


for _kind in (MultipleChoice(), TrueFalse(), Matching(), Written(), ShortAnswer()):
    register(_kind)

__all__ = ["REGISTRY", "QuestionType", "register", "type_names", "unregister"]
