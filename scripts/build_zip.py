"""Build the installable plugin zip: twin_district_review.zip with one top folder.

Holds metadata.txt, __init__.py, plugin/, resources/, LICENSE and nothing else
(no tests, tooling, caches or sample data).
"""

import argparse
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.update_translations import release  # noqa: E402 (needs ROOT on the path)
PACKAGE = "twin_district_review"
TOP_FILES = ("metadata.txt", "__init__.py", "LICENSE")
TOP_DIRS = ("plugin", "resources")
SKIP_PARTS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts"}


def build_translations():
    """Compile resources/i18n/*.ts to .qm (the .qm is not committed; the zip ships it and
    not the .ts). Without lrelease the zip is English-only: say so rather than fail."""
    try:
        release()
    except RuntimeError as error:
        print("warning: {}; the zip will have no translations".format(error), file=sys.stderr)


def plugin_files():
    for name in TOP_FILES:
        yield ROOT / name
    for folder in TOP_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and not SKIP_PARTS & set(path.parts) and path.suffix not in SKIP_SUFFIXES:
                yield path


def build(out_path):
    build_translations()
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in plugin_files():
            zf.write(path, "{}/{}".format(PACKAGE, path.relative_to(ROOT).as_posix()))
    tmp.replace(out_path)
    return out_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "dist" / (PACKAGE + ".zip")))
    args = parser.parse_args(argv)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    print(build(args.out))


if __name__ == "__main__":
    sys.exit(main())
