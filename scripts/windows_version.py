"""The Windows version resource of the executable: what Explorer shows under Properties > Details
(product, description, version, publisher, licence) and what software inventories read.

PyInstaller's version-resource module loads only on Windows, so build.spec calls this there."""

from __future__ import annotations

from typing import Any


def file_version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a version resource: 0.1.0 -> (0, 1, 0, 0); non-numeric parts stop it."""
    parts: list[int] = []
    for part in version.split(".")[:4]:
        if not part.isdigit():
            break
        parts.append(int(part))
    padded = parts + [0] * (4 - len(parts))
    return padded[0], padded[1], padded[2], padded[3]


def version_info(version: str) -> Any:
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = file_version_numbers(version)
    strings = {
        "CompanyName": "LegPain",
        "FileDescription": "LegPain Desktop - offline reference on pain at the back of the leg",
        "FileVersion": version,
        "InternalName": "legpain-desktop",
        "LegalCopyright": "MIT licence. A reference, not a substitute for clinical judgement.",
        "OriginalFilename": "legpain-desktop.exe",
        "ProductName": "LegPain Desktop",
        "ProductVersion": version,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo([StringTable("040904B0", [StringStruct(k, v) for k, v in strings.items()])]),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),  # US English, Unicode
        ],
    )
