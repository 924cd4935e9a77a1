"""Weights and heights as people type them, and the figures of the guidance."""

import pytest

from common import weight as w


@pytest.mark.parametrize(
    "text, shown, unit, assumed",
    [
        ("180", "180 lb", "lb", True),
        ("82", "82 kg", "kg", True),
        ("82 kg", "82 kg", "kg", False),
        ("82.5 kilos", "82.5 kg", "kg", False),
        ("82,5 kg", "82.5 kg", "kg", False),
        ("180 lbs", "180 lb", "lb", False),
        ("i weigh 220 pounds", "220 lb", "lb", False),
        ("13 stone", "13 st", "st", False),
        ("13 st 4 lb", "13 st 4 lb", "st", False),
        ("13st 4", "13 st 4 lb", "st", False),
        ("14 stone and 10 pounds", "14 st 10 lb", "st", False),
    ],
)
def test_every_common_way_of_writing_a_weight(text, shown, unit, assumed):
    weight = w.parse_weight(text)
    assert (weight.show(), weight.unit, weight.assumed) == (shown, unit, assumed)


@pytest.mark.parametrize("text", ["0", "0 kg", "2,000 lb", "2000", "5 lb", "400 kg", "90 stone"])
def test_implausible_weights_are_refused(text):
    with pytest.raises(w.Implausible):
        w.parse_weight(text)


@pytest.mark.parametrize("text", ["", "heavy", "a lot", "I don't know", "what is nash?"])
def test_words_hold_no_weight(text):
    assert w.parse_weight(text) is None


def test_figures_are_in_the_users_unit_with_the_pace():
    assert w.targets(w.parse_weight("180 lb")) == {
        "five": "9 lb", "seven_to_ten": "13 to 18 lb", "ten": "18 lb", "lean": "5 to 9 lb",
        "pace": "1 to 2 lb (0.5 to 1 kg)",
    }
    assert w.targets(w.parse_weight("82 kg")) == {
        "five": "4.1 kg", "seven_to_ten": "5.7 to 8.2 kg", "ten": "8.2 kg", "lean": "2.5 to 4.1 kg",
        "pace": "0.5 to 1 kg (1 to 2 lb)",
    }


def test_stone_users_get_their_weight_in_stone_and_the_amounts_in_pounds():
    figures = w.targets(w.parse_weight("13 st 4 lb"))  # 186 lb
    assert (figures["five"], figures["ten"]) == ("9 lb", "19 lb")


@pytest.mark.parametrize(
    "text, metres",
    [("5 ft 7", 1.70), ("5'7\"", 1.70), ("5 foot 10 inches", 1.78), ("170 cm", 1.70),
     ("1.70 m", 1.70), ("67 inches", 1.70), ("170", 1.70), ("67", 1.70), ("1.7", 1.70)],
)
def test_every_common_way_of_writing_a_height(text, metres):
    assert w.parse_height(text) == pytest.approx(metres, abs=0.01)


@pytest.mark.parametrize("text", ["300 cm", "2 ft", "0", "12 m"])
def test_implausible_heights_are_refused(text):
    with pytest.raises(w.Implausible):
        w.parse_height(text)


def test_bmi_under_25_is_lean():
    assert w.is_lean(w.parse_weight("140 lb"), w.parse_height("5 ft 8"))  # BMI 21
    assert not w.is_lean(w.parse_weight("200 lb"), w.parse_height("5 ft 8"))  # BMI 30


@pytest.mark.parametrize(
    "text", ["I'm not overweight", "i am not really overweight", "my weight is normal",
             "im slim", "I'm thin", "i have a healthy weight"],
)
def test_saying_one_is_not_overweight(text):
    assert w.says_not_overweight(text)


@pytest.mark.parametrize("text", ["i am overweight", "180 lb", "i'm fat", "not sure"])
def test_other_words_do_not_say_lean(text):
    assert not w.says_not_overweight(text)


@pytest.mark.parametrize("text, skip", [("skip", True), ("not sure", True), ("5 ft 7", False)])
def test_skipping_the_height(text, skip):
    assert w.says_skip(text) is skip
