"""Keys for the commands a learner reaches for while typing: help, hint, preview, skip.

A key ends the prompt with a `KeyCommand` that carries the half-typed answer,
so after a hint the draft is still there. Ctrl-D (quit) and Ctrl-C (clear
the line) are prompt_toolkit's own: ``prompt()`` raises EOFError and
KeyboardInterrupt, which the loop turns into :quit and a fresh line.

>>> sorted(KEYS)
['help', 'hint', 'preview', 'quit', 'skip']
"""
from __future__ import annotations


from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from tutor.values import frozen

# command -> how it is written in :help and the toolbar
KEYS: dict[str, str] = {"help": "F1", "hint": "Alt-h", "preview": "Alt-p", "skip": "Alt-s",
                        "quit": "Ctrl-D"}

_BINDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("help", ("f1",)),
    ("hint", ("escape", "h")),
    ("preview", ("escape", "p")),
    ("skip", ("escape", "s")),
)


@frozen
class KeyCommand:
    """What a command key returns from the prompt: the command and the text that was being typed."""

    command: str
    draft: str


def key_summary() -> str:
    """The keys in one line, for the toolbar.

    >>> key_summary()
    'F1 help · Alt-h hint · Alt-p preview · Alt-s skip · Ctrl-D quit · Tab completes'
    """
    return " · ".join(f"{key} {name}" for name, key in KEYS.items()) + " · Tab completes"


def load_practice_bindings() -> KeyBindings:
    """The key bindings of the practice prompt."""
    bindings = KeyBindings()
    for name, keys in _BINDINGS:
        bindings.add(*keys)(_exit_with(f":{name}"))
    return bindings


def _exit_with(command: str):
    def handler(event: KeyPressEvent) -> None:
        event.app.exit(result=KeyCommand(command, event.current_buffer.text))

    return handler
