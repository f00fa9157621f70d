"""Copy the third-party front-end files we serve from node_modules/ into static/vendor/.

Run ``npm ci`` first (package.json pins the versions), then ``python scripts/copy_assets.py``.
Only the listed files are copied, so static/ (and collectstatic) holds nothing we do not serve;
static/vendor/ is git-ignored: third-party files are never committed.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

# (source under node_modules, destination under static/vendor). Each file's source map
# (``<file>.map``) is copied beside it when the package ships one: the manifest storage of
# collectstatic follows sourceMappingURL comments and fails on a missing map.
FILES = [
    ("bootstrap/dist/css/bootstrap.min.css", "bootstrap/bootstrap.min.css"),
    ("bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/bootstrap.bundle.min.js"),
    ("bootstrap-icons/font/bootstrap-icons.min.css", "bootstrap-icons/bootstrap-icons.min.css"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("echarts/dist/echarts.min.js", "echarts/echarts.min.js"),
    (
        "tom-select/dist/css/tom-select.bootstrap5.min.css",
        "tom-select/tom-select.bootstrap5.min.css",
    ),
    ("tom-select/dist/js/tom-select.complete.min.js", "tom-select/tom-select.complete.min.js"),
]
# Folders copied whole: the icon font files the icon stylesheet refers to as fonts/….
FOLDERS = [("bootstrap-icons/font/fonts", "bootstrap-icons/fonts")]


def fail(message: str) -> None:
    print(f"copy_assets: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    if not NODE_MODULES.is_dir():
        fail(f"{NODE_MODULES} is missing. Run `npm ci` in {ROOT} first.")
    missing = [src for src, _ in FILES if not (NODE_MODULES / src).is_file()]
    missing += [src for src, _ in FOLDERS if not (NODE_MODULES / src).is_dir()]
    if missing:
        fail(
            "these files are missing from node_modules (run `npm ci` again): " + ", ".join(missing)
        )
    if VENDOR.exists():
        shutil.rmtree(VENDOR)  # no stale files of an older version linger
    copied = 0
    for src, dest in FILES:
        pairs = [(NODE_MODULES / src, VENDOR / dest)]
        source_map = NODE_MODULES / f"{src}.map"
        if source_map.is_file():
            pairs.append((source_map, VENDOR / f"{dest}.map"))
        for source, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied += 1
    for src, dest in FOLDERS:
        shutil.copytree(NODE_MODULES / src, VENDOR / dest)
        copied += sum(1 for p in (VENDOR / dest).rglob("*") if p.is_file())
    print(f"copy_assets: {copied} files copied into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
