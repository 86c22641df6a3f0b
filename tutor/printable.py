"""Text safe to show on a terminal: no escape sequences, no control characters from authors or learners.

A problem file's title, prompt or hint, a learner's piped answer, a stored set name: any of them
could carry escape sequences that write the clipboard (OSC 52), move the cursor to paint a false
"✓ Correct", or reorder what is shown (bidirectional overrides). Every front end passes what it
prints through `printable` (or writes through a `PrintableWriter`); a caret under an error uses
`visible`, which keeps each character's column.

>>> printable("Chain rule\\x1b]52;c;aGk=\\x07 \\x1b[1A\\r✓ Correct")
'Chain rule ✓ Correct'
>>> visible("x\\x1b[2J")
'x␛[2J'
"""
from __future__ import annotations

import json
import re
from typing import Any, TextIO

# whole escape sequences first, so their parameters do not linger as text
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                # CSI: cursor moves, erasing, colours
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: titles, clipboard (52), links (8)
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"      # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"                      # the short ones (ESC 7, ESC c, ESC ( B) and a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"                 # CSI as one C1 character
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c)?"  # C1 string introducers
)
# C0 controls but newline and tab, DEL, C1 controls, and the bidirectional overrides and isolates
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (newlines and tabs stay).

    >>> printable("a\\rb\\x08c\\u202e\\td\\n")
    'abc\\td\\n'
    """
    if text.isprintable():  # the common case, checked at C speed
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def json_text(data: Any) -> str:
    """`data` as one line of JSON that a terminal shows as it is: characters stay readable (σ, ·),
    control and direction characters are escaped (``\\u009b``), so nothing is lost or acted on.

    >>> print(json_text({"t": "σ\x9b\x1b"}))
    {"t": "σ\\u009b\\u001b"}
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False))


def visible(text: str) -> str:
    """`text` with each control character shown as its picture (␛, ␍, …), one column each.

    >>> visible("a\\tb\\x7f")
    'a␉b␡'
    """
    return _CONTROL.sub(_picture, text.replace("\t", "\u2409").replace("\n", "\u2424"))


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


class PrintableWriter:
    """A text stream that passes everything written through `printable` (for the command line).

    >>> import io
    >>> out = io.StringIO()
    >>> PrintableWriter(out).write("ok\\x1b[2J\\n")
    3
    >>> out.getvalue()
    'ok\\n'
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, ...
        return getattr(self.stream, name)


def underlying(stream: Any) -> Any:
    """The stream a `PrintableWriter` writes to (any other stream is itself).

    >>> import sys
    >>> underlying(PrintableWriter(sys.stdout)) is sys.stdout
    True
    """
    return stream.stream if isinstance(stream, PrintableWriter) else stream
