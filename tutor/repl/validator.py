"""Enter on an answer that cannot be read keeps it for editing, with the cursor on the problem.

An unreadable answer so costs nothing and is fixed in place; commands and
answers that read go through to the session. If the parser itself fails the
answer goes through too, and the checker has the last word.
"""
from __future__ import annotations

from prompt_toolkit.document import Document
from prompt_toolkit.validation import ValidationError, Validator

from tutor.repl.reading import AnswerReader


class AnswerValidator(Validator):
    """Refuses text the parser cannot read, pointing at where.

    >>> from prompt_toolkit.document import Document
    >>> try:
    ...     AnswerValidator(AnswerReader()).validate(Document("sin(x"))
    ... except ValidationError as err:
    ...     print(err.cursor_position, err.message.endswith("this costs nothing.)"))
    3 True
    """

    def __init__(self, reader: AnswerReader) -> None:
        self.reader = reader

    def validate(self, document: Document) -> None:
        reading = self.reader.read(document.text)
        if reading is None or reading.error is None:
            return
        start = max(0, min(reading.error.span[0], len(document.text)))
        raise ValidationError(cursor_position=start, message=f"{reading.error.message} "
                              "(Fix it and press Enter; this costs nothing.)")
