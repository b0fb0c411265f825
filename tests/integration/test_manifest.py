"""Integration tests of the Teams app package build (manifest/build.py, icons.py, validation.py).

These run the real offline validator: Node with ``@microsoft/app-manifest`` (``npm ci`` runs
once from manifest/package-lock.json if manifest/node_modules is missing, from npm's cache if
it has the packages; nothing else goes to the network). When the registry cannot be reached
and the cache does not have the packages, the tests that need the validator are skipped with
that reason. Test PNGs are written with a tiny encoder here, so Pillow is not needed.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import __version__
from bot.domain.commands import parse
from manifest import ManifestError
from manifest.build import (
    ICONS_DIR,
    LOCALIZATION,
    TEMPLATE,
    ZERO_GUID,
    build_package,
    build_package_report,
    main,
    placeholder_values,
)
from manifest.icons import check_icon, read_png
from manifest.validation import NpmUnavailableError, ensure_node_modules

APP_ID = "6f1c2b7e-3d4a-4b8e-9c21-0a5e7d93f4b2"
DOMAIN = "servicefonster.example.se"
ENV = {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN}

PERSONAL_TITLES_SV = [
    "hjälp",
    "nytt fönster",
    "fönster",
    "meddela",
    "starta incheckning",
    "status",
    "sammanställ",
    "testa om",
    "klart",
    "ersättare",
]
TEAM_TITLES_SV = [
    "leverantörskanal",
    "lokal klar",
    "citrix klar",
    "klartecken",
    "vi rättar",
    "rättat",
    "rullar tillbaka",
    "status",
    "hjälp",
]
PERSONAL_TITLES_EN = [
    "help",
    "new window",
    "windows",
    "announce",
    "start check-in",
    "status",
    "summary",
    "retest",
    "all clear",
    "substitute",
]
TEAM_TITLES_EN = [
    "supplier channel",
    "local ready",
    "citrix ready",
    "go",
    "we fix",
    "fixed",
    "roll back",
    "status",
    "help",
]

Pixel = tuple[int, int, int, int]


@pytest.fixture(scope="module")
def node_validator() -> None:
    """Install the validator's npm packages once, or skip if npm can get them from nowhere.

    Only that case skips: a missing Node.js or npm, or any other npm failure, fails the tests.
    """
    try:
        ensure_node_modules()
    except NpmUnavailableError as exc:
        pytest.skip(
            f"the npm registry cannot be reached ({exc.npm_error}) and npm's cache does not have the "
            "packages of manifest/package-lock.json, so the official-schema validator cannot run"
        )


# --- helpers ---------------------------------------------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _filter_row(line: bytes, prev: bytes, filter_type: int, bpp: int) -> bytes:
    out = bytearray()
    for i, value in enumerate(line):
        left = line[i - bpp] if i >= bpp else 0
        up = prev[i]
        up_left = prev[i - bpp] if i >= bpp else 0
        predictor = [0, left, up, (left + up) >> 1, _paeth(left, up, up_left)][filter_type]
        out.append((value - predictor) & 0xFF)
    return bytes(out)


def encode_png(
    width: int,
    height: int,
    pixel: Callable[[int, int], Pixel],
    *,
    color_type: int = 6,
    interlace: int = 0,
    filters: tuple[int, ...] = (0,),
) -> bytes:
    """A minimal PNG encoder (8-bit RGBA or RGB) cycling through the given row filters."""
    channels = 4 if color_type == 6 else 3
    rows = bytearray()
    prev = bytes(width * channels)
    for y in range(height):
        line = bytes(c for x in range(width) for c in pixel(x, y)[:channels])
        filter_type = filters[y % len(filters)]
        rows += bytes([filter_type]) + _filter_row(line, prev, filter_type, channels)
        prev = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, interlace)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def _solid(rgba: Pixel) -> Callable[[int, int], Pixel]:
    """Every pixel the same colour."""
    return lambda _x, _y: rgba


def _white_check(x: int, y: int) -> Pixel:
    """A white diagonal on transparent: a valid outline drawing."""
    return (255, 255, 255, 255) if abs(x - y) <= 1 else (255, 255, 255, 0)


def _load_template() -> dict[str, Any]:
    data = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _build_error(tmp_path: Path, **kwargs: Any) -> ManifestError:
    with pytest.raises(ManifestError) as info:
        build_package_report(tmp_path / "out", kwargs.pop("env", ENV), **kwargs)
    return info.value


def _icons_dir(tmp_path: Path, *, color: bytes | None = None, outline: bytes | None = None) -> Path:
    icons = tmp_path / "icons"
    icons.mkdir()
    (icons / "color.png").write_bytes(color if color is not None else (ICONS_DIR / "color.png").read_bytes())
    (icons / "outline.png").write_bytes(
        outline if outline is not None else (ICONS_DIR / "outline.png").read_bytes()
    )
    return icons


# --- the package -----------------------------------------------------------------------------


@pytest.mark.usefixtures("node_validator")
def test_build_package_writes_zip_with_filled_manifest_and_icons(tmp_path: Path) -> None:
    package = build_package(tmp_path, ENV)

    assert package == tmp_path / f"servicewindow-teams-app-{__version__}.zip"
    with zipfile.ZipFile(package) as zf:
        assert sorted(zf.namelist()) == ["color.png", "en-us.json", "manifest.json", "outline.png"]
        manifest_text = zf.read("manifest.json").decode("utf-8")
        localization = json.loads(zf.read("en-us.json"))
        assert zf.read("color.png") == (ICONS_DIR / "color.png").read_bytes()
        assert zf.read("outline.png") == (ICONS_DIR / "outline.png").read_bytes()
        assert zf.read("en-us.json") == LOCALIZATION.read_bytes()
    assert "{{" not in manifest_text
    manifest = json.loads(manifest_text)
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["$schema"].endswith("/teams/v1.22/MicrosoftTeams.schema.json")
    assert manifest["version"] == __version__
    assert manifest["id"] == APP_ID
    assert manifest["validDomains"] == [DOMAIN]
    developer = manifest["developer"]
    assert developer["name"] == "Vellinge kommun, Omsorg"
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert developer[key].startswith(f"https://{DOMAIN}/")
    assert manifest["localizationInfo"] == {
        "defaultLanguageTag": "sv-SE",
        "additionalLanguages": [{"languageTag": "en-us", "file": "en-us.json"}],
    }
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    (bot,) = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert bot["scopes"] == ["personal", "team"]
    assert bot["supportsFiles"] is False
    assert bot["isNotificationOnly"] is False
    personal, team = bot["commandLists"]
    assert personal["scopes"] == ["personal"]
    assert [c["title"] for c in personal["commands"]] == PERSONAL_TITLES_SV
    assert team["scopes"] == ["team"]
    assert [c["title"] for c in team["commands"]] == TEAM_TITLES_SV
    assert localization["name.short"] == "Service Window"
    for li, titles in enumerate((PERSONAL_TITLES_EN, TEAM_TITLES_EN)):
        for ci, title in enumerate(titles):
            assert localization[f"bots[0].commandLists[{li}].commands[{ci}].title"] == title
            assert localization[f"bots[0].commandLists[{li}].commands[{ci}].description"]


def test_every_menu_command_is_understood_by_the_bot() -> None:
    """A command offered in the Teams menu must be one the bot's parser knows, in both languages."""
    template = _load_template()
    localization = json.loads(LOCALIZATION.read_text(encoding="utf-8"))
    for li, command_list in enumerate(template["bots"][0]["commandLists"]):
        for ci, command in enumerate(command_list["commands"]):
            english = localization[f"bots[0].commandLists[{li}].commands[{ci}].title"]
            swedish_parsed, english_parsed = parse(command["title"]), parse(english)
            assert swedish_parsed is not None, command["title"]
            assert swedish_parsed.args == "", command["title"]
            assert english_parsed is not None, english
            assert english_parsed.args == "", english
            assert swedish_parsed.command == english_parsed.command, (command["title"], english)


@pytest.mark.usefixtures("node_validator")
def test_manifest_and_localization_validate_against_official_schema_with_zero_errors(
    tmp_path: Path,
) -> None:
    result = build_package_report(tmp_path, ENV)

    by_name = {v.file.name: v for v in result.validations}
    assert set(by_name) == {"manifest.json", "en-us.json"}
    for validation in result.validations:
        assert validation.errors == ()
        assert "/teams/v1.22/" in validation.schema
    assert "@microsoft/app-manifest@1.1.2" in by_name["manifest.json"].validator
    assert "AppManifestUtils.validateAgainstSchema" in by_name["manifest.json"].validator
    # The package's ajv cannot compile the v1.22 localization schema; the same bundled file is
    # then used with jsonschema (if a later package fixes that, its own validator is fine too).
    localization = by_name["en-us.json"]
    assert "MicrosoftTeams.Localization.schema.json" in localization.validator or (
        "@microsoft/app-manifest" in localization.validator
    )


@pytest.mark.usefixtures("node_validator")
def test_local_package_uses_zero_guid_and_localhost(tmp_path: Path) -> None:
    package = build_package(tmp_path, {}, local=True)

    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["id"] == ZERO_GUID
    assert manifest["bots"][0]["botId"] == ZERO_GUID
    assert manifest["validDomains"] == ["localhost"]


@pytest.mark.usefixtures("node_validator")
def test_cli_build_prints_zip_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MicrosoftAppId", APP_ID)
    monkeypatch.setenv("BOT_DOMAIN", DOMAIN)
    monkeypatch.setenv("BOT_APP_VERSION", "2.3.4")
    monkeypatch.delenv("BOT_DEVELOPER_NAME", raising=False)

    assert main(["build", "--out", str(tmp_path)]) == 0

    out = capsys.readouterr().out.strip()
    assert out == str(tmp_path / "servicewindow-teams-app-2.3.4.zip")
    assert Path(out).is_file()


def test_cli_build_reports_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MicrosoftAppId", raising=False)
    monkeypatch.delenv("BOT_DOMAIN", raising=False)
    monkeypatch.delenv("BOT_LOCAL", raising=False)

    assert main(["build", "--out", str(tmp_path)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert "MicrosoftAppId is not set" in captured.err
    assert "BOT_DOMAIN is not set" in captured.err
    assert not list(tmp_path.glob("*.zip"))


# --- placeholders ----------------------------------------------------------------------------


def test_app_id_and_domain_are_required_outside_local_mode() -> None:
    with pytest.raises(ManifestError) as info:
        placeholder_values({})
    assert any("MicrosoftAppId is not set" in m for m in info.value.messages)
    assert any("BOT_DOMAIN is not set" in m for m in info.value.messages)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"MicrosoftAppId": "not-a-guid", "BOT_DOMAIN": DOMAIN}, "MicrosoftAppId must be a GUID"),
        ({"MicrosoftAppId": ZERO_GUID, "BOT_DOMAIN": DOMAIN}, "zero GUID"),
        ({"MicrosoftAppId": APP_ID, "BOT_DOMAIN": f"https://{DOMAIN}/"}, "bare host name"),
        ({**ENV, "BOT_APP_VERSION": "1.0"}, "BOT_APP_VERSION must be a version"),
    ],
)
def test_bad_placeholder_values_are_rejected(env: dict[str, str], expected: str) -> None:
    with pytest.raises(ManifestError) as info:
        placeholder_values(env)
    assert any(expected in m for m in info.value.messages), info.value.messages


# --- broken manifests are rejected with the validator's message ------------------------------


@pytest.mark.usefixtures("node_validator")
@pytest.mark.parametrize("count", [11, 13])
def test_command_list_over_the_schema_limit_is_rejected(tmp_path: Path, count: int) -> None:
    template = _load_template()
    commands = template["bots"][0]["commandLists"][0]["commands"]
    commands += [{"title": f"extra {i}", "description": "Extra."} for i in range(count - len(commands))]
    assert len(commands) == count

    error = _build_error(tmp_path, template=_write_json(tmp_path / "manifest.template.json", template))

    # ajv's message, as returned by AppManifestUtils.validateAgainstSchema (v1.22 allows 10).
    assert "manifest.json: /bots/0/commandLists/0/commands must NOT have more than 10 items" in "\n".join(
        error.messages
    )
    assert not list((tmp_path / "out").glob("*.zip"))


@pytest.mark.usefixtures("node_validator")
def test_missing_required_field_is_rejected(tmp_path: Path) -> None:
    template = _load_template()
    del template["accentColor"]

    error = _build_error(tmp_path, template=_write_json(tmp_path / "manifest.template.json", template))

    assert any("must have required property 'accentColor'" in m for m in error.messages), error.messages


@pytest.mark.usefixtures("node_validator")
def test_too_long_developer_name_is_rejected_by_the_schema(tmp_path: Path) -> None:
    env = {**ENV, "BOT_DEVELOPER_NAME": "Vellinge kommun, Omsorgsavdelningen"}

    error = _build_error(tmp_path, env=env)

    assert "manifest.json: /developer/name must NOT have more than 32 characters" in "\n".join(error.messages)


@pytest.mark.usefixtures("node_validator")
def test_broken_localization_file_is_rejected(tmp_path: Path) -> None:
    localization = json.loads(LOCALIZATION.read_text(encoding="utf-8"))
    localization["name.short"] = "A service window bot name that is too long"
    localization["description.full"] = ""

    error = _build_error(tmp_path, localization=_write_json(tmp_path / "en-us.json", localization))

    text = "\n".join(error.messages)
    assert "en-us.json:" in text
    assert "name.short" in text
    assert "description.full" in text


@pytest.mark.usefixtures("node_validator")
def test_localized_command_that_does_not_exist_is_rejected(tmp_path: Path) -> None:
    localization = json.loads(LOCALIZATION.read_text(encoding="utf-8"))
    localization["bots[0].commandLists[1].commands[12].title"] = "ghost"

    error = _build_error(tmp_path, localization=_write_json(tmp_path / "en-us.json", localization))

    assert any("commands[12].title translates a command" in m for m in error.messages), error.messages


# --- icons -----------------------------------------------------------------------------------


def test_shipped_icons_pass_the_checks() -> None:
    assert check_icon(ICONS_DIR / "color.png", "color") == []
    assert check_icon(ICONS_DIR / "outline.png", "outline") == []
    color = read_png((ICONS_DIR / "color.png").read_bytes())
    assert (color.width, color.height) == (192, 192)
    assert color.pixel(0, 0)[3] == 255  # opaque background
    outline = read_png((ICONS_DIR / "outline.png").read_bytes())
    alphas = {outline.pixel(x, y)[3] for y in range(32) for x in range(32)}
    assert 0 in alphas
    assert 255 in alphas


def test_png_reader_undoes_every_row_filter() -> None:
    def pixel(x: int, y: int) -> Pixel:
        return ((x * 37 + y) % 256, (y * 91) % 256, (x * y) % 256, (x + 3 * y) % 256)

    data = encode_png(19, 15, pixel, filters=(0, 1, 2, 3, 4))

    image = read_png(data)
    assert (image.width, image.height) == (19, 15)
    assert all(image.pixel(x, y) == pixel(x, y) for y in range(15) for x in range(19))


def test_non_transparent_outline_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "outline.png"
    path.write_bytes(encode_png(32, 32, _solid((10, 78, 140, 255))))

    (problem,) = check_icon(path, "outline")

    assert "white on a fully transparent background" in problem
    assert "1024 of 1024 pixels" in problem


def test_coloured_pixel_in_outline_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "outline.png"
    path.write_bytes(
        encode_png(32, 32, lambda x, y: (200, 200, 200, 128) if (x, y) == (5, 7) else _white_check(x, y))
    )

    (problem,) = check_icon(path, "outline")

    assert "1 of 1024 pixels" in problem
    assert "x=5, y=7" in problem


def test_outline_without_alpha_channel_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "outline.png"
    path.write_bytes(encode_png(32, 32, _solid((255, 255, 255, 255)), color_type=2))

    (problem,) = check_icon(path, "outline")

    assert "8-bit RGB PNG" in problem
    assert "only 8-bit RGBA is supported" in problem


def test_interlaced_png_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "outline.png"
    path.write_bytes(encode_png(32, 32, _white_check, interlace=1))

    (problem,) = check_icon(path, "outline")

    assert "interlaced" in problem


def test_fully_transparent_outline_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "outline.png"
    path.write_bytes(encode_png(32, 32, _solid((0, 0, 0, 0))))

    (problem,) = check_icon(path, "outline")

    assert "fully transparent" in problem


@pytest.mark.parametrize(
    ("kind", "size", "expected"),
    [("color", 100, "must be 192x192 pixels, this one is 100x100"), ("outline", 48, "must be 32x32")],
)
def test_icon_of_wrong_size_is_rejected(tmp_path: Path, kind: str, size: int, expected: str) -> None:
    path = tmp_path / f"{kind}.png"
    path.write_bytes(encode_png(size, size, _white_check))

    problems = check_icon(path, "color" if kind == "color" else "outline")

    assert any(expected in p for p in problems), problems


@pytest.mark.usefixtures("node_validator")
def test_build_rejects_bad_icons_with_all_problems(tmp_path: Path) -> None:
    icons = _icons_dir(
        tmp_path,
        color=encode_png(100, 100, _solid((10, 78, 140, 255))),
        outline=encode_png(32, 32, _solid((10, 78, 140, 255))),
    )

    error = _build_error(tmp_path, icons_dir=icons)

    text = "\n".join(error.messages)
    assert "color.png: the color icon must be 192x192 pixels" in text
    assert "outline.png: the outline icon must be white on a fully transparent background" in text
    assert not list((tmp_path / "out").glob("*.zip"))


@pytest.mark.usefixtures("node_validator")
def test_build_accepts_other_valid_icons(tmp_path: Path) -> None:
    icons = _icons_dir(tmp_path, outline=encode_png(32, 32, _white_check, filters=(4,)))

    package = build_package_report(tmp_path / "out", ENV, icons_dir=icons).package

    with zipfile.ZipFile(package) as zf:
        assert zf.read("outline.png") == (icons / "outline.png").read_bytes()
