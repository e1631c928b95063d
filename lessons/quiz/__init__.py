"""Quiz questions: one class per kind, the :class:`Quiz` that holds a bank's questions.

Every front end calls the same verbs: ``q.submit(answer)``, ``q.hint()`` and
``q.reveal()``; the ipywidgets view (:mod:`lessons.widgets`), tests and
instructors' scripts alike. ``submit`` never raises on a learner's input: it
returns a :class:`Feedback` whose ``correct`` is True, False, or None when the
answer could not be read (the message then says what was expected).

The kinds, one module each: :mod:`.choice` (single, multiple, truefalse),
:mod:`.numeric`, :mod:`.ordering`, :mod:`.matching`, :mod:`.reflection`. Adding a
kind is adding one class with :func:`register`.
"""

from ..banks import list_banks
from . import choice, matching, numeric, ordering, reflection  # noqa: F401 - registers the kinds
from .base import KINDS, LETTERS, Feedback, Question, Shown, register
from .collection import (
    Quiz,
    bank_schema,
    check_bank,
    describe_item,
    read_bank,
    register_front_end,
    schema_text,
)
from .numbers import parse_number

__all__ = ["KINDS", "LETTERS", "Feedback", "Question", "Quiz", "Shown", "bank_schema",
           "check_bank", "describe_item", "list_banks", "parse_number", "read_bank", "register",
           "register_front_end", "schema_text"]
