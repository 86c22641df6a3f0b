"""``tutor serve [--host 127.0.0.1] [--port 8765] [--workers N]``: the HTTP service under uvicorn."""
from __future__ import annotations

import argparse
from typing import TextIO

from tutor.errors import TutorError


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Serve until interrupted. `--workers` sizes the one pool of checking processes (the
    service itself is one process: parallelism is in the pool)."""
    try:
        import uvicorn
    except ImportError:
        raise TutorError("tutor serve needs the serve extra: pip install 'tutor[serve]'.") from None
    from tutor.checker.pool import POOL, configure
    from tutor.service.app import create_app
    from tutor.service.limits import Limits

    if args.workers is not None:
        configure(args.workers)
    POOL.warm_up(POOL.size)
    limits = Limits(**{k: v for k, v in (("max_body", args.max_body), ("max_batch", args.max_batch),
                                          ("max_budget", args.max_budget),
                                          ("max_in_flight", args.max_in_flight)) if v is not None})
    uvicorn.run(create_app(limits), host=args.host, port=args.port, log_level=args.log_level)
    return 0
