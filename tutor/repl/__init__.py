"""The terminal front end of a practice `Session`: prompt_toolkit wiring, one module per concern.

`app` runs the interactive loop, `plain` the line-by-line mode for pipes and
screen readers, `menu` the choice of a set; `lexer`, `completer`,
`validator`, `toolbar`, `key_bindings` and `style` are the prompt_toolkit
pieces; `render` turns a session's feedback into styled text for both modes;
`command` is what ``tutor``, ``tutor practice`` and ``tutor progress`` run.
Nothing here is imported by the parser, checker, step engine or problem sets.
"""
