"""Build the Teams app package (manifest.json, en-us.json and the two icons in one zip).

``build_package`` fills the placeholders of ``manifest.template.json`` from the environment,
checks the icons (``manifest.icons``), validates the manifest and its localization file against
Microsoft's official JSON schemas offline (``manifest.validation``), and writes
``servicewindow-teams-app-<version>.zip``. Anything wrong raises ``ManifestError`` with every
problem found, in the validator's own words. ``main`` is the ``python app.py manifest`` CLI.

Placeholders: ``{{APP_ID}}`` (MicrosoftAppId), ``{{DOMAIN}}`` (BOT_DOMAIN), ``{{VERSION}}``
(BOT_APP_VERSION, default ``bot.__version__``), ``{{DEVELOPER_NAME}}`` (BOT_DEVELOPER_NAME).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot import __version__ as BOT_VERSION
from manifest import MANIFEST_DIR, ManifestError
from manifest.icons import check_icon
from manifest.validation import FileValidation, validate_files

TEMPLATE = MANIFEST_DIR / "manifest.template.json"
LOCALIZATION = MANIFEST_DIR / "en-us.json"
ICONS_DIR = MANIFEST_DIR

ZERO_GUID = "00000000-0000-0000-0000-000000000000"
LOCAL_DOMAIN = "localhost"
# The schema allows at most 32 characters ("Vellinge kommun, Omsorgsavdelningen" has 35).
DEFAULT_DEVELOPER_NAME = "Vellinge kommun, Omsorg"
PACKAGE_NAME = "servicewindow-teams-app-{version}.zip"

# Environment variables read only by the package build (not by the running bot).
ENV_DOMAIN = "BOT_DOMAIN"
ENV_DEVELOPER_NAME = "BOT_DEVELOPER_NAME"
ENV_APP_VERSION = "BOT_APP_VERSION"

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# The "semver" definition of the official schema.
_SEMVER = re.compile(r"^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$")
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_LOC_COMMAND_KEY = re.compile(
    r"^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$"
)
_TRUE = ("1", "true", "yes", "on")
_ICON_KINDS: tuple[Literal["color", "outline"], ...] = ("color", "outline")
# Fixed timestamps in the zip: the same input gives the same zip.
_ZIP_DATE_TIME = (2020, 1, 1, 0, 0, 0)


# --- filling in the template -------------------------------------------------------------------


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in _TRUE


def placeholder_values(env: Mapping[str, str], *, local: bool = False) -> dict[str, str]:
    """The per-installation values for the template's ``{{...}}`` placeholders."""
    problems: list[str] = []
    app_id = env.get("MicrosoftAppId", "").strip()
    if local:
        app_id = app_id or ZERO_GUID
    elif not app_id:
        problems.append(
            "MicrosoftAppId is not set: set it to the Azure Bot's app (client) id, "
            "or build a package for the Agents Playground with --local"
        )
    elif app_id == ZERO_GUID:
        problems.append("MicrosoftAppId is the zero GUID, which is only for --local packages")
    if app_id and not _GUID.match(app_id):
        problems.append(f"MicrosoftAppId must be a GUID, got {app_id!r}")

    domain = env.get(ENV_DOMAIN, "").strip().lower() or (LOCAL_DOMAIN if local else "")
    if not domain:
        problems.append(
            f"{ENV_DOMAIN} is not set: the public host name of the bot, e.g. servicefonster.example.se"
        )
    elif not _HOST.match(domain):
        problems.append(
            f"{ENV_DOMAIN} must be a bare host name such as servicefonster.example.se "
            f"(no https://, port or path), got {domain!r}"
        )

    version = env.get(ENV_APP_VERSION, "").strip() or BOT_VERSION
    if not _SEMVER.match(version):
        problems.append(f"{ENV_APP_VERSION} must be a version like 1.2.3, got {version!r}")

    developer = env.get(ENV_DEVELOPER_NAME, "").strip() or DEFAULT_DEVELOPER_NAME
    if problems:
        raise ManifestError("cannot fill in the manifest template", problems)
    return {"APP_ID": app_id, "DOMAIN": domain, "VERSION": version, "DEVELOPER_NAME": developer}


def render_template(template: Any, values: Mapping[str, str]) -> Any:
    """Replace ``{{NAME}}`` in every string of a parsed template; unknown names raise."""
    unknown: set[str] = set()

    def fill(node: Any) -> Any:
        if isinstance(node, str):

            def sub(match: re.Match[str]) -> str:
                key = match.group(1)
                if key not in values:
                    unknown.add(key)
                    return match.group(0)
                return values[key]

            return _PLACEHOLDER.sub(sub, node)
        if isinstance(node, list):
            return [fill(item) for item in node]
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        return node

    filled = fill(template)
    if unknown:
        raise ManifestError(
            "the manifest template has unknown placeholders", sorted(f"{{{{{k}}}}}" for k in unknown)
        )
    return filled


def _render_manifest(template: Path, values: Mapping[str, str]) -> dict[str, Any]:
    """The template file with its placeholders filled in; it must be a JSON object."""
    try:
        manifest = render_template(json.loads(template.read_text(encoding="utf-8")), values)
    except (OSError, json.JSONDecodeError) as exc:
        raise ManifestError(f"cannot read the manifest template {template}: {exc}") from None
    if not isinstance(manifest, dict):
        raise ManifestError(f"the manifest template {template} is not a JSON object")
    return manifest


# --- checks the schemas cannot make ------------------------------------------------------------


def _icon_files(manifest: Mapping[str, Any], icons_dir: Path) -> tuple[dict[str, Path], list[str]]:
    """The icons the manifest names (zip entry name -> source file) and the problems with them."""
    icons = manifest.get("icons")
    icons = icons if isinstance(icons, dict) else {}
    problems: list[str] = []
    members: dict[str, Path] = {}
    for kind in _ICON_KINDS:
        name = icons.get(kind)
        if not isinstance(name, str) or not name:
            continue  # the schema validation reports the missing property
        source = icons_dir / Path(name).name
        members[Path(name).name] = source
        if source.is_file():
            problems += check_icon(source, kind)
        else:
            problems.append(f"{name}: the {kind} icon is missing ({source})")
    return members, problems


def _localization_info_problems(manifest: Mapping[str, Any], loc_name: str) -> list[str]:
    """The manifest must name the one localization file that goes into the package."""
    languages = (manifest.get("localizationInfo") or {}).get("additionalLanguages") or []
    loc_files = [lang.get("file") for lang in languages if isinstance(lang, dict)]
    if loc_files != [loc_name]:
        return [
            f"localizationInfo.additionalLanguages must name exactly one file, {loc_name}; got {loc_files}"
        ]
    return []


def _cross_check(manifest: Mapping[str, Any], localization: Mapping[str, Any], loc_name: str) -> list[str]:
    """Checks the schemas cannot express: localized command strings must match real commands."""
    problems: list[str] = []
    command_lists: list[Any] = []
    bots = manifest.get("bots")
    if isinstance(bots, list) and bots and isinstance(bots[0], dict):
        command_lists = bots[0].get("commandLists") or []
    for key in localization:
        match = _LOC_COMMAND_KEY.match(key)
        if not match:
            continue
        bot, li, ci = (int(match.group(i)) for i in (1, 2, 3))
        try:
            exists = bot == 0 and isinstance(command_lists[li]["commands"][ci], dict)
        except (IndexError, KeyError, TypeError):
            exists = False
        if not exists:
            problems.append(f"{loc_name}: {key} translates a command that the manifest does not have")
    return problems


# --- building the package ----------------------------------------------------------------------


@dataclass(frozen=True)
class BuildResult:
    """A built package and how each file in it was validated."""

    package: Path
    validations: tuple[FileValidation, ...]


def _stage_localization(localization: Path, staging: Path) -> tuple[Path, Any]:
    """Copy the localization file byte for byte into ``staging``; return the copy and its JSON."""
    try:
        loc_bytes = localization.read_bytes()
        loc_data = json.loads(loc_bytes.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"cannot read the localization file {localization}: {exc}") from None
    loc_file = staging / localization.name
    loc_file.write_bytes(loc_bytes)
    return loc_file, loc_data


def _write_zip(path: Path, entries: Sequence[tuple[str, Path]]) -> None:
    """Zip ``(entry name, source file)`` pairs at the zip's root, with fixed timestamps."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for arcname, source in entries:
            info = zipfile.ZipInfo(arcname, date_time=_ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, source.read_bytes())


def build_package_report(
    out_dir: Path,
    env: Mapping[str, str],
    *,
    local: bool = False,
    template: Path = TEMPLATE,
    localization: Path = LOCALIZATION,
    icons_dir: Path = ICONS_DIR,
    manifest_dir: Path = MANIFEST_DIR,
) -> BuildResult:
    """Like ``build_package``, also returning how each file was validated."""
    local = local or _flag(env, "BOT_LOCAL")
    values = placeholder_values(env, local=local)
    manifest = _render_manifest(template, values)
    members, problems = _icon_files(manifest, icons_dir)
    loc_name = localization.name
    problems += _localization_info_problems(manifest, loc_name)

    out_dir.mkdir(parents=True, exist_ok=True)
    # Everything is written to a staging directory inside out_dir and the zip moved into place
    # at the end, so a failed build never leaves a zip (or a half-written one) behind.
    with tempfile.TemporaryDirectory(prefix="manifest-", dir=out_dir) as tmp:
        staging = Path(tmp)
        manifest_file = staging / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        loc_file, loc_data = _stage_localization(localization, staging)
        if isinstance(loc_data, dict):
            problems += _cross_check(manifest, loc_data, loc_name)

        validations = validate_files([manifest_file, loc_file], manifest_dir)
        for result in validations:
            problems += [f"{result.file.name}: {error}" for error in result.errors]
        if problems:
            raise ManifestError("the Teams app package is not valid", problems)

        package = out_dir / PACKAGE_NAME.format(version=values["VERSION"])
        partial = staging / package.name
        _write_zip(partial, [("manifest.json", manifest_file), (loc_name, loc_file), *members.items()])
        os.replace(partial, package)
    return BuildResult(package, tuple(validations))


def build_package(out_dir: Path, env: Mapping[str, str], *, local: bool = False) -> Path:
    """Build and validate the Teams app package in ``out_dir``; return the zip's path.

    ``env`` gives MicrosoftAppId (required unless ``local``, which uses the zero GUID for the
    Agents Playground), BOT_DOMAIN (required unless ``local``: then "localhost"), and optionally
    BOT_DEVELOPER_NAME and BOT_APP_VERSION. ``BOT_LOCAL=1`` in ``env`` also means local.
    Raises ManifestError listing every problem (placeholders, icons, schema errors).
    """
    return build_package_report(out_dir, env, local=local).package


# --- command line ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python app.py manifest", description="Build the Teams app package of the service-window bot."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="fill in, check and zip the Teams app manifest",
        description=(
            "Reads MicrosoftAppId, BOT_DOMAIN and optionally BOT_DEVELOPER_NAME, BOT_APP_VERSION "
            "from the environment, validates against the official schema offline, writes the zip."
        ),
    )
    build.add_argument("--out", type=Path, default=Path("build"), help="output directory (default: build)")
    build.add_argument(
        "--local",
        action="store_true",
        help="package for the Agents Playground / sideloading: zero GUID app id and localhost if unset",
    )
    return parser


def main(argv: list[str]) -> int:
    """CLI: ``build [--out DIR] [--local]``; prints the zip's path, returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help or a usage error: argparse has printed the message
        return exc.code if isinstance(exc.code, int) else 2
    try:
        result = build_package_report(args.out, os.environ, local=args.local)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for validation in result.validations:
        print(f"{validation.file.name}: valid ({validation.validator})", file=sys.stderr)
    print(result.package)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
