"""What the queue knows beside the jobs, in the broker's Redis: leases and the sites queued.

(A cancelled run is marked in the store, :func:`auditor.store.cancel_run`: it outlives the broker.)

* a **lease** per site being audited (``auditor:lease:<run>:<url>`` = the worker's name), set
  only when free and with a time to live that the worker renews while it works: a worker that dies
  stops renewing and its lease expires, so no site stays "in progress" for ever;
* the set of sites **queued** per run, so that running the batch command again (to resume, or just
  to follow) enqueues only the sites neither stored nor queued. It lives in the same Redis as the
  queue: if Redis loses its data, it loses both, and the next batch command enqueues again.

Runs are named by :func:`auditor.queue.jobs.run_ref` (their key, number and start in the store).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import redis

_PREFIX = "auditor:"
#: Set the lease's time to live only while ``worker`` still holds it.
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
#: Drop the lease only while ``worker`` still holds it.
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class QueueError(Exception):
    """The broker cannot be reached: a message for the user."""


class Control:
    """Leases, cancelled runs and queued sites in the Redis at ``url``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.redis: redis.Redis = redis.Redis.from_url(url, decode_responses=True)

    def check(self) -> None:
        """Raise :class:`QueueError` unless the broker answers."""
        try:
            self.redis.ping()
        except redis.RedisError as exc:
            raise QueueError(f"cannot reach the queue at {self.url}: {exc}") from None

    def close(self) -> None:
        self.redis.close()

    # -- leases

    @staticmethod
    def _lease(key: str, url: str) -> str:
        return f"{_PREFIX}lease:{key}:{url}"

    def take(self, key: str, url: str, worker: str, ttl: float) -> bool:
        """Lease the site to ``worker`` for ``ttl`` seconds if no one holds it; True when taken."""
        return bool(self.redis.set(self._lease(key, url), worker, nx=True, px=int(ttl * 1000)))

    def renew(self, key: str, url: str, worker: str, ttl: float) -> bool:
        return bool(self.redis.eval(_RENEW, 1, self._lease(key, url), worker, int(ttl * 1000)))

    def release(self, key: str, url: str, worker: str) -> None:
        self.redis.eval(_RELEASE, 1, self._lease(key, url), worker)

    def holder(self, key: str, url: str) -> str | None:
        found = self.redis.get(self._lease(key, url))
        return str(found) if found is not None else None

    def leases(self, key: str) -> dict[str, str]:
        """The sites of a run in progress now: url -> worker."""
        prefix = self._lease(key, "")
        names = [str(name) for name in self.redis.scan_iter(match=_glob_escape(prefix) + "*", count=500)]
        workers = self.redis.mget(names) if names else []
        return {name[len(prefix):]: str(worker) for name, worker in zip(names, workers, strict=True)
                if worker is not None}

    @contextmanager
    def holding(self, key: str, url: str, worker: str, ttl: float) -> Iterator[None]:
        """Renew the lease (taken already) every third of ``ttl`` until the block ends, then drop it."""
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(ttl / 3):
                # A missed beat: the next one tries again; the lease may lapse, the store still keeps one result.
                with suppress(redis.RedisError):
                    self.renew(key, url, worker, ttl)

        beat = threading.Thread(target=renew, name="auditor-lease", daemon=True)
        beat.start()
        try:
            yield
        finally:
            stop.set()
            beat.join()
            self.release(key, url, worker)

    # -- news of stored sites

    @staticmethod
    def _stored_channel(key: str) -> str:
        return f"{_PREFIX}stored:{key}"

    def announce_stored(self, key: str, url: str) -> None:
        """Tell whoever follows the run that a site of it is stored (nobody may listen: nothing is kept)."""
        self.redis.publish(self._stored_channel(key), url)

    @contextmanager
    def stored_news(self, key: str) -> Iterator[Callable[[float], bool]]:
        """A wait for the news of a site of the run stored: ``wait(seconds)`` returns as soon as
        a worker announces one (True) or after ``seconds`` (False). A follower reads the store
        when told rather than on a clock; the timeout still makes it read now and then, so a
        missed message (Redis restarted, a worker of an older version) only delays it."""
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(self._stored_channel(key))

        def wait(seconds: float) -> bool:
            deadline = time.monotonic() + seconds
            heard = False
            while True:
                left = deadline - time.monotonic()
                message = pubsub.get_message(timeout=max(0.0, left) if not heard else 0.0)
                if message is None:
                    if heard or left <= 0:
                        return heard
                    continue
                heard = True  # then take every message already there: one read of the store for them all

        try:
            yield wait
        finally:
            pubsub.close()

    # -- runs

    def forget_queued(self, key: str) -> None:
        """Forget what was queued of a run (it was cancelled: the workers dropped its jobs)."""
        self.redis.delete(f"{_PREFIX}queued:{key}")

    def mark_queued(self, key: str, url: str) -> bool:
        """Record the site as queued: True when it was not yet."""
        return bool(self.redis.sadd(f"{_PREFIX}queued:{key}", url))

    def unmark_queued(self, key: str, url: str) -> None:
        self.redis.srem(f"{_PREFIX}queued:{key}", url)

    def waiting(self, queue: str) -> int:
        """Jobs on the queue not yet taken by a worker (of every run)."""
        return int(self.redis.llen(queue))


def _glob_escape(text: str) -> str:
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)
