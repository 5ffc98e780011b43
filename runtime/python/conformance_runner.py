"""The conformance suite: every vector of ``docs/conformance.json`` read by
this client, each member of its ``expect`` compared exactly.

The generator copies this file verbatim into every Python client as
``tests/test_conformance.py``; the Rust and TypeScript clients run the same
vectors, so the three read every reply alike. Run it from the client's
folder with ``python3 -m unittest``."""

from __future__ import annotations

import importlib
import json
import sys
import unittest
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, List

#: The client's folder (``clients/python/``): this file is in its ``tests/``.
CLIENT = Path(__file__).resolve().parent.parent

#: The vectors, in the output folder's ``docs/``.
VECTORS = CLIENT.parent.parent / "docs" / "conformance.json"

#: The format of ``conformance.json`` this runner reads.
FORMAT = 1

#: Every member of a vector's ``expect``: a member the runner does not know
#: fails the vector rather than being skipped.
EXPECTED_MEMBERS = frozenset(
    {
        "is_error",
        "code",
        "wire_code",
        "message",
        "request_id",
        "kind",
        "retryable",
        "requires_reauth",
        "retry_after_ms",
        "field_errors",
        "delays_ms",
    }
)

#: The ``ApiError`` subclass each route gets (the others get ``ApiError``).
SUBCLASS_BY_KIND = {
    "re_authenticate": "AuthError",
    "auth": "AuthError",
    "validation": "ValidationError",
    "rate_limited": "RateLimitError",
}


def client_package() -> ModuleType:
    """The client's one package: the folder beside ``tests/`` holding the
    generated ``_catalogue.py``."""
    found = sorted(path.parent.name for path in CLIENT.glob("*/_catalogue.py"))
    if len(found) != 1:
        raise RuntimeError(f"expected one package with a _catalogue.py in {CLIENT}, found {found}")
    if str(CLIENT) not in sys.path:
        sys.path.insert(0, str(CLIENT))
    return importlib.import_module(found[0])


def millis(seconds: float | None) -> int | None:
    """Seconds as whole milliseconds (the vectors' unit)."""
    return None if seconds is None else round(seconds * 1000)


def canonical(value: object) -> str:
    """``value`` as JSON text, so ``true`` never equals ``1``."""
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


class Conformance(unittest.TestCase):
    """Every vector, one sub-test each, named by the vector."""

    def test_every_vector_reads_exactly_as_expected(self) -> None:
        """Each vector in a sub-test named by the vector."""
        package = client_package()
        document: Dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))
        self.assertEqual(document.get("format"), FORMAT, f"{VECTORS}: format")
        settings: Dict[str, Any] = document["policy"]
        self.assertFalse(settings["jitter"], f"{VECTORS}: the vectors' delays are without jitter")
        vectors: List[Dict[str, Any]] = document["vectors"]
        self.assertTrue(vectors, f"{VECTORS} has no vectors")
        received_at = document["received_at_ms"] / 1000
        for vector in vectors:
            with self.subTest(vector=vector["name"]):
                self.check(package, settings, received_at, vector)

    def check(self, package: ModuleType, settings: Dict[str, Any], received_at: float, vector: Dict[str, Any]) -> None:
        """Reads one vector's reply and compares every member of ``expect``."""
        name = vector["name"]
        reply = vector["reply"]
        expect: Dict[str, Any] = vector["expect"]
        unknown = set(expect) - EXPECTED_MEMBERS
        self.assertFalse(unknown, f"{name}: members this runner does not check: {sorted(unknown)}")
        err = package.ApiError.from_parts(
            reply["status"], reply["headers"], reply["body"].encode("utf-8"), received_at=received_at
        )
        policy = package.RetryPolicy(
            max_attempts=settings["max_attempts"],
            base_delay=settings["base_delay_ms"] / 1000,
            max_delay=settings["max_delay_ms"] / 1000,
            max_hint=settings["max_hint_ms"] / 1000,
            jitter=False,
        )
        actual = {
            "is_error": err.is_error,
            "code": err.code,
            "wire_code": err.wire_code,
            "message": err.message,
            "request_id": err.request_id,
            "kind": err.kind,
            "retryable": err.retryable,
            "requires_reauth": err.requires_reauth,
            "retry_after_ms": millis(err.retry_after),
            "field_errors": [field_error(entry) for entry in err.field_errors],
            "delays_ms": [millis(policy.next_delay(attempt, err)) for attempt in range(1, policy.max_attempts + 1)],
        }
        for member in sorted(EXPECTED_MEMBERS):
            self.assertIn(member, expect, f"{name}: expect has no {member}")
            self.assertEqual(
                canonical(actual[member]),
                canonical(expect[member]),
                f"vector {name!r}, member {member!r}",
            )
        expected_class = getattr(package, SUBCLASS_BY_KIND.get(err.kind, "ApiError"))
        self.assertIs(type(err), expected_class, f"vector {name!r}: the subclass of kind {err.kind}")


def field_error(entry: Any) -> Dict[str, Any]:
    """One field error as the vectors write it: ``value`` only when sent."""
    written: Dict[str, Any] = {"field": entry.field, "message": entry.message}
    if entry.has_value:
        written["value"] = entry.value
    return written


if __name__ == "__main__":
    unittest.main()
