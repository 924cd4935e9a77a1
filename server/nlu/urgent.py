"""Which urgent reply a red-flag message gets: the intent RedFlagDetector sets.

Each intent has a rule of responses (data/rules/safety.yml), so an urgent reply never
needs the action server. No Rasa import: the importer and the tests read it too.
"""

from __future__ import annotations

from typing import Iterable, Text

# Any red flag but the two below: the emergency reply.
EMERGENCY = "emergency"
# Very low blood sugar: the emergency reply with its first-aid step.
LOW_BLOOD_SUGAR = "emergency_low_blood_sugar"
# Thoughts of self-harm: the crisis reply.
CRISIS = "crisis"
# Self-harm with a bodily red flag: the crisis reply, then the emergency reply.
CRISIS_AND_EMERGENCY = "crisis_and_emergency"
URGENT_INTENTS = (EMERGENCY, LOW_BLOOD_SUGAR, CRISIS, CRISIS_AND_EMERGENCY)

LOW_BLOOD_SUGAR_SYMPTOM = "very_low_blood_sugar"
# What a very low blood sugar itself causes: with these it still gets its first aid.
HYPO_SIGNS = {"confusion_or_drowsiness", "fainting"}


def urgent_intent(symptoms: Iterable[Text], crisis_symptoms: Iterable[Text]) -> Text:
    """The intent for a message with these red flags (`crisis_symptoms` among them)."""
    symptoms, crisis = set(symptoms), set(crisis_symptoms)
    bodily = symptoms - crisis
    if symptoms & crisis:
        return CRISIS_AND_EMERGENCY if bodily else CRISIS
    if LOW_BLOOD_SUGAR_SYMPTOM in bodily and bodily <= {LOW_BLOOD_SUGAR_SYMPTOM} | HYPO_SIGNS:
        return LOW_BLOOD_SUGAR
    return EMERGENCY
