"""The checks in words a person reads, in Russian and English, for texts made outside the Qt interface (training
feedback and reports); the desk's own labels are `ui.words.check_label`, translated by Qt."""

from __future__ import annotations

CHECK_WORDS = {
    "applicant_age": ("Возраст заявителя", "Applicant's age"),
    "passport_number": ("Реквизиты паспорта", "Passport details"),
    "passport_validity": ("Срок действия паспорта", "Passport validity"),
    "oms_policy": ("Полис ОМС", "OMS policy"), "phone": ("Телефон", "Phone"), "snils": ("СНИЛС", "SNILS"),
    "photo": ("Фото с паспортом", "Photo with the passport"), "child_age": ("Возраст ребёнка", "Child's age"),
    "birth_certificate": ("Свидетельство о рождении", "Birth certificate"), "kinship": ("Родство", "Kinship"),
    "duplicate": ("Повторы", "Duplicates"), "sla": ("Срок ответа", "Answer deadline"),
    "account": ("Учётная запись mos.ru", "mos.ru account"),
    "person_known": ("Прежние обращения", "Earlier records of the person"),
    "parent_oms_policy": ("Полис ОМС родителя", "Parent's OMS policy"),
    "document_data": ("Данные заявления и паспорт", "Application data against the passport"),
    "face_duplicate": ("То же лицо под другим именем", "Same face under another name"),
}


def check_words(check_id: str, lang: str = "ru") -> str:
    """A check's name in `lang` ("ru" or "en"); an unknown id in plain words, never as a code."""
    words = CHECK_WORDS.get(check_id)
    if words is None:
        return check_id.replace("_", " ")
    return words[1] if lang == "en" else words[0]
