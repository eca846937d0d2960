"""Fetch the vendored front-end assets from the npm registry and verify them.

    python scripts/vendor_static.py           # verify the committed files against assets.json
    python scripts/vendor_static.py --fetch   # download with `npm pack`, check integrity, copy

Government networks are often offline, so the app never loads anything from a CDN: every asset is
committed under liuhen/static/vendor/ at the version pinned in assets.json.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "liuhen" / "static" / "vendor"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(manifest: dict) -> list[str]:
    problems = []
    for asset in manifest["assets"]:
        for item in asset["files"]:
            target = VENDOR / item["to"]
            if not target.exists():
                problems.append(f"{target}: missing")
            elif _sha256(target) != item["sha256"]:
                problems.append(f"{target}: sha256 differs from assets.json")
    return problems


def fetch(manifest: dict) -> None:
    for asset in manifest["assets"]:
        spec = f"{asset['package']}@{asset['version']}"
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(  # noqa: S603 - fixed argv, no shell
                ["npm", "pack", spec, "--silent"],  # noqa: S607
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            )
            tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
            algorithm, expected = asset["registry_integrity"].split("-", 1)
            actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest())
            if actual.decode() != expected:
                sys.exit(f"{spec}: registry integrity mismatch")
            with tarfile.open(tarball) as archive:
                for item in asset["files"]:
                    member = archive.extractfile(item["from"])
                    if member is None:
                        sys.exit(f"{spec}: {item['from']} not in the package")
                    target = VENDOR / item["to"]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(member.read())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetch", action="store_true")
    args = parser.parse_args()
    manifest = json.loads((VENDOR / "assets.json").read_text(encoding="utf-8"))
    if args.fetch:
        fetch(manifest)
    problems = verify(manifest)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
