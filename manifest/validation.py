"""Validate the manifest and its localization file against Microsoft's official JSON schemas, offline.

Validation runs ``validate.mjs`` under Node with the npm package ``@microsoft/app-manifest``
(``AppManifestUtils.validateAgainstSchema``), which bundles the official schemas v1.0-v1.30.
The v1.22 localization schema does not compile in that package (ajv rejects one of its regular
expressions in unicode mode), so a localization file the package cannot check is validated here
with ``jsonschema`` against the same bundled schema file instead; the result says which
validator was used for each file.

The npm packages are installed once with ``npm ci`` from ``package-lock.json``: from npm's
cache when it has them, from the registry otherwise. When neither works because the registry
cannot be reached, ``NpmUnavailableError`` says so (the tests skip on it rather than fail).
"""

from __future__ import annotations

import json
import operator
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from manifest import MANIFEST_DIR, ManifestError

try:
    # A dev dependency (requirements-dev.txt) that only the localization fallback needs: a
    # missing package is reported when that fallback runs, not when this module is imported.
    from jsonschema import Draft7Validator, validators
except ImportError:
    _HAS_JSONSCHEMA = False
else:
    _HAS_JSONSCHEMA = True

VALIDATOR_SCRIPT = MANIFEST_DIR / "validate.mjs"
NODE_PACKAGE = "@microsoft/app-manifest"

_BUNDLED_SCHEMA_URL = re.compile(
    r"^https://developer\.microsoft\.com/(?:[a-z]{2}(?:-[a-z]{2})?/)?(json-schemas/teams/[A-Za-z0-9._/-]+)$",
    re.IGNORECASE,
)
_LOCALIZATION_SCHEMA_NAME = "MicrosoftTeams.Localization.schema.json"

_NPM_CI = ("ci", "--no-audit", "--no-fund", "--loglevel=error")
_NPM_ERROR_CODE = re.compile(r"^npm (?:error|ERR!) code (\S+)", re.MULTILINE)
# What npm reports when it cannot talk to the registry at all (as opposed to the registry
# answering with an error): DNS, connection and socket failures, and --offline cache misses.
_NPM_NETWORK_CODES = frozenset(
    {
        "EAI_AGAIN",
        "ECONNREFUSED",
        "ECONNRESET",
        "EHOSTUNREACH",
        "ENETDOWN",
        "ENETUNREACH",
        "ENOTCACHED",
        "ENOTFOUND",
        "ERR_SOCKET_TIMEOUT",
        "ESOCKETTIMEDOUT",
        "ETIMEDOUT",
    }
)


class NpmUnavailableError(ManifestError):
    """The validator's npm packages cannot be installed: no registry and not in npm's cache.

    ``npm_error`` is how npm put it (its error code, e.g. ``ENOTFOUND``).
    """

    def __init__(self, npm_error: str, summary: str, messages: Sequence[str] = ()) -> None:
        self.npm_error = npm_error
        super().__init__(summary, messages)


@dataclass(frozen=True)
class FileValidation:
    """The result of validating one JSON file against its official schema."""

    file: Path
    schema: str
    validator: str
    errors: tuple[str, ...]


def _installed_package_json(manifest_dir: Path) -> Path:
    return manifest_dir / "node_modules" / "@microsoft" / "app-manifest" / "package.json"


def ensure_node_modules(manifest_dir: Path = MANIFEST_DIR) -> None:
    """Run ``npm ci`` (from package-lock.json) when the validator's npm packages are missing.

    The cache is tried first with ``--offline`` so that a machine which has installed the
    packages before needs no network; only if that fails does npm go to the registry (with
    ``--prefer-offline``, so whatever the cache has is still used). Raises NpmUnavailableError
    when that fails because the registry cannot be reached, ManifestError for anything else.
    """
    if _installed_package_json(manifest_dir).is_file():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise ManifestError(
            f"npm is not installed: it is needed once to install {NODE_PACKAGE} "
            f"(run 'npm ci' in {manifest_dir} on a machine with Node.js 20.19+)"
        )
    for mode in ("--offline", "--prefer-offline"):
        proc = _npm_ci(npm, manifest_dir, mode)
        if proc.returncode == 0 and _installed_package_json(manifest_dir).is_file():
            return
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
    network_failure = _network_failure(proc.stderr + proc.stdout)
    if network_failure is not None:
        raise NpmUnavailableError(
            network_failure,
            f"the npm registry cannot be reached ({network_failure}) and npm's cache does not have "
            f"the packages of {manifest_dir / 'package-lock.json'} ('npm ci' exit {proc.returncode})",
            tail,
        )
    raise ManifestError(f"'npm ci' in {manifest_dir} failed (exit {proc.returncode})", tail)


def _npm_ci(npm: str, manifest_dir: Path, mode: str) -> subprocess.CompletedProcess[str]:
    """One ``npm ci`` run in ``manifest_dir``; ``mode`` is ``--offline`` or ``--prefer-offline``."""
    try:
        return subprocess.run(
            [npm, *_NPM_CI, mode],
            cwd=manifest_dir,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ManifestError(f"'npm ci' in {manifest_dir} took more than 10 minutes") from None


def _network_failure(output: str) -> str | None:
    """npm's error code if its output says it failed for want of the registry, else None."""
    codes = sorted(set(_NPM_ERROR_CODE.findall(output)) & _NPM_NETWORK_CODES)
    if codes:
        return ", ".join(codes)
    # npm prefixes its connectivity advice with "network" even when it prints no error code.
    return "network error" if "npm error network" in output else None


def _run_node_validator(paths: Sequence[Path], manifest_dir: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise ManifestError("Node.js 20.19+ is needed to validate the manifest against the official schema")
    ensure_node_modules(manifest_dir)
    try:
        proc = subprocess.run(
            [node, str(manifest_dir / VALIDATOR_SCRIPT.name), *(str(p) for p in paths)],
            cwd=manifest_dir,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ManifestError("the manifest validator (node validate.mjs) took more than 2 minutes") from None
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = None
    if not isinstance(report, dict) or proc.returncode not in (0, 1):
        detail = report.get("error") if isinstance(report, dict) else None
        lines = [str(detail)] if detail else (proc.stderr or proc.stdout).strip().splitlines()[-15:]
        raise ManifestError(f"the manifest validator failed (exit {proc.returncode})", lines)
    return report


def bundled_schema_path(schema_url: str, manifest_dir: Path = MANIFEST_DIR) -> Path | None:
    """The local copy of an official Teams schema inside the npm package, if it bundles one."""
    match = _BUNDLED_SCHEMA_URL.match(schema_url.strip())
    if not match or ".." in match.group(1).split("/"):
        return None
    path = manifest_dir / "node_modules" / "@microsoft" / "app-manifest" / "build" / match.group(1)
    return path if path.is_file() else None


def _jsonschema_validate(document: Path, schema_file: Path) -> tuple[str, list[str]]:
    """Validate with python-jsonschema: Draft 7 keywords, and ``$ref`` siblings applied.

    Draft 7 rather than the declared draft 4 because draft 4 ignores ``const``; siblings of
    ``$ref`` are applied (``"maxLength": 30`` next to a ``$ref`` in the localization schema)
    because that is what the schema means and what ajv in ``@microsoft/app-manifest`` does.
    """
    if not _HAS_JSONSCHEMA:
        raise ManifestError(
            "python package 'jsonschema' is needed to validate the localization file "
            "(the npm package cannot compile its schema)"
        )
    # The npm package cleans these invalid escapes the same way before parsing.
    text = schema_file.read_text(encoding="utf-8").replace("\\a", "\\u0007").replace("\\v", "\\u000b")
    schema = json.loads(text)
    validator_class = validators.create(
        meta_schema=Draft7Validator.META_SCHEMA,
        validators=Draft7Validator.VALIDATORS,
        type_checker=Draft7Validator.TYPE_CHECKER,
        format_checker=Draft7Validator.FORMAT_CHECKER,
        applicable_validators=operator.methodcaller("items"),
    )
    instance = json.loads(document.read_text(encoding="utf-8-sig"))
    errors = sorted(validator_class(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    messages = [f"{e.json_path} {e.message}" for e in errors]
    name = (
        f"jsonschema {metadata.version('jsonschema')} (Draft 7 keywords, $ref siblings applied), "
        f"bundled {schema_file.name}"
    )
    return name, messages


def validate_files(paths: Sequence[Path], manifest_dir: Path = MANIFEST_DIR) -> list[FileValidation]:
    """Validate each JSON file against the official schema its ``$schema`` names, offline.

    Every file goes to ``@microsoft/app-manifest`` first. A localization file whose bundled
    schema the package cannot compile is validated with ``jsonschema`` against that same bundled
    file. Raises ManifestError only when a file cannot be checked at all.
    """
    resolved = [p.resolve() for p in paths]
    report = _run_node_validator(resolved, manifest_dir)
    node_validator = f"{report.get('validator')} (AppManifestUtils.validateAgainstSchema)"
    results: list[FileValidation] = []
    unchecked: list[str] = []
    for path, entry in zip(resolved, report.get("results", []), strict=True):
        schema = str(entry.get("schema") or "")
        errors = [str(e) for e in entry.get("errors", [])]
        schema_error = entry.get("schemaError")
        if not schema_error:
            results.append(FileValidation(path, schema, node_validator, tuple(errors)))
            continue
        local_schema = bundled_schema_path(schema, manifest_dir)
        if schema.endswith(_LOCALIZATION_SCHEMA_NAME) and local_schema is not None:
            name, fallback_errors = _jsonschema_validate(path, local_schema)
            validator = f"{name}; {NODE_PACKAGE} cannot compile that schema: {schema_error}"
            results.append(FileValidation(path, schema, validator, tuple(fallback_errors)))
        else:
            unchecked.append(
                f"{path.name}: cannot be validated against {schema or 'its schema'}: {schema_error}"
            )
    if unchecked:
        raise ManifestError("a file could not be validated against the official schema", unchecked)
    return results
