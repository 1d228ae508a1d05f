"""The fixed list of reject / return reasons, with the text the applicant receives (Russian and English).

A RETRY reason (`final=False`) tells the applicant what to fix and that they may apply again; a FINAL one does
not invite a new application. The codes are stored in `decisions.reason_code`: never rename one.
"""

from __future__ import annotations

from reviewer_app.domain.errors import ReviewerError
from reviewer_app.domain.views import RejectReason

_R = RejectReason

REASONS: tuple[RejectReason, ...] = (
    _R("photo_unclear", "Фото нечёткое", "Photo unclear",
       "фотография нечёткая или лицо плохо видно. Сделайте новое цветное фото с паспортом, открытым на странице "
       "с фотографией, при хорошем освещении",
       "the photo is unclear or the face is hard to see. Take a new colour photo holding your passport open at "
       "the photo page, in good light"),
    _R("face_mismatch", "Лицо не совпадает с паспортом", "Face does not match the passport",
       "лицо на фотографии не совпадает с фотографией в паспорте",
       "the face in the photo does not match the passport photo"),
    _R("document_expired", "Документ недействителен", "Document expired",
       "паспорт недействителен (истёк срок действия). Подайте заявление с действующим паспортом",
       "the passport is no longer valid. Apply again with a valid passport"),
    _R("data_mismatch", "Данные не совпадают", "Data mismatch",
       "данные в заявлении не совпадают с документами. Проверьте ФИО, дату рождения и номера документов",
       "the data in the application does not match the documents. Check your name, date of birth and document "
       "numbers"),
    _R("not_moscow_policy", "Полис ОМС не московский", "Not a Moscow OMS policy",
       "доступ к ЭМК предоставляется только при наличии полиса ОМС, выданного в Москве",
       "access to the EMK requires an OMS policy issued in Moscow", final=True),
    _R("underage", "Заявителю нет 15 лет", "Applicant under 15",
       "подать заявление на доступ к своей ЭМК можно с 15 лет. Доступ к медкарте ребёнка оформляет родитель",
       "you can apply for access to your own EMK from the age of 15; a parent applies for a child's record",
       final=True),
    _R("child_too_old", "Ребёнку исполнилось 15 лет", "Child is 15 or older",
       "доступ родителя к медкарте ребёнка возможен только до 15 лет. Ребёнок может подать заявление сам",
       "a parent may open a child's record only until the child turns 15; the child can now apply themselves",
       final=True),
    _R("kinship_not_confirmed", "Родство не подтверждено", "Kinship not confirmed",
       "не удалось подтвердить родство с ребёнком. Обратитесь в МФЦ «Мои документы» со свидетельством о рождении",
       "kinship with the child could not be confirmed. Visit an MFC office (Moi Dokumenty) with the birth "
       "certificate"),
    _R("duplicate", "Повторное заявление", "Duplicate application",
       "такое заявление уже подано или доступ уже предоставлен",
       "the same application was already submitted or access is already granted", final=True),
    _R("opted_out", "Отказ от ЭМК", "Opted out of EMK",
       "ранее вы отказались от доступа к ЭМК. Чтобы получить доступ, сначала подайте заявление об отмене отказа",
       "you have opted out of EMK access. To get access, first apply to withdraw the opt-out", final=True),
    _R("other", "Другое (указать)", "Other (explain)",
       "заявление не может быть одобрено", "the application cannot be approved"),
)

REASON_BY_CODE: dict[str, RejectReason] = {r.code: r for r in REASONS}


def get_reason(code: str | None) -> RejectReason:
    """The reason for `code`; a clear error naming the known codes otherwise."""
    reason = REASON_BY_CODE.get(code or "")
    if reason is None:
        raise ReviewerError(f"reason_code: unknown reason {code!r}. Known: {', '.join(REASON_BY_CODE)}.")
    return reason


def applicant_message(code: str, comment: str | None = None, lang: str = "ru") -> str:
    """The reason as the applicant reads it, with the reviewer's comment for the applicant appended."""
    reason = get_reason(code)
    text = reason.applicant_text(lang)
    if comment and comment.strip():
        text = f"{text}. {comment.strip()}"
    return text
