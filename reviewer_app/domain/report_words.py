"""The statistics report in words, in Russian or English: the sections (title, header, rows) that the CSV and the
PDF export both print (`services/reports.py`), so the two files say the same thing. No codes: outcomes, reasons
and pre-score bands are named as the desk names them. Plain Python (no Qt): the service writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.domain.reasons import REASON_BY_CODE
from reviewer_app.domain.supervision_views import Stats

OUTCOMES = ("approve", "reject", "in_person", "return", "escalate")
NO_BAND = "none"  # services.stats: a decision without a pre-score
BANDS = ("match", "uncertain", "mismatch", "manual", NO_BAND)

_WORDS: dict[str, tuple[str, str]] = {  # key -> (English, Russian)
    "approve": ("approved", "одобрено"),
    "reject": ("rejected", "отклонено"),
    "in_person": ("in-person visit", "личный визит в МФЦ"),
    "return": ("returned for correction", "возвращено на исправление"),
    "escalate": ("escalated", "передано руководителю"),
    "band.match": ("match", "совпадение"),
    "band.uncertain": ("uncertain", "неясно"),
    "band.mismatch": ("mismatch", "несовпадение"),
    "band.manual": ("compare by hand", "сравнить вручную"),
    "band.none": ("not scored", "без предоценки"),
    "title": ("Decision statistics", "Статистика решений"),
    "period": ("Period", "Период"),
    "decisions": ("Decisions", "Решений"),
    "summary": ("Summary", "Итоги"),
    "figure": ("Figure", "Показатель"),
    "value": ("Value", "Значение"),
    "per_day": ("Decisions per day", "Решения по дням"),
    "day": ("Day", "День"),
    "total": ("Total", "Всего"),
    "workload": ("Decisions per reviewer", "Решения по сотрудникам"),
    "reviewer": ("Reviewer", "Сотрудник"),
    "handled": ("Decisions", "Решений"),
    "median_minutes": ("Median minutes from taking to deciding", "Медиана, минут от взятия до решения"),
    "reasons": ("Reasons for refusals and returns", "Причины отказов и возвратов"),
    "reason": ("Reason", "Причина"),
    "count": ("Count", "Количество"),
    "no_reason": ("no reason given", "причина не указана"),
    "sla_met": ("Answered in time", "Ответ в срок"),
    "sla_breached": ("Answered late", "Ответ с опозданием"),
    "sla_share": ("Share answered in time", "Доля ответов в срок"),
    "queue_waiting": ("Applications waiting now", "Заявлений в очереди сейчас"),
    "queue_oldest": ("Oldest waiting, days", "Самое старое в очереди, дней"),
    "queue_median": ("Median time waiting, days", "Медиана ожидания в очереди, дней"),
    "second_reviewed": ("Second reviews done", "Вторых проверок проведено"),
    "agreement": ("Second reviews agreeing with the decision", "Вторые проверки согласны с решением"),
    "overturn_rate": ("Second reviews overturning the decision", "Вторые проверки отменили решение"),
    "calibration": ("Pre-score and decision", "Предоценка и решение"),
    "prescore": ("The pre-score said", "Предоценка"),
    "in_words": ("In words", "Словами"),
    "calibration_sentence": ("when the pre-score said “{band}”, the decision was approve in {n} of {m} cases",
                             "когда предоценка говорила «{band}», заявление одобрено в {n} из {m} {cases}"),
}


def word(key: str, lang: str) -> str:
    en, ru = _WORDS[key]
    return en if lang == "en" else ru


def outcome_words(code: str, lang: str) -> str:
    return word(code, lang) if code in OUTCOMES else code.replace("_", " ")


def band_words(band: str, lang: str) -> str:
    return word(f"band.{band}", lang) if band in BANDS else band.replace("_", " ")


def reason_words(code: str | None, lang: str) -> str:
    reason = REASON_BY_CODE.get(code or "")
    if reason is not None:
        return reason.label(lang)
    if not code or code == "(none)":
        return word("no_reason", lang)
    return code.replace("_", " ")  # a reason typed by hand in old data: shown as written


def percent(share: float | None, lang: str) -> str:
    if share is None:
        return "—"
    text = f"{share * 100:.1f} %"
    return text if lang == "en" else text.replace(".", ",")


def number(value: float | int | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return text if lang == "en" else text.replace(".", ",")


def calibration_sentence(band: str, n: int, m: int, lang: str) -> str:
    """"when the pre-score said 'match', the decision was approve in N of M cases" (Russian: из 1 случая, из 5
    случаев: the genitive after "из")."""
    cases = "случая" if m % 10 == 1 and m % 100 != 11 else "случаев"
    return word("calibration_sentence", lang).format(band=band_words(band, lang), n=n, m=m, cases=cases)


def calibration_sentences(stats: Stats, lang: str) -> list[str]:
    """One sentence per pre-score band that had decisions: how often its word agreed with an approval."""
    return [calibration_sentence(band, *stats.calibration(band), lang) for band in stats.band_outcome
            if stats.calibration(band)[1] and band != NO_BAND]


@dataclass(frozen=True)
class Section:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def report_sections(stats: Stats, lang: str) -> list[Section]:
    """Every table of the report, all cells text in `lang`."""
    def w(key: str) -> str:  # a short local alias keeps the tables readable
        return word(key, lang)

    shown = [o for o in OUTCOMES if any(c.get(o) for _, c in stats.per_day)] or ["approve"]
    summary = (
        (w("decisions"), str(stats.total)),
        (w("sla_met"), str(stats.sla_met)),
        (w("sla_breached"), str(stats.sla_breached)),
        (w("sla_share"), percent(stats.sla_compliance, lang)),
        (w("queue_waiting"), str(stats.queue_waiting)),
        (w("queue_oldest"), number(stats.queue_oldest_days, lang)),
        (w("queue_median"), number(stats.queue_median_days, lang)),
        (w("second_reviewed"), str(stats.second_reviewed)),
        (w("agreement"), percent(stats.agreement, lang)),
        (w("overturn_rate"), percent(stats.overturn_rate, lang)),
    )
    return [
        Section(w("summary"), (w("figure"), w("value")), summary),
        Section(w("per_day"), (w("day"), *(outcome_words(o, lang) for o in shown), w("total")),
                tuple((d.strftime("%d.%m.%Y"), *(str(c.get(o, 0)) for o in shown), str(sum(c.values())))
                      for d, c in stats.per_day)),
        Section(w("workload"), (w("reviewer"), w("handled"), w("median_minutes")),
                tuple((x.reviewer, str(x.handled), number(x.median_minutes, lang)) for x in stats.workload)),
        Section(w("reasons"), (w("reason"), w("count")),
                tuple((reason_words(code, lang), str(n)) for code, n in stats.reject_reasons)),
        Section(w("calibration"), (w("prescore"), *(outcome_words(o, lang) for o in OUTCOMES), w("in_words")),
                tuple((band_words(b, lang), *(str(c.get(o, 0)) for o in OUTCOMES),
                       "" if b == NO_BAND else calibration_sentence(b, c.get("approve", 0), sum(c.values()), lang))
                      for b, c in stats.band_outcome.items())),
    ]
