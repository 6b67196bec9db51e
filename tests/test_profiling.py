"""AUDITOR_PROFILE: every process of a batch profiles itself, and bench.profile_split splits it.
No timing is asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from auditor import pipeline
from auditor import settings as env
from auditor.site_audit import profile_process, start_worker
from bench import profile_split

ROOT = Path(__file__).resolve().parent.parent


def test_no_profile_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(env.PROFILE, raising=False)
    assert env.profile_dir() is None
    assert profile_process("batch") is None
    monkeypatch.setenv(env.PROFILE, "  ")
    assert env.profile_dir() is None


def _busy(n: int) -> int:
    return sum(i * i for i in range(n))


def test_a_process_writes_its_profile_when_it_exits(tmp_path: Path) -> None:
    code = ("from auditor.site_audit import profile_process\n"
            "print(profile_process('worker'))\n"
            "sum(i * i for i in range(200000))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, env.PROFILE: str(tmp_path), "PYTHONPATH": str(ROOT)})
    written = Path(out.stdout.strip())
    assert written.parent == tmp_path and written.name.startswith("worker-") and written.exists()
    kind, total, stages = profile_split.split(written)
    assert kind == "worker" and total > 0
    assert [stage for stage, _ in stages][-1] == "the rest"
    assert "| worker | (all) |" in profile_split.table(tmp_path)


def test_audit_workers_profile_themselves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The batch's pool starts each worker with start_worker (which also ties it to its parent).
    assert pipeline._pool.__code__.co_names.count("start_worker") == 1
    monkeypatch.setenv(env.PROFILE, str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    with ProcessPoolExecutor(max_workers=1, mp_context=__import__("multiprocessing").get_context("spawn"),
                             initializer=start_worker) as pool:
        assert pool.submit(_busy, 1000).result() == _busy(1000)
    [written] = tmp_path.glob("worker-*.prof")
    assert profile_split.split(written)[0] == "worker"
