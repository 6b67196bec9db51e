"""The queue's overhead: the same shops audited by a local batch and by one worker through the queue.

Serves a simulated web (bench/simweb.py), starts a Redis (scripts/services/redis), then, alternately
and ``--repeats`` times, times ``auditor batch`` (local) and ``auditor batch --queue`` with one
``auditor worker --concurrency N`` until the run is stored whole (``--follow``, reports included in
both; the worker is started before, as a worker runs for long). Each run gets a fresh output
folder and store. Prints each time and the medians.

    .venv/bin/python bench/queue_overhead.py --sites 40 --concurrency 4 --repeats 3
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS = ROOT / "scripts" / "services" / "redis"


def auditor(*args: str) -> list[str]:
    return [sys.executable, "-m", "auditor", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-pages", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="auditor-queue-bench-"))
    env = {**os.environ, "AUDITOR_SERVICES_DIR": str(work / "services"), "PYTHONPATH": str(ROOT)}
    sites = work / "sites.csv"
    web = subprocess.Popen([sys.executable, str(ROOT / "bench" / "simweb.py"), "--sites", str(args.sites),
                            "--latency", str(args.latency), "--list", str(sites)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    redis_url = subprocess.run([str(REDIS), "start"], env=env, capture_output=True, text=True,
                               check=True).stdout.strip()
    common = ["--render", "never", "--allow-private", "--max-pages", str(args.max_pages), "--format", "json",
              "--concurrency", str(args.concurrency)]
    times: dict[str, list[float]] = {"local": [], "queue": []}
    try:
        while not sites.is_file():
            time.sleep(0.2)
        time.sleep(0.5)
        for repeat in range(args.repeats):
            # The worker is started first and is idle during the local batch: a worker runs for a
            # long time, so its start is not part of a run's time.
            out = work / f"queue-{repeat}"
            out.mkdir()
            worker = subprocess.Popen(auditor("worker", "--queue", redis_url, "--store", str(out / "auditor.sqlite"),
                                              "--evidence", str(out), "--concurrency", str(args.concurrency)),
                                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                local_out = work / f"local-{repeat}"
                started = time.monotonic()
                subprocess.run(auditor("batch", str(sites), "-o", str(local_out), *common), env=env, check=True,
                               capture_output=True)
                times["local"].append(time.monotonic() - started)
                started = time.monotonic()
                subprocess.run(auditor("batch", str(sites), "-o", str(out), "--queue", redis_url, "--follow",
                                       *common), env=env, check=True, capture_output=True)
                times["queue"].append(time.monotonic() - started)
            finally:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=120)
            print(f"repeat {repeat + 1}: local {times['local'][-1]:.1f} s, queue {times['queue'][-1]:.1f} s",
                  flush=True)
    finally:
        subprocess.run([str(REDIS), "stop"], env=env, check=False)
        web.terminate()
        web.wait(timeout=30)
    local, queue = statistics.median(times["local"]), statistics.median(times["queue"])
    print(f"{args.sites} sites, concurrency {args.concurrency}: median local {local:.1f} s "
          f"({3600 * args.sites / local:.0f} sites/h), queue {queue:.1f} s ({3600 * args.sites / queue:.0f} sites/h); "
          f"queue/local throughput {local / queue:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
