"""Weights and heights as people type them, and the weight-loss figures of the guidance.

Pure parsing and arithmetic for the weight-target helper (actions/weight_target.py); no
Rasa import. The percentages and the pace are those of content/weight_loss_target.yml
(AASLD 2023, EASL-EASD-EASO 2024) and content/lean_masld.yml (3 to 5% when lean).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Optional

KG_PER_LB = 0.45359237
LB_PER_STONE = 14
M_PER_INCH = 0.0254
# Outside these an adult's weight or height is a typo or a joke: ask again, never compute.
MIN_KG, MAX_KG = 30.0, 300.0
MIN_M, MAX_M = 1.2, 2.3
# A bare number: under this it reads as kilograms, from it as pounds (the result says
# which, so the user can correct it).
BARE_POUNDS_FROM = 100
# Lean: BMI under 25 (content/lean_masld.yml; 23 for Asian people, which the note says).
LEAN_BMI = 25.0

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_POUNDS = r"(?:lbs?|pounds?|#)"
_STONE = re.compile(rf"{_NUMBER}\s*(?:st|stones?)\b\.?(?:\s*(?:and\s*)?{_NUMBER}\s*(?:{_POUNDS})?\b)?")
_KG = re.compile(rf"{_NUMBER}\s*(?:kgs?|kilos?|kilograms?|kilogrammes?)\b")
_LB = re.compile(rf"{_NUMBER}\s*{_POUNDS}(?!\w)")
_BARE = re.compile(rf"^\D*?{_NUMBER}\D*$")

_FEET = re.compile(rf"{_NUMBER}\s*(?:ft|feet|foot|')\s*(?:{_NUMBER}\s*(?:in|inches|inch|\"|'')?)?")
_CM = re.compile(rf"{_NUMBER}\s*(?:cm|centimet(?:er|re)s?)\b")
_METRES = re.compile(rf"{_NUMBER}\s*(?:m|met(?:er|re)s?)\b")
_INCHES = re.compile(rf"{_NUMBER}\s*(?:in|inches|inch|\")(?!\w)")


class Implausible(ValueError):
    """A number was found, but no adult weighs (or is as tall as) that."""


@dataclass(frozen=True)
class Weight:
    kg: float
    unit: str  # "kg", "lb" or "st": the user's own, for every figure given back
    assumed: bool = False  # a bare number: the unit was our reading

    @property
    def pounds(self) -> float:
        return self.kg / KG_PER_LB

    def show(self) -> str:
        """The weight itself as the user wrote it: stone users get stone and pounds."""
        if self.unit != "st":
            return show_amount(self.kg, self.unit)
        stone, rest = divmod(round(self.pounds), LB_PER_STONE)
        return f"{stone} st {rest} lb" if rest else f"{stone} st"

    def part(self, share: float) -> str:
        """A share of the weight in the user's unit (pounds for stone: "lose 9 lb")."""
        return show_amount(self.kg * share, self.unit)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _plain(text: str) -> str:
    # "2,000 lb" is two thousand; "82,5 kg" is eighty-two and a half.
    text = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text.lower())
    return text.replace("’", "'").replace("”", '"')


def parse_weight(text: str) -> Optional[Weight]:
    """The weight in a message, or None when it holds none; Implausible when absurd."""
    text = _plain(text)
    weight = _read_weight(text)
    if weight is not None and not MIN_KG <= weight.kg <= MAX_KG:
        raise Implausible(text)
    return weight


def _read_weight(text: str) -> Optional[Weight]:
    match = _STONE.search(text)
    if match:
        pounds = _number(match.group(1)) * LB_PER_STONE + _number(match.group(2) or "0")
        return Weight(pounds * KG_PER_LB, "st")
    match = _KG.search(text)
    if match:
        return Weight(_number(match.group(1)), "kg")
    match = _LB.search(text)
    if match:
        return Weight(_number(match.group(1)) * KG_PER_LB, "lb")
    match = _BARE.match(text)
    if match:
        value = _number(match.group(1))
        if value >= BARE_POUNDS_FROM:
            return Weight(value * KG_PER_LB, "lb", assumed=True)
        return Weight(value, "kg", assumed=True)
    return None


def parse_height(text: str) -> Optional[float]:
    """The height in metres, or None when the message holds none; Implausible when absurd."""
    text = _plain(text)
    metres = _read_height(text)
    if metres is not None and not MIN_M <= metres <= MAX_M:
        raise Implausible(text)
    return metres


def _read_height(text: str) -> Optional[float]:
    match = _FEET.search(text)
    if match:
        return (_number(match.group(1)) * 12 + _number(match.group(2) or "0")) * M_PER_INCH
    match = _CM.search(text)
    if match:
        return _number(match.group(1)) / 100
    match = _METRES.search(text)
    if match:
        return _number(match.group(1))
    match = _INCHES.search(text)
    if match:
        return _number(match.group(1)) * M_PER_INCH
    match = _BARE.match(text)
    if match and not (_KG.search(text) or _LB.search(text) or _STONE.search(text)):
        # A bare number: whichever of metres, inches or centimetres is an adult's.
        value = _number(match.group(1))
        return value if value < 3 else value * M_PER_INCH if value < 100 else value / 100
    return None


def bmi(weight: Weight, metres: float) -> float:
    return weight.kg / metres**2


def show_amount(kg: float, unit: str) -> str:
    """Kilograms to one decimal, otherwise whole pounds."""
    if unit == "kg":
        return f"{kg:.1f}".removesuffix(".0") + " kg"
    return f"{round(kg / KG_PER_LB)} lb"


def show_range(weight: Weight, low: float, high: float) -> str:
    """A range of shares of the weight: "13 to 18 lb", not "13 lb to 18 lb"."""
    first, last = weight.part(low), weight.part(high)
    return f"{first.rsplit(' ', 1)[0]} to {last}"


def pace(unit: str) -> str:
    """0.5 to 1 kg (1 to 2 lb) a week, the user's unit first."""
    return "0.5 to 1 kg (1 to 2 lb)" if unit == "kg" else "1 to 2 lb (0.5 to 1 kg)"


def targets(weight: Weight) -> Dict[str, str]:
    """The figures the helper's answer gives, each in the user's unit."""
    return {
        "five": weight.part(0.05),
        "seven_to_ten": show_range(weight, 0.07, 0.10),
        "ten": weight.part(0.10),
        "lean": show_range(weight, 0.03, 0.05),
        "pace": pace(weight.unit),
    }


# Words that say "I am not overweight": the lean-MASLD note instead of the usual goal.
_NOT_OVERWEIGHT = re.compile(
    r"(\bnot|n't|\bnever been)\s+(really\s+|at all\s+)?(over ?weight|fat|heavy|obese|big)\b"
    r"|\b(normal|healthy|average|ideal|low)\s+(body\s+)?(weight|bmi)\b"
    r"|\b(weight|bmi) is (normal|healthy|fine|ok|okay|good|under 25)\b"
    r"|\b(i'?m|i am|am)\s+(quite\s+|very\s+|pretty\s+|too\s+)?(thin|slim|lean|skinny|underweight|slender)\b"
)


def says_not_overweight(text: str) -> bool:
    return bool(_NOT_OVERWEIGHT.search(_plain(text)))


_SKIP = re.compile(r"^\W*(skip|pass|no idea|not sure|don'?t know|dunno|i don'?t know|rather not say|next)\b")


def says_skip(text: str) -> bool:
    return bool(_SKIP.search(_plain(text)))


def is_lean(weight: Weight, metres: float) -> bool:
    return bmi(weight, metres) < LEAN_BMI
