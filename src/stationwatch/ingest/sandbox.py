"""Untrusted documents parsed in a child process under memory, CPU-time and file-size limits.

A PDF with reference loops or a million objects, or HTML built to exhaust a parser, then kills
or starves only the child: the document is rejected with the limit it hit, and the ingest that
asked goes on with the next one.
"""

from __future__ import annotations

import resource
import signal
from dataclasses import dataclass
from typing import Any

from ..children import CONTEXT
from .document import Document
from .load import load_bytes


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024
    cpu_seconds: int = 60

    @property
    def wall_seconds(self) -> float:
        """A child blocked without using CPU is ended too."""
        return 2.0 * self.cpu_seconds + 5

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        return cls(memory_mb=settings.parser_memory_mb, cpu_seconds=settings.parser_cpu_seconds)


def _apply(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The soft limit sends SIGXCPU (a clean exit code); the hard one a second later kills.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # a parser has no file to write
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(conn: Any, limits: Limits, data: bytes, kwargs: dict[str, Any]) -> None:
    _apply(limits)
    try:
        doc = load_bytes(data, **kwargs)
    except MemoryError:
        doc = Document(path=kwargs["path"], uri=kwargs.get("uri"),
                       errors=[f"rejected: resource limit (memory, {limits.memory_mb} MB)"])
    except RecursionError:
        doc = Document(path=kwargs["path"], uri=kwargs.get("uri"),
                       errors=["rejected: resource limit (nesting too deep)"])
    try:
        conn.send(doc)
    finally:
        conn.close()


def _reason(exitcode: int | None, limits: Limits) -> str:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"CPU time, {limits.cpu_seconds} s"
    if exitcode == -signal.SIGXFSZ:
        return "tried to write a file"
    if exitcode == -signal.SIGSEGV:
        return f"memory, {limits.memory_mb} MB"
    return f"parser process ended with status {exitcode}"


def load_bytes_limited(data: bytes, *, limits: Limits, path: str, content_type: str = "",
                       uri: str | None = None, name: str | None = None) -> Document:
    """``load_bytes`` in a child under ``limits``; a child that overruns them, dies or does not
    answer in time gives a Document whose error names the limit."""
    kwargs = {"path": path, "content_type": content_type, "uri": uri, "name": name}
    parent, child = CONTEXT.Pipe(duplex=False)
    proc = CONTEXT.Process(target=_child, args=(child, limits, data, kwargs), daemon=True)
    proc.start()
    child.close()
    reason = ""
    try:
        if parent.poll(limits.wall_seconds):
            try:
                result = parent.recv()
                if isinstance(result, Document):
                    return result
                reason = "parser process sent an unexpected answer"
            except (EOFError, OSError):
                proc.join(5)
                reason = _reason(proc.exitcode, limits)
        else:
            reason = f"time, {limits.wall_seconds:g} s"
    finally:
        parent.close()
        proc.kill()
        proc.join(5)
    return Document(path=path, uri=uri, errors=[f"rejected: resource limit ({reason})"])
