"""Make the bundled Chinese font subset (assets/fonts/NotoSansSC-Annals.otf).

Input:  Noto Sans CJK SC Regular from Debian's `fonts-noto-cjk` package
        (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc).
Output: every character of GB 2312 (the 6,763 common simplified hanzi plus its symbols),
        CJK punctuation and full-width forms; nothing else (Latin and Cyrillic come from
        egui's own fonts, which stay first in every family).

Run from the repository root:
    apt-get install fonts-noto-cjk && pip install fonttools
    python3 assets/fonts/tools/make_font_subset.py
"""

import subprocess
import sys
import tempfile

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUTPUT = "assets/fonts/NotoSansSC-Annals.otf"


def gb2312_chars():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
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
    chars = sorted(c for c in chars if ord(c) > 0x2000)  # leave Latin/Cyrillic to egui's fonts
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
    print(f"{len(chars)} characters -> {OUTPUT}")


if __name__ == "__main__":
    main()
