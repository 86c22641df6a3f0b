"""Grading at scale from the outside: the request and verdict contract (JSON Schema), grading
files (`tutor grade`), and the formats graders' platforms read.

The batch work itself is `tutor.check_many`; this package only reads requests, writes results
and describes both.
"""
