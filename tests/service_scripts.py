"""One way for the test plugins to run a service through its script in ``scripts/services``
(``start`` installs it from Debian where missing and prints its URL last; ``stop`` ends it and
removes its folder): the Redis, PostgreSQL and Swift fixtures differ only in the script and the
folder it keeps its state in."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts" / "services"


@contextmanager
def running_service(
    name: str, folder_variable: str, folder: Path, *, start_timeout: float = 600, stop_timeout: float = 120
) -> Iterator[str]:
    """``scripts/services/NAME start`` with its state in ``folder`` (passed in the environment as
    ``folder_variable``); yields the URL it prints, and stops it after, also when it did not start."""
    script = str(SCRIPTS / name)
    env = {**os.environ, folder_variable: str(folder)}
    started = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=start_timeout)
    try:
        assert started.returncode == 0, f"{name} did not start:\n{started.stderr}"
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True, text=True, timeout=stop_timeout)
