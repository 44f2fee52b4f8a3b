"""Running a waitress server until Ctrl+C or SIGTERM; SIGTERM drains before exiting.

On SIGTERM the server stops listening at once (new connections are refused, so a proxy
tries another replica), finishes the requests it has started, closes idle keep-alive
connections, and exits within DRAIN_SECONDS. Shutdown hooks (`at_shutdown`) run on every
way out: SIGTERM (which exits without unwinding the stack), Ctrl+C and a normal exit."""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

DRAIN_SECONDS = 8.0
TICK = 0.25  # seconds between looks at the stop flag
_HOOKS: list[Callable[[], None]] = []
"""What must run before the process ends (e.g. stopping a child process), newest last."""


def run(server, message: str) -> None:  # noqa: ANN001 - a waitress server
    """Print where the server listens (`{url}` in message), serve until Ctrl+C or SIGTERM."""
    url = f"http://{server.effective_host}:{server.effective_port}/"
    print("kb: " + message.format(url=url), flush=True)
    stop = threading.Event()
    _ctrl_c_stops()
    restore = _on_sigterm(stop.set)
    try:
        while not stop.is_set():
            _tick(server, TICK)
        drain(server, DRAIN_SECONDS)
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        server.task_dispatcher.shutdown(timeout=1)
        server.close()
    if stop.is_set():
        exit_now()  # terminated: other threads (searches, a file watcher) are not waited for


def drain(server, seconds: float) -> None:  # noqa: ANN001 - a waitress server
    """Stop accepting, then serve what is in flight until done or `seconds` have passed."""
    server.accepting = False
    server.del_channel()
    server.socket.close()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        busy = False
        for channel in list(server.active_channels.values()):
            if channel.requests or channel.total_outbufs_len or channel.request is not None:
                busy = True
            elif not channel.will_close:
                channel.will_close = True  # an idle keep-alive connection
                busy = True
        if not busy and not server.active_channels:
            return
        _tick(server, 0.02)


def _tick(server, timeout: float) -> None:  # noqa: ANN001
    server.asyncore.loop(timeout=timeout, map=server._map,
                         use_poll=server.adj.asyncore_use_poll, count=1)  # fmt: skip


def _ctrl_c_stops() -> None:
    """Ctrl+C (SIGINT) stops the server as it says, also when the shell that started it had
    SIGINT ignored (a background job passes that on: Python then never raises Ctrl+C)."""
    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # fmt: skip
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _on_sigterm(handler):  # noqa: ANN001, ANN202
    """Call handler on SIGTERM (main thread only); returns what restores the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: handler())
    return lambda: signal.signal(signal.SIGTERM, previous)


def at_shutdown(hook: Callable[[], None]) -> Callable[[], None]:
    """Run hook once when the process ends, however it ends; returns what runs it now."""

    def once() -> None:
        if once in _HOOKS:
            _HOOKS.remove(once)
            hook()

    _HOOKS.append(once)
    atexit.register(once)
    return once


def shutdown() -> None:
    """Run the shutdown hooks not run yet, newest first."""
    for hook in reversed(list(_HOOKS)):
        hook()


def exit_now(code: int = 0) -> None:
    """Exit without joining worker threads: a search still running after its request was
    answered (503) is abandoned, as the process ends anyway. Shutdown hooks run first."""
    shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
