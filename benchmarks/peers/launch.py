#!/usr/bin/env python3
"""Run one command as a fresh process and print its wall and CPU seconds and peak RSS, as JSON (run.py's
timer).

Usage: launch.py STDERR_FILE COMMAND [ARG...]

A separate small process on purpose: a child started by a process inherits that process's peak RSS in its
own ``ru_maxrss`` (Linux carries the high-water mark of the address space it replaces at ``exec``; with
``vfork``/``posix_spawn`` that is the parent's), so the runner, which has folded and compared large outputs,
would inflate every figure. This one imports only ``os``, ``sys``, ``time`` and ``json``. The command's
standard input and output are ``/dev/null``, its standard error goes to STDERR_FILE. Wall seconds are
``time.perf_counter`` around spawn and wait; CPU seconds are user + system of the command and all its threads
(``os.wait4``); RSS is its ``ru_maxrss`` in MiB.
"""

import json
import os
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    err = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null = os.open(os.devnull, os.O_RDWR)
    actions = [
        (os.POSIX_SPAWN_DUP2, null, 0),
        (os.POSIX_SPAWN_DUP2, null, 1),
        (os.POSIX_SPAWN_DUP2, err, 2),
    ]
    argv = sys.argv[2:]
    start = time.perf_counter()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    except OSError as e:  # no such command: a failed run, said in its stderr file
        os.write(err, f"launch.py: cannot run {argv[0]}: {e}\n".encode())
        print(json.dumps({"wall": 0.0, "cpu": 0.0, "rss_mb": 0.0, "code": 127}))
        return 0
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    run = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "code": os.waitstatus_to_exitcode(status),
    }
    print(json.dumps(run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
