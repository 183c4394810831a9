"""Make the bundled Chinese font subset (assets/fonts/NotoSansSC-Annals.otf).

Input:  Noto Sans CJK SC Regular from Debian's `fonts-noto-cjk` package
        (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc), the bundled dataset
        (every file under data/china-russia, briefings included, read as UTF-8 text) and the
        interface's message files (every file under assets/i18n).
Output: every character of GB 2312 (the 6,763 common simplified hanzi plus its symbols),
        CJK punctuation and full-width forms, and every character the bundled dataset or the
        message files use beyond those (rarer simplified hanzi such as 镕, traditional forms in source titles);
        nothing below U+2000 (Latin and Cyrillic come from egui's own fonts, which stay first
        in every family).

Development-time only: the subset is committed, so neither the build nor CI needs this.
Run from the repository root after changing the dataset (tests/fonts.rs fails when the
dataset or a message uses a character no installed font has):
    apt-get install fonts-noto-cjk && pip install fonttools
    python3 assets/fonts/tools/make_font_subset.py [DATASET_FOLDER ...]
With no folder given, data/china-russia is read. The message files are always read.
"""

import pathlib
import subprocess
import sys
import tempfile

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUTPUT = "assets/fonts/NotoSansSC-Annals.otf"
DATASETS = ["data/china-russia"]
# The window's words in every language (tests/fonts.rs checks them too).
MESSAGES = "assets/i18n"


def gb2312_chars():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def dataset_chars(folders):
    """Every character of every file under the given folders."""
    chars = set()
    for folder in folders:
        files = [p for p in sorted(pathlib.Path(folder).rglob("*")) if p.is_file()]
        if not files:
            sys.exit(f"no files in {folder} (run from the repository root)")
        for path in files:
            chars.update(path.read_text(encoding="utf-8"))
    return chars


def font_number_of_sc():
    from fontTools.ttLib import TTCollection

    for i, font in enumerate(TTCollection(SOURCE).fonts):
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return i
    sys.exit("Noto Sans CJK SC not found in " + SOURCE)


def main():
    chars = gb2312_chars()
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    base = {c for c in chars if ord(c) > 0x2000}
    chars.update(dataset_chars(sys.argv[1:] or DATASETS))
    chars.update(dataset_chars([MESSAGES]))
    chars = sorted(c for c in chars if ord(c) > 0x2000)  # leave Latin/Cyrillic to egui's fonts
    added = [c for c in chars if c not in base]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("".join(chars))
        text_file = f.name
    subprocess.run(
        [
            "pyftsubset", SOURCE,
            f"--font-number={font_number_of_sc()}",
            f"--text-file={text_file}",
            "--layout-features=*",
            "--no-hinting",
            f"--output-file={OUTPUT}",
        ],
        check=True,
    )
    pathlib.Path(text_file).unlink()
    print(f"{len(chars)} characters -> {OUTPUT}")
    print(f"from the dataset beyond GB 2312 and punctuation: {' '.join(added) or 'none'}")


if __name__ == "__main__":
    main()
