#!/usr/bin/env python3
"""Generates the seed catalogue's product illustrations (flat SVG drawings made for this project).

Run from the repository root: python3 tools/generate-product-art.py
The output goes to src/Web/wwwroot/img/products/<slug>.svg. The drawings are deliberately simple shapes so they are
small (a few hundred bytes), scale to any size and need no licence.
"""
import pathlib

OUT = pathlib.Path("src/Web/wwwroot/img/products")
BG = '<rect width="400" height="300" fill="{bg}"/>'


def svg(bg, body, label):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" role="img" aria-label="{label}">'
            + BG.format(bg=bg) + body + "</svg>\n")


ART = {
    "webcam-4k-ultra": ("#e8e3f5", '<rect x="110" y="90" width="180" height="90" rx="45" fill="#2d2d3a"/>'
                        '<circle cx="200" cy="135" r="32" fill="#11111a"/><circle cx="200" cy="135" r="18" fill="#4b6cb7"/>'
                        '<circle cx="192" cy="127" r="6" fill="#cfe0ff"/><rect x="185" y="180" width="30" height="40" fill="#2d2d3a"/>'
                        '<rect x="150" y="218" width="100" height="14" rx="7" fill="#2d2d3a"/><circle cx="258" cy="110" r="5" fill="#3ddc84"/>', "Webcam"),
    "camera-dslr-pro": ("#f5efe3", '<rect x="95" y="95" width="210" height="130" rx="16" fill="#26262e"/>'
                        '<rect x="140" y="75" width="70" height="30" rx="6" fill="#26262e"/><circle cx="200" cy="160" r="52" fill="#3a3a46"/>'
                        '<circle cx="200" cy="160" r="36" fill="#12121a"/><circle cx="200" cy="160" r="20" fill="#5a4bb7"/>'
                        '<circle cx="275" cy="115" r="8" fill="#e04848"/>', "DSLR camera"),
    "action-cam-go": ("#e3f1f5", '<rect x="130" y="90" width="140" height="120" rx="18" fill="#1f2a33"/>'
                      '<circle cx="170" cy="150" r="30" fill="#0d1419"/><circle cx="170" cy="150" r="16" fill="#2e86c1"/>'
                      '<rect x="215" y="115" width="40" height="26" rx="4" fill="#7fb3d5"/><rect x="150" y="70" width="30" height="20" rx="4" fill="#e67e22"/>', "Action camera"),
    "headphone-bluetooth-anc": ("#f5e3ea", '<path d="M120 180 V150 a80 80 0 0 1 160 0 V180" fill="none" stroke="#2b2b36" stroke-width="18"/>'
                                '<rect x="95" y="165" width="50" height="80" rx="20" fill="#2b2b36"/><rect x="255" y="165" width="50" height="80" rx="20" fill="#2b2b36"/>'
                                '<rect x="105" y="180" width="30" height="50" rx="12" fill="#b03a6f"/><rect x="265" y="180" width="30" height="50" rx="12" fill="#b03a6f"/>', "Headphones"),
    "microfone-lapela-sem-fio": ("#e9f5e3", '<rect x="110" y="100" width="70" height="100" rx="14" fill="#2a2a2a"/>'
                                 '<rect x="220" y="100" width="70" height="100" rx="14" fill="#2a2a2a"/><circle cx="145" cy="130" r="14" fill="#555"/>'
                                 '<circle cx="255" cy="130" r="14" fill="#555"/><rect x="130" y="170" width="30" height="6" rx="3" fill="#3ddc84"/>'
                                 '<rect x="240" y="170" width="30" height="6" rx="3" fill="#3ddc84"/><rect x="165" y="225" width="70" height="30" rx="8" fill="#444"/>', "Wireless lapel microphones"),
    "microfone-condensador-usb": ("#e3e8f5", '<rect x="165" y="60" width="70" height="130" rx="35" fill="#3b3b48"/>'
                                  '<g stroke="#8892b0" stroke-width="3"><line x1="175" y1="90" x2="225" y2="90"/><line x1="172" y1="110" x2="228" y2="110"/><line x1="172" y1="130" x2="228" y2="130"/><line x1="175" y1="150" x2="225" y2="150"/></g>'
                                  '<rect x="192" y="190" width="16" height="45" fill="#3b3b48"/><rect x="140" y="232" width="120" height="16" rx="8" fill="#3b3b48"/>', "USB condenser microphone"),
    "caixa-som-portatil": ("#f5f1e3", '<rect x="100" y="100" width="200" height="110" rx="55" fill="#1e4d6b"/>'
                           '<circle cx="155" cy="155" r="32" fill="#163a51"/><circle cx="245" cy="155" r="32" fill="#163a51"/>'
                           '<circle cx="155" cy="155" r="12" fill="#5dade2"/><circle cx="245" cy="155" r="12" fill="#5dade2"/>', "Portable speaker"),
    "notebook-creator-16": ("#ece3f5", '<rect x="95" y="70" width="210" height="135" rx="8" fill="#2c2c38"/>'
                            '<rect x="107" y="82" width="186" height="111" fill="#6c5ce7"/><path d="M107 193 L170 130 L215 165 L293 100 V193 Z" fill="#a29bfe"/>'
                            '<path d="M70 215 H330 L315 232 H85 Z" fill="#3d3d4d"/>', "Creator notebook"),
    "notebook-ultrafino-14": ("#e3f5f3", '<rect x="110" y="80" width="180" height="115" rx="8" fill="#b8c2cc"/>'
                              '<rect x="120" y="90" width="160" height="95" fill="#1abc9c"/><circle cx="200" cy="137" r="20" fill="#d1f2eb"/>'
                              '<path d="M85 203 H315 L303 216 H97 Z" fill="#95a5a6"/>', "Ultrabook"),
    "smartphone-x12": ("#f5e8e3", '<rect x="150" y="50" width="100" height="200" rx="18" fill="#1c1c24"/>'
                       '<rect x="158" y="66" width="84" height="168" rx="8" fill="#e17055"/><circle cx="200" cy="58" r="3" fill="#555"/>'
                       '<rect x="170" y="200" width="60" height="8" rx="4" fill="#fab1a0"/>', "Smartphone"),
    "monitor-27-4k": ("#e3edf5", '<rect x="80" y="60" width="240" height="150" rx="8" fill="#23232d"/>'
                      '<rect x="90" y="70" width="220" height="130" fill="#0984e3"/><path d="M90 200 L160 140 L205 175 L250 130 L310 200 Z" fill="#74b9ff"/>'
                      '<rect x="190" y="210" width="20" height="30" fill="#23232d"/><rect x="150" y="238" width="100" height="12" rx="6" fill="#23232d"/>', "4K monitor"),
    "stream-deck-15": ("#efe3f5", '<rect x="90" y="80" width="220" height="150" rx="18" fill="#1d1d26"/>'
                       + "".join(f'<rect x="{108 + c * 39}" y="{98 + r * 40}" width="30" height="30" rx="5" fill="{col}"/>'
                                 for r, row in enumerate([["#e84393", "#0984e3", "#00b894", "#fdcb6e", "#6c5ce7"],
                                                          ["#d63031", "#00cec9", "#e17055", "#a29bfe", "#55efc4"],
                                                          ["#fd79a8", "#74b9ff", "#ffeaa7", "#81ecec", "#fab1a0"]])
                                 for c, col in enumerate(row)), "Stream deck"),
    "placa-captura-4k": ("#e3f5e8", '<rect x="100" y="110" width="200" height="80" rx="12" fill="#2d3436"/>'
                         '<rect x="115" y="125" width="120" height="8" rx="4" fill="#00b894"/><rect x="300" y="135" width="26" height="14" fill="#636e72"/>'
                         '<rect x="74" y="135" width="26" height="14" fill="#636e72"/><circle cx="270" cy="150" r="8" fill="#d63031"/>', "Capture card"),
    "ring-light-18": ("#f5f5e3", '<circle cx="200" cy="120" r="75" fill="none" stroke="#fff7d6" stroke-width="22"/>'
                      '<circle cx="200" cy="120" r="75" fill="none" stroke="#f1c40f" stroke-width="4"/><rect x="185" y="100" width="30" height="50" rx="5" fill="#2d3436"/>'
                      '<rect x="196" y="195" width="8" height="70" fill="#2d3436"/><path d="M160 275 L200 255 L240 275" fill="none" stroke="#2d3436" stroke-width="8"/>', "Ring light"),
    "braco-articulado-mic": ("#e8e8ee", '<path d="M110 250 L160 160 L250 110" fill="none" stroke="#2d3436" stroke-width="12" stroke-linecap="round"/>'
                             '<circle cx="160" cy="160" r="10" fill="#636e72"/><rect x="245" y="80" width="40" height="70" rx="20" fill="#636e72"/>'
                             '<rect x="90" y="245" width="45" height="20" rx="4" fill="#2d3436"/>', "Microphone boom arm"),
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, (bg, body, label) in ART.items():
        (OUT / f"{slug}.svg").write_text(svg(bg, body, label), encoding="utf-8")
    placeholder = svg("#f3f0fa", '<path d="M150 200 L185 150 L210 180 L230 160 L260 200 Z" fill="#c9bfe6"/>'
                                 '<circle cx="180" cy="120" r="14" fill="#c9bfe6"/>', "No picture")
    (OUT.parent / "placeholder.svg").write_text(placeholder, encoding="utf-8")
    print(f"wrote {len(ART)} illustrations to {OUT}")


if __name__ == "__main__":
    main()
