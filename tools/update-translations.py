#!/usr/bin/env python3
"""Turns src/Web/Resources/translations.pt-BR.tsv (English key <TAB> Portuguese) into the .resx the app embeds.

English needs no file: a missing translation falls back to the key, which is the English text.
Run from the repository root: python3 tools/update-translations.py
"""
import pathlib
from xml.sax.saxutils import escape

SRC = pathlib.Path("src/Web/Resources/translations.pt-BR.tsv")
OUT = pathlib.Path("src/Web/Resources/Localization.SharedResource.pt-BR.resx")

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def main():
    entries = {}
    for number, line in enumerate(SRC.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, value = line.partition("\t")
        if not sep or not value:
            raise SystemExit(f"{SRC}:{number}: expected 'key<TAB>translation'")
        # Resource names are case-insensitive when compiled: "search" next to "Search" was silently dropped.
        if key.casefold() in (k.casefold() for k in entries):
            raise SystemExit(f"{SRC}:{number}: duplicate key {key!r} (keys differing only in case collide in .resx)")
        entries[key] = value
    body = "".join(
        f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(v)}</value></data>\n'
        for k, v in sorted(entries.items()))
    OUT.write_text(HEADER + body + "</root>\n", encoding="utf-8")
    print(f"{len(entries)} translations written to {OUT}")


if __name__ == "__main__":
    main()
