"""Uploaded 903-shaped files (a 903 return, the case system's extracts), checked before anything reads
them: each file and all of them within the configured sizes, nothing compressed or zipped; and written
to disk under neutral names. The 903 import's staging, the case-data page and the API's sync call use
these, so a file refused by one is refused by all, in the same words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from django.conf import settings

from homeward.ssda903.reader import compression_of, looks_like_xml

MB = 1024 * 1024


class Upload(Protocol):
    """What Django's UploadedFile offers that an upload needs."""

    name: str | None
    size: int | None

    def chunks(self, chunk_size: int | None = None) -> Iterable[bytes]: ...

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


class UploadRefused(Exception):
    """The files were refused before anything was read or kept (too large, compressed, no room)."""

    def __init__(self, problems: list[str], *, too_large: bool = False) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.too_large = too_large  # a size limit (the API answers 413), not the files' kind


def megabytes(setting: str, default: int) -> int:
    """A size setting given in megabytes, in bytes."""
    return int(getattr(settings, setting, default)) * MB


def safe_name(name: str | None, taken: set[str]) -> str:
    """The name a report shows for a file (the user's own, made unique); it never names a file on disk."""
    base = Path(name or "upload").name.replace("\\", "_").strip() or "upload"
    candidate, n = base, 1
    while candidate.lower() in taken or candidate.startswith("."):
        n += 1
        candidate = f"{n}-{base}"
    taken.add(candidate.lower())
    return candidate


def _size(upload: Upload) -> int:
    return int(upload.size or 0)


def _head(upload: Upload) -> bytes:
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    return head


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def upload_limits_mb() -> dict[str, int]:
    """The largest file and the largest set of files accepted at once, in megabytes."""
    return {
        "file": megabytes("HOMEWARD_903_MAX_FILE_MB", 50) // MB,
        "import": megabytes("HOMEWARD_903_MAX_IMPORT_MB", 200) // MB,
    }


def upload_problems(files: Sequence[Upload], room: int | None = None) -> tuple[list[str], bool]:
    """Why these files cannot be taken, in a data officer's words (nothing when they can), and whether
    a size limit is why. `room`: the bytes left where they would be kept, if that is limited."""
    limits = upload_limits_mb()
    per_file, per_import = limits["file"] * MB, limits["import"] * MB
    problems = []
    too_large = False
    taken: set[str] = set()
    for upload in files:
        name = safe_name(upload.name, taken)
        if _size(upload) > per_file:
            too_large = True
            problems.append(
                f"{name} is {_mb(_size(upload))}, larger than the {per_file // MB} MB limit for one file. "
                "Upload each year's files separately, or ask the Homeward team to raise the limit."
            )
        elif kind := compression_of(_head(upload)):
            problems.append(
                f"{name} is a compressed ({kind}) file. Homeward does not open compressed or zipped "
                "files: upload the CSV or XML files themselves."
            )
    total = sum(map(_size, files))
    if total > per_import:
        too_large = True
        problems.append(
            f"These files add up to {_mb(total)}, more than the {per_import // MB} MB limit for one "
            "import. Import fewer years at a time."
        )
    elif room is not None and total > room:
        problems.append(
            "Homeward cannot check these files now: the space for uploads waiting to be checked is full. "
            "Try again tomorrow (waiting uploads are deleted after a day), or tell the Homeward team."
        )
    return problems, too_large


def stored_name(n: int, upload: Upload) -> str:
    """A neutral name for a kept file: its number, the years its own name holds (a Header file takes
    the collection year of the Episodes file with the same years: header_2024.csv, episodes_2024.csv),
    and .xml or .csv from its content. Nothing else the user chose reaches the disk."""
    years = re.findall(r"\d{4}", Path(upload.name or "").name)[:4]
    return "_".join([f"{n:02d}", *years]) + (".xml" if looks_like_xml(_head(upload)) else ".csv")


def write_uploads(files: Sequence[Upload], folder: Path) -> tuple[list[Path], dict[str, str]]:
    """Write the files into `folder` under neutral names (see `stored_name`): their paths, and each
    one's name as uploaded (made unique), by path, for the reports."""
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths, names = [], {}
    for n, upload in enumerate(files, start=1):
        path = folder / stored_name(n, upload)
        with open(path, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        paths.append(path)
        names[str(path)] = safe_name(upload.name, taken)
    return paths, names
