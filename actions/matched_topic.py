"""After the other-language reply: the topic the message still names, as a button.

The reply itself is a response in the rule (data/rules/skills.yml). The English classifier
rarely places a foreign message (its ranking stays below `other_language`), so the key
terms of the main topics in the languages the replies speak come first, then a clear
ranking. At most two topics are offered, under words in the message's language
(utter_matched_topic_offer's variations follow the `language` slot).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.topic_library import all_topics, topic_button

# Foreign text scores lower than English; below this the guess is not worth a button.
MIN_CONFIDENCE = 0.5
MAX_TOPICS = 2
# Key terms (lower case, as written in Spanish, Portuguese, French, Hindi, Chinese, and
# German and Italian) and the topic each names; the disease before the question about it.
KEY_TERMS = (
    (("nash", "mash", "esteatohepatitis", "stéatohépatite"), "what_is_nash"),
    (("hígado graso", "higado graso", "fígado gordo", "figado gordo", "gordura no fígado", "esteatose",
      "esteatosis", "stéatose", "foie gras", "fegato grasso", "fettleber", "脂肪肝", "फैटी लिवर"),
     "what_is_fatty_liver"),
    (("resistencia a la insulina", "resistência à insulina", "resistencia à insulina", "résistance à l'insuline",
      "insulinresistenz", "resistenza all'insulina", "胰岛素抵抗", "इंसुलिन प्रतिरोध"), "what_is_insulin_resistance"),
    (("café", "caffè", "kaffee", "咖啡", "कॉफी", "कॉफ़ी"), "coffee"),
    (("alcohol", "álcool", "alcool", "饮酒", "शराब"), "alcohol"),
    (("diabetes", "diabète", "糖尿病", "मधुमेह"), "prediabetes_and_type2"),
    (("tratamiento", "tratamento", "tratar", "se trata", "traitement", "soigner", "behandelt", "behandlung", "cura", "治疗", "इलाज"),
     "treatment_overview"),
    (("dieta", "comer", "comida", "alimentation", "manger", "饮食", "खाना"), "diet"),
    (("ejercicio", "exercício", "exercice", "运动", "व्यायाम"), "exercise"),
)


def topics_by_terms(text: Text) -> List[Text]:
    lowered = (text or "").lower()
    return [topic_id for terms, topic_id in KEY_TERMS if any(term in lowered for term in terms)]


def matched_topic_ids(tracker: Tracker) -> List[Text]:
    found = [t for t in topics_by_terms(tracker.latest_message.get("text")) if t in all_topics()]
    for item in tracker.latest_message.get("intent_ranking") or []:
        if item.get("name") in all_topics():
            if item.get("confidence", 0) >= MIN_CONFIDENCE and item["name"] not in found:
                found.append(item["name"])
            break
    return found[:MAX_TOPICS]


class ActionOfferMatchedTopic(Action):
    def name(self) -> Text:
        return "action_offer_matched_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic_ids = matched_topic_ids(tracker)
        if topic_ids:
            buttons = [topic_button(all_topics()[topic_id]) for topic_id in topic_ids]
            dispatcher.utter_message(response="utter_matched_topic_offer", buttons=buttons)
        return []
