"""The wire format between the checker and its worker processes: length-prefixed pickles.

Only the checker's own processes are at either end of a pipe, and only plain data (strings,
numbers, tuples, the SymPy expressions of a task) crosses it.

>>> import io
>>> buffer = io.BytesIO()
>>> write_frame(buffer, ("ping", ()))
>>> _ = buffer.seek(0)
>>> read_frame(buffer)
('ping', ())
"""
from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_HEADER = struct.Struct(">I")


def write_frame(stream: IO[bytes] | None, obj: Any) -> None:
    """Send one object (raises OSError or ValueError when the other end has gone).

    >>> import io; write_frame(io.BytesIO(), 1)
    """
    if stream is None:
        raise ValueError("the pipe is closed")
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes] | None) -> Any:
    """Receive one object; EOFError when the other end has closed the pipe.

    >>> import io; read_frame(io.BytesIO(b""))
    Traceback (most recent call last):
    ...
    EOFError
    """
    if stream is None:
        raise EOFError
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)
