"""The fixed list of reject / return reasons, with the text the applicant receives (Russian and English).

A RETRY reason (`final=False`) says what is wrong and what to do, and invites a new application; a FINAL one
says why access is not possible and what the applicant can do instead. Every check that can fail has a reason
(`reason_for_check`), which the decision dialog preselects. The codes are stored in `decisions.reason_code`:
never rename one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reviewer_app.domain.errors import ReviewerError, brief


@dataclass(frozen=True)
class RejectReason:
    """A fixed reject/return reason, with the text the applicant receives."""

    code: str
    label_ru: str
    label_en: str
    applicant_text_ru: str
    applicant_text_en: str
    final: bool = False  # False: the applicant may submit again (RETRY); True: FINAL

    def label(self, lang: str = "ru") -> str:
        return self.label_en if lang == "en" else self.label_ru

    def applicant_text(self, lang: str = "ru") -> str:
        return self.applicant_text_en if lang == "en" else self.applicant_text_ru

_R = RejectReason

REASONS: tuple[RejectReason, ...] = (
    _R("photo_unclear", "Фото нечёткое", "Photo unclear",
       "фотография нечёткая или лицо плохо видно. Сделайте новое цветное фото с паспортом, открытым на странице "
       "с фотографией, при хорошем освещении",
       "the photo is unclear or the face is hard to see. Take a new colour photo holding your passport open at "
       "the photo page, in good light"),
    _R("photo_not_colour", "Фото чёрно-белое", "Photo is black and white",
       "фотография чёрно-белая, а нужна цветная. Сделайте цветное фото с паспортом, открытым на странице "
       "с фотографией, и отправьте заявление снова",
       "the photo is black and white; a colour photo is required. Take a colour photo holding your passport "
       "open at the photo page and send the application again"),
    _R("photo_missing", "Нет фото с паспортом", "No photo with the passport",
       "к заявлению не приложено фото с паспортом. Приложите цветное фото, на котором вы держите паспорт, "
       "открытый на странице с фотографией",
       "no photo with the passport is attached. Attach a colour photo of you holding your passport open at the "
       "photo page"),
    _R("face_mismatch", "Лицо не совпадает с паспортом", "Face does not match the passport",
       "лицо на фотографии не совпадает с фотографией в паспорте. Заявление подаёт сам владелец паспорта: "
       "сделайте фото с паспортом сами или обратитесь в МФЦ «Мои документы»",
       "the face in the photo does not match the passport photo. The passport holder applies in person: take "
       "the photo with your passport yourself, or visit an MFC office (Moi Dokumenty)"),
    _R("document_expired", "Паспорт просрочен", "Passport expired",
       "срок действия паспорта истёк. Замените паспорт и подайте заявление с новым паспортом",
       "the passport has expired. Replace it and apply again with the new passport"),
    _R("passport_invalid", "Паспортные данные неверны", "Passport data invalid",
       "паспортные данные указаны с ошибкой (серия, номер, код подразделения или дата выдачи). Проверьте их "
       "по паспорту и отправьте заявление снова",
       "the passport data contain an error (series, number, division code or issue date). Check them against "
       "your passport and send the application again"),
    _R("data_mismatch", "Данные не совпадают", "Data mismatch",
       "данные в заявлении не совпадают с документами. Проверьте ФИО, дату рождения и номера документов и "
       "отправьте заявление снова",
       "the data in the application do not match the documents. Check your name, date of birth and document "
       "numbers and send the application again"),
    _R("phone_not_mobile", "Телефон не мобильный", "Phone is not a mobile",
       "указанный телефон не российский мобильный, и на него нельзя присылать коды входа. Укажите мобильный "
       "номер +7 9XX и отправьте заявление снова",
       "the phone given is not a Russian mobile number, so login codes cannot be sent to it. Give a mobile "
       "number +7 9XX and send the application again"),
    _R("phone_in_use", "Телефон принадлежит другому человеку", "Phone belongs to someone else",
       "указанный телефон уже получает коды входа в ЭМК другого человека. Укажите свой собственный мобильный "
       "номер и отправьте заявление снова",
       "the phone given already receives the EMK login codes of another person. Give your own mobile number "
       "and send the application again"),
    _R("snils_invalid", "СНИЛС неверен", "SNILS invalid",
       "номер СНИЛС указан с ошибкой. Проверьте его по документу (XXX-XXX-XXX YY) или не указывайте: "
       "он необязателен",
       "the SNILS number contains an error. Check it against the document (XXX-XXX-XXX YY) or leave it out: "
       "it is optional"),
    _R("oms_number_invalid", "Номер полиса ОМС неверен", "OMS policy number invalid",
       "номер полиса ОМС указан с ошибкой или не указан. Укажите 16-значный номер полиса (ЕНП) и отправьте "
       "заявление снова",
       "the OMS policy number is wrong or missing. Give the 16-digit policy number (ENP) and send the "
       "application again"),
    _R("not_moscow_policy", "Полис ОМС не московский", "Not a Moscow OMS policy",
       "доступ к ЭМК предоставляется только при наличии полиса ОМС, выданного в Москве. Оформите полис ОМС в "
       "Москве, затем подайте новое заявление",
       "access to the EMK requires an OMS policy issued in Moscow. Get a Moscow OMS policy, then apply again",
       final=True),
    _R("underage", "Заявителю нет 15 лет", "Applicant under 15",
       "подать заявление на доступ к своей ЭМК можно с 15 лет. До этого доступ к медкарте оформляет родитель",
       "you can apply for access to your own EMK from the age of 15; until then a parent applies for the "
       "record", final=True),
    _R("child_too_old", "Ребёнку исполнилось 15 лет", "Child is 15 or older",
       "доступ родителя к медкарте ребёнка возможен только до 15 лет. Ребёнок может подать заявление сам",
       "a parent may open a child's record only until the child turns 15; the child can now apply themselves",
       final=True),
    _R("certificate_invalid", "Свидетельство о рождении: ошибка", "Birth certificate data invalid",
       "данные свидетельства о рождении указаны с ошибкой (серия, номер или дата выдачи). Проверьте их по "
       "свидетельству и отправьте заявление снова",
       "the birth certificate data contain an error (series, number or issue date). Check them against the "
       "certificate and send the application again"),
    _R("kinship_not_confirmed", "Родство не подтверждено", "Kinship not confirmed",
       "не удалось подтвердить родство с ребёнком. Обратитесь в МФЦ «Мои документы» со своим паспортом и "
       "свидетельством о рождении ребёнка",
       "kinship with the child could not be confirmed. Visit an MFC office (Moi Dokumenty) with your passport "
       "and the child's birth certificate"),
    _R("duplicate", "Повторное заявление", "Duplicate application",
       "такое заявление уже подано или доступ уже предоставлен. Дождитесь ответа по первому заявлению",
       "the same application was already submitted or access is already granted. Wait for the answer to the "
       "first one", final=True),
    _R("opted_out", "Отказ от ЭМК", "Opted out of EMK",
       "ранее вы отказались от доступа к ЭМК. Чтобы получить доступ, сначала подайте заявление об отмене отказа",
       "you have opted out of EMK access. To get access, first apply to withdraw the opt-out", final=True),
    _R("account_simplified", "Упрощённая учётная запись", "Simplified account",
       "заявление подано с упрощённой учётной записи mos.ru, а услуга доступна только со стандартной или полной "
       "подтверждённой учётной записью. Подтвердите учётную запись (на Госуслугах или в МФЦ «Мои документы») и "
       "подайте заявление снова",
       "the application came from a simplified mos.ru account; the service needs a confirmed standard or full "
       "account. Confirm your account (on Gosuslugi or at an MFC office) and apply again"),
    _R("account_not_confirmed", "Учётная запись не подтверждена", "Account not confirmed",
       "учётная запись mos.ru не подтверждена, а услуга доступна только с подтверждённой учётной записью. "
       "Подтвердите её (на Госуслугах или в МФЦ «Мои документы») и подайте заявление снова",
       "the mos.ru account is not confirmed; the service needs a confirmed account. Confirm it (on Gosuslugi or "
       "at an MFC office) and apply again"),
    _R("identity_unclear", "Личность не установлена однозначно", "Identity unclear",
       "по заявлению нельзя однозначно связать вас с прежними обращениями. Укажите СНИЛС или серию и номер "
       "прежнего паспорта и отправьте заявление снова",
       "the application cannot be linked to your earlier applications with certainty. Give your SNILS or the "
       "series and number of your previous passport and send the application again"),
    _R("representative_not_confirmed", "Полномочия представителя не подтверждены",
       "Representative's authority not confirmed",
       "полномочия опекуна, попечителя или усыновителя подтверждаются лично. Обратитесь в МФЦ «Мои документы» "
       "со своим паспортом, свидетельством о рождении ребёнка и документом об опеке, попечительстве или "
       "усыновлении",
       "the authority of a guardian, trustee or adoptive parent is confirmed in person. Visit an MFC office (Moi "
       "Dokumenty) with your passport, the child's birth certificate and the guardianship, trusteeship or "
       "adoption document"),
    # 'other' needs a comment for the applicant: the comment IS the text (see applicant_message).
    _R("other", "Другое (указать)", "Other (explain)",
       "причина указана сотрудником в комментарии", "the reason is given by the officer in the comment"),
)

REASON_BY_CODE: dict[str, RejectReason] = {r.code: r for r in REASONS}


def get_reason(code: str | None) -> RejectReason:
    """The reason for `code`; a clear error naming the known codes otherwise."""
    reason = REASON_BY_CODE.get(code or "")
    if reason is None:
        raise ReviewerError(f"reason_code: unknown reason {brief(code)}. Known: {', '.join(REASON_BY_CODE)}.")
    return reason


def applicant_message(code: str, comment: str | None = None, lang: str = "ru") -> str:
    """The reason as the applicant reads it, with the reviewer's comment for the applicant appended.

    'other' has no text of its own: the comment is the message (it is required for 'other')."""
    reason = get_reason(code)
    note = (comment or "").strip()
    if code == "other" and note:
        return note
    text = reason.applicant_text(lang)
    return f"{text}. {note}" if note else text


_OMS_REASON = {"format": "oms_number_invalid", "enp_checksum": "oms_number_invalid"}


def reason_for_check(check_id: str, details: Mapping[str, Any] | None = None) -> str | None:
    """The reason that fits a failed (or in-person) check, from its id and the facts it recorded.

    None for a check that cannot fail (sla only warns). Unknown check ids fall back to 'data_mismatch'.
    """
    d = details or {}
    if check_id == "applicant_age":
        return "data_mismatch" if d.get("age", 0) < 0 else "underage"
    if check_id == "passport_number":
        return "passport_invalid"
    if check_id == "passport_validity":
        return "document_expired" if d.get("valid_until") else "passport_invalid"
    if check_id in ("oms_policy", "parent_oms_policy"):
        if "type" not in d:  # no policy given
            return "oms_number_invalid"
        return _OMS_REASON.get(d.get("type", ""), "not_moscow_policy")
    if check_id == "phone":
        return "phone_not_mobile"
    if check_id == "snils":
        return "snils_invalid"
    if check_id == "photo":
        if d.get("is_colour") is False:
            return "photo_not_colour"
        return "photo_missing" if not d.get("file") else "photo_unclear"
    if check_id == "child_age":
        return "data_mismatch" if d.get("age", 0) < 0 else "child_too_old"
    if check_id == "birth_certificate":
        return "certificate_invalid"
    if check_id == "kinship":
        return "representative_not_confirmed" if d.get("relation", "parent") != "parent" \
            else "kinship_not_confirmed"
    if check_id == "account":
        return "account_simplified" if d.get("level") == "simplified" else "account_not_confirmed"
    if check_id == "person_known":
        return "identity_unclear"
    if check_id == "duplicate":
        return "duplicate"
    if check_id == "document_data":  # what the applicant typed differs from the passport page or its MRZ
        return "data_mismatch"
    if check_id == "sla":
        return None
    return "data_mismatch"
