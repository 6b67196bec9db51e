"""Evidence on S3-compatible object storage: ``s3://BUCKET/PREFIX`` as a run's evidence location.

A queue run's evidence (``auditor worker --evidence``, ``auditor batch --queue -o``) may be a
folder or a place in a bucket. On a bucket the layout is the folder's: the object
``PREFIX/evidence/run-3/<attempt>/shop.warc.gz`` is what the file ``evidence/run-3/<attempt>/shop.warc.gz``
would be. Whoever writes evidence writes it to a local folder first (a spool, exactly as a folder
run writes it) and then uploads every file under its relative path as key; every upload is
checked (the server checks the bytes against the Content-MD5 sent; a HEAD then checks the size
and the SHA-256 kept in the object's metadata) before the caller goes on. Whoever reads it (the
reports and the manifest at the end of ``batch --follow``, ``auditor verify``) downloads the
objects and hashes the bytes downloaded.

The endpoint, keys and region are the AWS SDK's own settings (``AWS_ENDPOINT_URL``,
``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_DEFAULT_REGION``, or a profile), so any
S3-compatible service works: AWS, MinIO, Ceph's radosgw, OpenStack Swift's s3api (the one the
tests start, scripts/services/swift). The client is boto3.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEME = "s3://"
#: The metadata entry (``x-amz-meta-sha256``) that keeps an object's SHA-256 as uploaded.
SHA256_META = "sha256"
#: An S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end.
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


class ObjectStoreError(Exception):
    """A bad ``s3://`` location, or the bucket out of reach: one line for the user."""


@dataclass(frozen=True)
class S3Location:
    """A place in a bucket: ``prefix`` is empty or ends in ``/``."""

    bucket: str
    prefix: str = ""

    def __str__(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.prefix}"

    def key(self, relative: str) -> str:
        """The key of the object at ``relative`` (a path inside the location, with ``/``)."""
        return self.prefix + relative


def is_location(text: str | os.PathLike[str]) -> bool:
    return str(text).startswith(SCHEME)


def parse_location(text: str) -> S3Location:
    """``s3://BUCKET`` or ``s3://BUCKET/PREFIX``; :class:`ObjectStoreError` naming what is wrong."""
    if not is_location(text):
        raise ObjectStoreError(f"{text!r} is not an s3:// location (s3://BUCKET/PREFIX)")
    bucket, _, prefix = text[len(SCHEME):].partition("/")
    if not _BUCKET.fullmatch(bucket) or ".." in bucket:
        raise ObjectStoreError(f"{text}: {bucket!r} is not an S3 bucket name "
                               "(3 to 63 lower-case letters, digits, dots and hyphens)")
    parts = prefix.strip("/").split("/") if prefix.strip("/") else []
    if any(part in ("", ".", "..") for part in parts):
        raise ObjectStoreError(f"{text}: the prefix may not hold empty, '.' or '..' parts")
    return S3Location(bucket, "".join(f"{part}/" for part in parts))


def evidence_location(text: str) -> Path | S3Location:
    """An evidence location on the command line: a folder, or ``s3://BUCKET/PREFIX``."""
    return parse_location(text) if is_location(text) else Path(text)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _client() -> Any:
    import boto3
    from botocore.config import Config

    # Endpoint, keys and region come from the environment or the AWS config files, as for any
    # AWS tool. Retries: the SDK's standard mode (a few, with backoff) for a server that hiccups.
    return boto3.session.Session().client("s3", config=Config(retries={"mode": "standard", "max_attempts": 5}))


def _say(location: S3Location, exc: Exception) -> str:
    """One line for a failure of the SDK: what could not be done where, and why."""
    from botocore.exceptions import ClientError, NoCredentialsError, PartialCredentialsError

    if isinstance(exc, NoCredentialsError | PartialCredentialsError):
        return f"{location}: no S3 credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)"
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if str(code) in ("404", "NoSuchBucket"):
            return f"{location}: the bucket {location.bucket!r} does not exist"
        if str(code) in ("403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
            return f"{location}: access denied ({code}: check the keys and the bucket's permissions)"
        return f"{location}: {code}: {error.get('Message') or exc}"
    return f"{location}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")


@dataclass
class Bucket:
    """The objects under one :class:`S3Location`, read and written with relative paths. A
    process's own client (a forked worker process makes its own)."""

    location: S3Location
    _client: tuple[int, Any] | None = field(default=None, repr=False)

    @property
    def client(self) -> Any:
        if self._client is None or self._client[0] != os.getpid():
            try:
                self._client = (os.getpid(), _client())
            except Exception as exc:  # a bad region or endpoint setting
                raise ObjectStoreError(_say(self.location, exc)) from None
        return self._client[1]

    def _call(self, what: str, *args: Any, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, what)(*args, **kwargs)
        except (BotoCoreError, ClientError) as exc:
            raise ObjectStoreError(_say(self.location, exc)) from None

    def check(self) -> None:
        """Raise :class:`ObjectStoreError` unless the bucket exists and the keys open it."""
        self._call("head_bucket", Bucket=self.location.bucket)

    def upload(self, path: Path, relative: str) -> None:
        """The file at ``path`` as the object at ``relative``, checked: the server checks the bytes
        against their MD5, then the object's size and SHA-256 (metadata) are read back."""
        data = path.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode("ascii")
        key = self.location.key(relative)
        self._call("put_object", Bucket=self.location.bucket, Key=key, Body=data, ContentMD5=md5,
                   Metadata={SHA256_META: sha256})
        head = self._call("head_object", Bucket=self.location.bucket, Key=key)
        if int(head.get("ContentLength", -1)) != len(data) or head.get("Metadata", {}).get(SHA256_META) != sha256:
            raise ObjectStoreError(f"{self.location}{relative}: the object stored differs from the file uploaded "
                                   f"({head.get('ContentLength')} bytes, not {len(data)})")

    def upload_tree(self, root: Path, *, skip: Iterable[str] = ()) -> list[str]:
        """Every file under ``root`` (but those at the relative paths ``skip``) to the same relative
        keys; the relative paths uploaded. An upload that fails raises at once."""
        skipped = set(skip)
        done: list[str] = []
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            if relative not in skipped:
                self.upload(path, relative)
                done.append(relative)
        return done

    def under(self, folder: str = "") -> list[str]:
        """The relative paths of the objects under ``folder`` (``""``: the whole location)."""
        return self.starting(folder.strip("/") + "/" if folder.strip("/") else "")

    def starting(self, start: str) -> list[str]:
        """The relative paths of the objects whose relative path starts with ``start``."""
        return sorted(self._listing(start))

    def _listing(self, start: str) -> dict[str, float]:
        """Relative path -> when the object was written (POSIX time), for ``start`` as :meth:`starting`."""
        prefix = self.location.key(start)
        found: dict[str, float] = {}
        token: str | None = None
        while True:
            page = self._call("list_objects_v2", Bucket=self.location.bucket, Prefix=prefix,
                              **({"ContinuationToken": token} if token else {}))
            for item in page.get("Contents", []):
                found[str(item["Key"])[len(self.location.prefix):]] = item["LastModified"].timestamp()
            token = page.get("NextContinuationToken")
            if not page.get("IsTruncated") or not token:
                return found

    def download(self, relative: str, target: Path) -> bool:
        """The object at ``relative`` into the file ``target``; False if there is no such object."""
        from botocore.exceptions import ClientError

        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.client.download_file(self.location.bucket, self.location.key(relative), str(target))
        except ClientError as exc:
            if str(exc.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey"):
                target.unlink(missing_ok=True)
                return False
            raise ObjectStoreError(_say(self.location, exc)) from None
        except Exception as exc:
            raise ObjectStoreError(_say(self.location, exc)) from None
        return True

    def download_tree(self, folder: str, root: Path) -> list[str]:
        """Every object under ``folder`` into ``root`` at its relative path, the file's time the
        object's (the manifest records it); the paths downloaded."""
        listed = self._listing(folder.strip("/") + "/" if folder.strip("/") else "")
        for relative, written in sorted(listed.items()):
            if not safe_relative(relative):
                raise ObjectStoreError(f"{self.location}{relative}: not a path a folder can hold")
            if self.download(relative, root / relative):
                os.utime(root / relative, (written, written))
        return sorted(listed)

    def delete(self, relatives: Iterable[str]) -> None:
        """The objects at ``relatives`` (one request each: DeleteObjects needs a Content-MD5 that
        recent SDKs no longer send, and some S3-compatible servers insist on it)."""
        for relative in relatives:
            self._call("delete_object", Bucket=self.location.bucket, Key=self.location.key(relative))


def safe_relative(relative: str) -> bool:
    """A relative path that stays inside its folder (not absolute, no empty, ``.`` or ``..`` part)."""
    return bool(relative) and all(part not in ("", ".", "..") for part in relative.split("/"))
