"""Fictitious names: small lists shipped in ``data/`` (no Faker, base dependencies only)."""

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/<name>.txt``."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def first_names(sex: str) -> tuple[str, ...]:
    return load("first_names_female" if sex == "F" else "first_names_male")


def last_names() -> tuple[str, ...]:
    return load("last_names")
