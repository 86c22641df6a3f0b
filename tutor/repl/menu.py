"""The menu of courses and sets, with each set's progress; `tutor` with no sub-command shows it.

`menu_fragments` is plain data (used by the non-terminal listing too);
`choose_set` asks at a terminal, with Tab completion of set names.

>>> from types import SimpleNamespace as Info
>>> sets = [Info(id="calculus/chain", course="calculus", title="Chain rule", problem_count=4)]
>>> print("".join(t for _, t in menu_fragments(sets, {"calculus/chain": 3})))
calculus
   1  calculus/chain  Chain rule  (3 of 4 solved)
<BLANKLINE>
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tutor.repl.render import Fragments, printable_fragments

if TYPE_CHECKING:  # pragma: no cover
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

    from tutor.problems import SetInfo

QUIT_WORDS = frozenset({":quit", ":q", "quit", "q", ":exit", "exit"})


def menu_fragments(sets: Sequence[SetInfo], solved: Mapping[str, int]) -> Fragments:
    """Sets grouped by course and numbered from 1 in that order, each with problems solved."""
    out: Fragments = []
    width = max((len(s.id) for s in sets), default=0)
    course = None
    for number, info in enumerate(sets, 1):
        if info.course != course:
            course = info.course
            out += [("", "\n" if out else ""), ("class:menu.course", course), ("", "\n")]
        done = solved.get(info.id, 0)
        out += [("class:menu.number", f"  {number:>2}  "), ("class:menu.set", f"{info.id:<{width}}"),
                ("class:menu.title", f"  {info.title}"),
                ("class:menu.progress", f"  ({done} of {info.problem_count} solved)"), ("", "\n")]
    return out


def matching(sets: Sequence[SetInfo], name: str) -> list[SetInfo]:
    """The sets a name means: those with that id, else those whose file is called so.

    >>> from types import SimpleNamespace as Info
    >>> sets = [Info(id="calculus/chain"), Info(id="review/chain")]
    >>> [s.id for s in matching(sets, "review/chain")], len(matching(sets, "chain"))
    (['review/chain'], 2)
    """
    exact = [s for s in sets if s.id == name]
    return exact or [s for s in sets if s.id.rsplit("/", 1)[-1] == name]


def pick(sets: Sequence[SetInfo], choice: str) -> SetInfo | None:
    """The set a learner chose by number, id, or file name (None unless exactly one).

    >>> from types import SimpleNamespace as Info
    >>> sets = [Info(id="calculus/chain"), Info(id="probability/bayes")]
    >>> pick(sets, "2").id, pick(sets, "chain").id, pick(sets, "nope")
    ('probability/bayes', 'calculus/chain', None)
    """
    choice = choice.strip()
    if choice.isdigit():
        index = int(choice) - 1
        return sets[index] if 0 <= index < len(sets) else None
    found = matching(sets, choice)
    return found[0] if len({s.id for s in found}) == 1 else None


def choose_set(sets: Sequence[SetInfo], solved: Mapping[str, int], *, input: Input | None = None,
               output: Output | None = None, status: Callable[[], str] | None = None) -> SetInfo | None:
    """Show the menu at a terminal and ask for a set; None when the learner leaves.

    `status` (the reviews due) is worked out once the prompt is up, and shown below it.
    """
    import threading

    from prompt_toolkit import PromptSession, print_formatted_text
    from prompt_toolkit.application import get_app
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.formatted_text import FormattedText

    from tutor.repl.style import default_style

    style = default_style()
    print_formatted_text(FormattedText(printable_fragments(menu_fragments(sets, solved))), style=style, output=output,
                         include_default_pygments_style=False)
    words = [s.id for s in sets] + [s.id.rsplit("/", 1)[-1] for s in sets]
    shown = {"text": ""}

    def fill_status() -> None:
        app = get_app()

        def work() -> None:
            try:
                shown["text"] = status() if status is not None else ""
            except Exception:  # noqa: BLE001 - a status line must never take the menu down
                return
            app.invalidate()

        threading.Thread(target=work, name="tutor-menu-status", daemon=True).start()

    prompt: PromptSession[str] = PromptSession(completer=WordCompleter(words, sentence=True), style=style,
                           include_default_pygments_style=False, input=input, output=output,
                           bottom_toolbar=lambda: [("class:toolbar", f" {shown['text']}")] if shown["text"] else None)
    while True:
        try:
            choice = prompt.prompt([("class:prompt", "Practise which set? (number or name, "
                                                     "Ctrl-D to leave) › ")], pre_run=fill_status)
        except KeyboardInterrupt:
            continue
        except EOFError:
            return None
        if choice.strip().lower() in QUIT_WORDS:
            return None
        found = pick(sets, choice)
        if found is not None:
            return found
        if choice.strip():
            print_formatted_text(FormattedText([("class:notice", f"There is no set {choice.strip()!r}; "
                                                 f"type a number from 1 to {len(sets)}.")]),
                                 style=style, output=output, include_default_pygments_style=False)
