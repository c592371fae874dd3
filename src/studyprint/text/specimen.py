"""A one-page specimen of every script studyprint prints, with the font each run uses.

``studyprint fonts`` writes it so a teacher can check a printer (and the tests
check that nothing in it came out as a missing glyph).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from studyprint import palette
from studyprint.text.setter import TextStyle, paragraph, prepare

#: (script, language tag, sample line); the samples are our own sentences.
SAMPLES: tuple[tuple[str, str | None, str], ...] = (
    ("Latin", "fr", "Ça démarre: Ärger, señor, Łódź, Dvořák, Øresund, ﬁnal, São Tomé, Þór"),
    ("Greek", "el", "Η φωτοσύνθεση παράγει οξυγόνο· Ψ, Ω, λ, ΔG"),
    ("Cyrillic", "ru", "Фотосинтез даёт кислород и глюкозу"),
    ("Hebrew", "he", "הפוטוסינתזה מייצרת חמצן וסוכר"),
    ("Arabic", "ar", "التمثيل الضوئي ينتج الأكسجين والسكر"),
    ("Devanagari", "hi", "प्रकाश संश्लेषण से ऑक्सीजन बनती है"),
    ("Japanese", "ja", "光合成は酸素とブドウ糖を作ります。ひらがな、カタカナ"),
    ("Chinese (simplified)", "zh-Hans", "光合作用产生氧气和葡萄糖"),
    ("Chinese (traditional)", "zh-Hant", "光合作用產生氧氣和葡萄糖"),
    ("Korean", "ko", "광합성은 산소와 포도당을 만든다"),
    ("Symbols", None, "→ ≤ ≥ ≠ ∑ Δ √ ∞ ° ± ≈ × ÷ ₀₁₂₃ ⁰¹²³ ½ µ"),
    (
        "Markup",
        "en",
        "**bold**, *italic*, ***both***, H~2~O, E = mc^2^, <b>literal tags</b> & more",
    ),
)


def build_specimen(out: Path, family: str = "sans") -> None:
    """Write the specimen PDF to ``out`` (the caller makes the write atomic)."""
    doc = SimpleDocTemplate(
        str(out),
        invariant=1,
        title="studyprint font specimen",
        author="studyprint",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    label = TextStyle(size=8, color=palette.MUTED, family=family)
    body = TextStyle(size=15, leading=1.35, family=family)
    story: list[Paragraph | Spacer] = [
        paragraph("**Every script prints**", TextStyle(size=20, family=family)).flowable,
        Spacer(1, 4 * mm),
    ]
    for script, language, sample in SAMPLES:
        style = TextStyle(
            size=body.size, leading=body.leading, family=family, language=language, direction=None
        )
        faces = sorted({key for key, _ in prepare(sample, family, language).runs})
        story.append(paragraph(f"{script} · {', '.join(faces)}", label).flowable)
        story.append(paragraph(sample, style).flowable)
        story.append(Spacer(1, 3 * mm))
    doc.build(story)
