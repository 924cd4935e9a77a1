"""Masking: no email, phone number, web address or other number leaves a question."""

import pytest

from tools.insights_masking import mask


@pytest.mark.parametrize("text, masked", [
    ("write to jo.doe+liver@mail.example.co.uk please", "write to [email] please"),
    ("call me at +1 (555) 010-9999", "call me at [phone]"),
    ("my cell is 555.010.9999.", "my cell is [phone]."),
    ("ring 07700 900123 after 6", "ring [phone] after [number]"),
    ("I weigh 220 lbs, my A1c is 5.7 and ALT 1,200", "I weigh [number] lbs, my A[number]c is [number] and ALT [number]"),
    ("born 12/03/1980, record 4471", "born [number]/[number]/[number], record [number]"),
    ("see https://clinic.example.org/patient?id=77 or www.example.com/x", "see [link] or [link]"),
    ("no   numbers\nhere", "no numbers here"),
])
def test_numbers_emails_phone_numbers_and_links_are_masked(text, masked):
    assert mask(text) == masked


def test_a_masked_text_holds_no_digit_and_no_at_sign():
    text = "Email a@b.io, text 555 010 9999 or +44 20 7946 0958; I am 45 and weigh 82.5 kg"
    masked = mask(text)
    assert not any(character.isdigit() for character in masked)
    assert "@" not in masked
    assert masked == "Email [email], text [phone] or [phone]; I am [number] and weigh [number] kg"
