"""Build the Teams app package (manifest.json, en-us.json and the two icons in one zip).

``build_package`` fills the placeholders of ``manifest.template.json`` from the environment,
checks the icons with a small standard-library PNG reader (no Pillow at run time), validates
the manifest and its localization file against Microsoft's official JSON schemas offline, and
writes ``servicewindow-teams-app-<version>.zip``. Anything wrong raises ``ManifestError`` with
every problem found, in the validator's own words.

Schema validation runs ``validate.mjs`` under Node with the npm package
``@microsoft/app-manifest`` (``AppManifestUtils.validateAgainstSchema``), which bundles the
official schemas v1.0-v1.30. The v1.22 localization schema does not compile in that package
(ajv rejects one of its regular expressions in unicode mode), so a localization file the
package cannot check is validated here with ``jsonschema`` against the same bundled schema
file instead; the report says which validator was used for each file.

Placeholders: ``{{APP_ID}}`` (MicrosoftAppId), ``{{DOMAIN}}`` (BOT_DOMAIN), ``{{VERSION}}``
(BOT_APP_VERSION, default ``bot.__version__``), ``{{DEVELOPER_NAME}}`` (BOT_DEVELOPER_NAME).
"""

from __future__ import annotations

import argparse
import json
import operator
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

MANIFEST_DIR = Path(__file__).resolve().parent
TEMPLATE = MANIFEST_DIR / "manifest.template.json"
LOCALIZATION = MANIFEST_DIR / "en-us.json"
ICONS_DIR = MANIFEST_DIR
VALIDATOR_SCRIPT = MANIFEST_DIR / "validate.mjs"
NODE_PACKAGE = "@microsoft/app-manifest"

ZERO_GUID = "00000000-0000-0000-0000-000000000000"
LOCAL_DOMAIN = "localhost"
# The schema allows at most 32 characters ("Vellinge kommun, Omsorgsavdelningen" has 35).
DEFAULT_DEVELOPER_NAME = "Vellinge kommun, Omsorg"
PACKAGE_NAME = "servicewindow-teams-app-{version}.zip"

# Environment variables read only by the package build (not by the running bot).
ENV_DOMAIN = "BOT_DOMAIN"
ENV_DEVELOPER_NAME = "BOT_DEVELOPER_NAME"
ENV_APP_VERSION = "BOT_APP_VERSION"

ICON_SIZES: dict[str, int] = {"color": 192, "outline": 32}

_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# The "semver" definition of the official schema.
_SEMVER = re.compile(r"^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$")
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_BUNDLED_SCHEMA_URL = re.compile(
    r"^https://developer\.microsoft\.com/(?:[a-z]{2}(?:-[a-z]{2})?/)?(json-schemas/teams/[A-Za-z0-9._/-]+)$",
    re.IGNORECASE,
)
_LOCALIZATION_SCHEMA_NAME = "MicrosoftTeams.Localization.schema.json"
_LOC_COMMAND_KEY = re.compile(
    r"^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$"
)
_TRUE = ("1", "true", "yes", "on")


class ManifestError(Exception):
    """The package cannot be built; ``messages`` lists every problem found."""

    def __init__(self, summary: str, messages: Sequence[str] = ()) -> None:
        self.summary = summary
        self.messages = list(messages)
        super().__init__("\n  ".join([summary, *self.messages]))


# --- PNG (standard library only) -------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOR_TYPES = {0: "greyscale", 2: "RGB", 3: "palette", 4: "greyscale with alpha", 6: "RGBA"}


@dataclass(frozen=True)
class PngImage:
    """A decoded 8-bit RGBA PNG: ``pixels`` holds 4 bytes per pixel, row by row."""

    width: int
    height: int
    pixels: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int, int]:
        i = (y * self.width + x) * 4
        r, g, b, a = self.pixels[i : i + 4]
        return r, g, b, a


def read_png(data: bytes, name: str = "image") -> PngImage:
    """Decode an 8-bit RGBA, non-interlaced PNG; anything else raises ManifestError saying why."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ManifestError(f"{name} is not a PNG file")
    pos = len(_PNG_SIGNATURE)
    header: tuple[int, ...] | None = None
    idat: list[bytes] = []
    while True:
        if pos + 8 > len(data):
            raise ManifestError(f"{name} is truncated (no IEND chunk)")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        crc = data[pos + 8 + length : pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise ManifestError(f"{name} is truncated (chunk {kind!r})")
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise ManifestError(f"{name} is corrupt (bad CRC in chunk {kind!r})")
        pos += 12 + length
        if kind == b"IHDR":
            if length != 13:
                raise ManifestError(f"{name} is corrupt (IHDR of {length} bytes)")
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ManifestError(f"{name} is corrupt (no IHDR chunk)")
    width, height, bit_depth, color_type, compression, filter_method, interlace = header
    if (bit_depth, color_type) != (8, 6):
        kind_name = _COLOR_TYPES.get(color_type, f"colour type {color_type}")
        raise ManifestError(
            f"{name} is a {bit_depth}-bit {kind_name} PNG; only 8-bit RGBA is supported "
            "(an alpha channel is required): re-export it as 8-bit RGBA, e.g. with manifest/draw_icons.py"
        )
    if interlace != 0:
        raise ManifestError(f"{name} is an interlaced PNG; only non-interlaced PNGs are supported")
    if compression != 0 or filter_method != 0:
        raise ManifestError(f"{name} uses an unknown PNG compression or filter method")
    if width == 0 or height == 0:
        raise ManifestError(f"{name} has no pixels")
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as exc:
        raise ManifestError(f"{name} is corrupt (image data: {exc})") from None
    return PngImage(width, height, _unfilter(raw, width, height, name))


def _unfilter(raw: bytes, width: int, height: int, name: str) -> bytes:
    """Undo the per-row PNG filters (None, Sub, Up, Average, Paeth) for 4 bytes per pixel."""
    bpp = 4
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ManifestError(f"{name} is corrupt (image data has the wrong length)")
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        filter_type = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if filter_type == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif filter_type == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif filter_type == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif filter_type == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        elif filter_type != 0:
            raise ManifestError(f"{name} is corrupt (unknown row filter {filter_type})")
        out += line
        prev = line
    return bytes(out)


def check_icon(path: Path, kind: Literal["color", "outline"]) -> list[str]:
    """Problems with one icon (empty list if fine): format, size and, for the outline, colours."""
    name = path.name
    try:
        image = read_png(path.read_bytes(), name)
    except OSError as exc:
        return [f"{name}: cannot read the {kind} icon: {exc}"]
    except ManifestError as exc:
        return [str(exc)]
    problems: list[str] = []
    size = ICON_SIZES[kind]
    if (image.width, image.height) != (size, size):
        problems.append(
            f"{name}: the {kind} icon must be {size}x{size} pixels, this one is {image.width}x{image.height}"
        )
    if kind == "outline":
        bad = 0
        first: tuple[int, int, tuple[int, int, int, int]] | None = None
        visible = 0
        for y in range(image.height):
            for x in range(image.width):
                r, g, b, a = image.pixel(x, y)
                if a == 0:
                    continue
                visible += 1
                if (r, g, b) != (255, 255, 255):
                    bad += 1
                    if first is None:
                        first = (x, y, (r, g, b, a))
        if first is not None:
            x, y, rgba = first
            problems.append(
                f"{name}: the outline icon must be white on a fully transparent background; "
                f"{bad} of {image.width * image.height} pixels are neither transparent nor white "
                f"(first at x={x}, y={y}: rgba{rgba})"
            )
        elif visible == 0:
            problems.append(f"{name}: the outline icon is fully transparent (nothing would show)")
    return problems


# --- offline schema validation -----------------------------------------------------------------


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
    """Run ``npm ci`` (from package-lock.json) when the validator's npm packages are missing."""
    if _installed_package_json(manifest_dir).is_file():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise ManifestError(
            f"npm is not installed: it is needed once to install {NODE_PACKAGE} "
            f"(run 'npm ci' in {manifest_dir} on a machine with Node.js 20.19+)"
        )
    try:
        proc = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=manifest_dir,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ManifestError(f"'npm ci' in {manifest_dir} took more than 10 minutes") from None
    if proc.returncode != 0 or not _installed_package_json(manifest_dir).is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-15:]
        raise ManifestError(f"'npm ci' in {manifest_dir} failed (exit {proc.returncode})", tail)


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
    try:
        from jsonschema import Draft7Validator, validators  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise ManifestError(
            "python package 'jsonschema' is needed to validate the localization file "
            "(the npm package cannot compile its schema)"
        ) from None
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


# --- building the package ----------------------------------------------------------------------


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in _TRUE


def _default_version() -> str:
    from bot import __version__

    return __version__


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

    version = env.get(ENV_APP_VERSION, "").strip() or _default_version()
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


@dataclass(frozen=True)
class BuildResult:
    """A built package and how each file in it was validated."""

    package: Path
    validations: tuple[FileValidation, ...]


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
    try:
        manifest = render_template(json.loads(template.read_text(encoding="utf-8")), values)
    except (OSError, json.JSONDecodeError) as exc:
        raise ManifestError(f"cannot read the manifest template {template}: {exc}") from None
    if not isinstance(manifest, dict):
        raise ManifestError(f"the manifest template {template} is not a JSON object")

    icons = manifest.get("icons")
    icons = icons if isinstance(icons, dict) else {}
    problems: list[str] = []
    members: dict[str, Path] = {}  # zip entry name -> source file
    kinds: tuple[Literal["color", "outline"], ...] = ("color", "outline")
    for kind in kinds:
        name = icons.get(kind)
        if not isinstance(name, str) or not name:
            continue  # the schema validation reports the missing property
        source = icons_dir / Path(name).name
        members[Path(name).name] = source
        if source.is_file():
            problems += check_icon(source, kind)
        else:
            problems.append(f"{name}: the {kind} icon is missing ({source})")
    loc_name = localization.name
    languages = (manifest.get("localizationInfo") or {}).get("additionalLanguages") or []
    loc_files = [lang.get("file") for lang in languages if isinstance(lang, dict)]
    if loc_files != [loc_name]:
        problems.append(
            f"localizationInfo.additionalLanguages must name exactly one file, {loc_name}; got {loc_files}"
        )

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="manifest-", dir=out_dir) as tmp:
        staging = Path(tmp)
        manifest_file = staging / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        loc_file = staging / loc_name
        try:
            loc_bytes = localization.read_bytes()
            loc_data = json.loads(loc_bytes.decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ManifestError(f"cannot read the localization file {localization}: {exc}") from None
        loc_file.write_bytes(loc_bytes)
        if isinstance(loc_data, dict):
            problems += _cross_check(manifest, loc_data, loc_name)

        validations = validate_files([manifest_file, loc_file], manifest_dir)
        for result in validations:
            problems += [f"{result.file.name}: {error}" for error in result.errors]
        if problems:
            raise ManifestError("the Teams app package is not valid", problems)

        package = out_dir / PACKAGE_NAME.format(version=values["VERSION"])
        partial = staging / package.name
        # Files at the zip's root, fixed timestamps: the same input gives the same zip.
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for arcname, source in [("manifest.json", manifest_file), (loc_name, loc_file), *members.items()]:
                info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, source.read_bytes())
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


def main(argv: list[str]) -> int:
    """CLI: ``build [--out DIR] [--local]``; prints the zip's path, returns the exit status."""
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
    try:
        args = parser.parse_args(argv)
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
