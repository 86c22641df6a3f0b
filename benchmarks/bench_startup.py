"""Start-up of `tutor practice SET`, piped and at a terminal, against `python -c "import sympy"`.

Run by hand (not a test):  python benchmarks/bench_startup.py [SET] [--runs N]

All three are whole processes timed from launch to PROCESS EXIT, in the same run, alternating
(one of each per round; the median of N rounds, N >= 7):

* baseline: ``python -c "import sympy"``;
* piped: ``tutor practice SET --seed 1 < answers`` (two answers, one right and one wrong, then
  end of input: the plain mode reads, checks, prints the summary, saves progress and exits);
* interactive: the same under a pseudo-terminal (prompt_toolkit), timed to the first prompt and
  to exit after Ctrl-D is typed at that prompt. The benchmark answers the terminal's
  cursor-position request (``ESC[6n``) with ``ESC[1;1R`` as a terminal does.

Prints the medians and the ratios to the baseline; the target is <= 1.5 for both to exit.
"""
from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = "σ(z)(1-σ(z))\n2x\n".encode()
PROMPT = "›".encode()          # the REPL's prompt ends "› "
CPR_REQUEST, CPR_ANSWER = b"\x1b[6n", b"\x1b[1;1R"
TIMEOUT = 60.0
# every process runs as an installed program does: with its bytecode cache (pip compiles it at
# install; PYTHONDONTWRITEBYTECODE would have tutor recompile its sources in every run)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_baseline() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sympy"], check=True, env=ENV)
    return time.perf_counter() - start


def _command(set_name: str, data_dir: str, problems: list[str]) -> list[str]:
    extra = [arg for p in problems for arg in ("--problems", p)]
    return [sys.executable, "-m", "tutor", *extra, "--data-dir", data_dir, "practice", set_name, "--seed", "1"]


def time_piped(set_name: str, data_dir: str, problems: list[str]) -> float:
    """Seconds from launch to exit of ``tutor practice SET < answers``."""
    start = time.perf_counter()
    proc = subprocess.run(_command(set_name, data_dir, problems), input=ANSWERS, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=ROOT, timeout=TIMEOUT, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0 or b"Summary" not in proc.stdout:
        raise SystemExit(f"piped tutor failed ({proc.returncode}):\n{proc.stdout.decode(errors='replace')}"
                         f"\n{proc.stderr.decode(errors='replace')}")
    return elapsed


def time_interactive(set_name: str, data_dir: str, problems: list[str]) -> tuple[float, float]:
    """Seconds from launch to the first prompt, and to exit after Ctrl-D at that prompt (under a pty)."""
    env = {**ENV, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"}
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:   # the child: the tutor on the terminal's slave side
        os.chdir(ROOT)
        os.execvpe(sys.executable, _command(set_name, data_dir, problems), env)
    seen, prompt_at, exit_at, sent_eof = b"", None, None, False
    try:
        while exit_at is None:
            if time.perf_counter() - start > TIMEOUT:
                raise SystemExit(f"interactive tutor did not finish:\n{seen.decode(errors='replace')}")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:          # EIO: the child closed its terminal (it is exiting)
                chunk = b""
            if not chunk:
                os.waitpid(pid, 0)
                exit_at = time.perf_counter()
                break
            seen += chunk
            for _ in range(chunk.count(CPR_REQUEST)):
                os.write(fd, CPR_ANSWER)
            if prompt_at is None and PROMPT in seen:
                prompt_at = time.perf_counter()
            if prompt_at is not None and not sent_eof:
                os.write(fd, b"\x04")   # Ctrl-D at the prompt: quit
                sent_eof = True
    finally:
        os.close(fd)
    if prompt_at is None:
        raise SystemExit(f"interactive tutor exited before its first prompt:\n{seen.decode(errors='replace')}")
    return prompt_at - start, exit_at - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default="calculus/logistic_regression")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--problems", action="append", default=[], metavar="PATH")
    args = parser.parse_args()
    runs = max(7, args.runs)
    base: list[float] = []
    piped: list[float] = []
    prompt: list[float] = []
    inter: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        # warm the disk cache, write the bytecode cache and create the progress store
        time_piped(args.set, data_dir, args.problems)
        time_interactive(args.set, data_dir, args.problems)
        time_baseline()
        for _ in range(runs):
            base.append(time_baseline())
            piped.append(time_piped(args.set, data_dir, args.problems))
            to_prompt, to_exit = time_interactive(args.set, data_dir, args.problems)
            prompt.append(to_prompt)
            inter.append(to_exit)
    b = statistics.median(base)

    def row(label: str, values: list[float]) -> str:
        m = statistics.median(values)
        return f"{label:66} median {m * 1000:6.0f} ms  (min {min(values) * 1000:4.0f})  ratio {m / b:.2f}"

    print(row("python -c 'import sympy' (to exit)", base))
    print(row(f"piped: tutor practice {args.set} < answers (to exit)", piped))
    print(row("interactive (pty): to the first prompt", prompt))
    print(row("interactive (pty): to exit after Ctrl-D", inter))
    print(f"target: piped and interactive to exit <= 1.5 x baseline; {runs} rounds, alternating")


if __name__ == "__main__":
    main()
