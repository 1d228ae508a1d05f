"""Russian for the supervisor deciding an escalation and for the statistics tab's figures and exports (issue 24
items 3 and 4); merged into `ru.RU`. A tuple is a plural message (one, few, many)."""

RU_SUPERVISION_DESK: dict[tuple[str, str], str | tuple[str, ...]] = {
    # ui/supervisor/escalation.py
    ("EscalationDialog", "Decide the escalated application — {0}"): "Решение по переданному заявлению — {0}",
    ("EscalationDialog", "The application"): "Заявление",
    ("EscalationDialog", "Pre-score: {0}"): "Предоценка: {0}",
    ("EscalationDialog", "Approve"): "Одобрить",
    ("EscalationDialog", "Reject"): "Отказать",
    ("EscalationDialog", "Return for correction"): "Вернуть на исправление",
    ("EscalationDialog", "In person at MFC"): "Лично в МФЦ",
    ("EscalationDialog", "Approve (A)"): "Одобрить (A)",
    ("EscalationDialog", "Reject… (R)"): "Отказать… (R)",
    ("EscalationDialog", "Return for correction… (C)"): "Вернуть на исправление… (C)",
    ("EscalationDialog", "In person at MFC (M)"): "Лично в МФЦ (M)",
    ("EscalationDialog", "{0} is not possible: {1}"): "«{0}» невозможно: {1}",
    ("EscalationDialog", "Cancel"): "Отмена",
    ("EscalationDialog", "A: approve · R: reject · C: return · M: in person at an MFC · Esc: cancel"):
        "A — одобрить · R — отказать · C — вернуть · M — лично в МФЦ · Esc — отмена",
    ("EscalationDialog", "Your decision replaces the escalation; the applicant is told as after a reviewer's "
                         "decision."):
        "Ваше решение заменяет передачу руководителю; заявитель получит сообщение, как после решения сотрудника.",
    ("EscalationDialog", "What did not pass:"): "Что не пройдено:",
    ("EscalationDialog", "Every check passed."): "Все проверки пройдены.",
    ("EscalationDialog", "not yet done"): "ещё не выполнена",
    ("Supervisor", "Escalated by {0}, {1}: {2}"): "Передано руководителю сотрудником {0}, {1}: {2}",
    ("Supervisor", "Escalated by {0}: {1}"): "Передано руководителю сотрудником {0}: {1}",
    ("Supervisor", "escalated by {0}"): "передано сотрудником {0}",
    ("CaseDialog", "Decide…"): "Принять решение…",
    # ui/supervisor/widgets.py: the second-review tab
    ("SecondReviewTab", "Open the case (Enter)"): "Открыть дело (Enter)",
    ("SecondReviewTab", "Decide… (D)"): "Принять решение… (D)",
    ("SecondReviewTab", "Decide the escalated application"): "Принять решение по переданному заявлению",
    ("SecondReviewTab", "Decisions waiting for a second look (four eyes: not your own): confirm or overturn a "
                        "decision; decide an escalated application. Open one to see the images, the checks and "
                        "the pre-score."):
        "Решения, ждущие второй проверки (принцип четырёх глаз: не свои): подтвердите или отмените решение; по "
        "переданному руководителю заявлению примите решение сами. Откройте дело, чтобы увидеть изображения, "
        "проверки и предоценку.",
    ("SecondReviewTab", "An escalated application is decided, not confirmed: press D."):
        "По переданному заявлению принимают решение, а не подтверждают его: нажмите D.",
    ("SecondReviewTab", "Select an escalated application first."): "Сначала выберите переданное заявление.",
    ("SecondReviewTab", "Opening the application"): "Открывается заявление",
    ("SecondReviewTab", "{0}: decided, {1}."): "{0}: решение принято — {1}.",
    ("SecondReviewTab", "Saving the decision"): "Сохранение решения",
    # ui/supervisor/stats_tab.py
    ("StatsTab", "Export CSV…"): "Выгрузить CSV…",
    ("StatsTab", "Export PDF…"): "Выгрузить PDF…",
    ("StatsTab", "Decisions per reviewer"): "Решения по сотрудникам",
    ("StatsTab", "{0}; answered in time: {1} ({2} late)"): "{0}; ответ в срок: {1} (с опозданием: {2})",
    ("StatsTab", "%n application(s) waiting in the queue now"): (
        "В очереди сейчас %n заявление", "В очереди сейчас %n заявления", "В очереди сейчас %n заявлений"),
    ("StatsTab", "%n day(s)"): ("%n день", "%n дня", "%n дней"),
    ("StatsTab", "{0}; the oldest has waited {1}; median wait, days: {2}"):
        "{0}; самое старое ждёт {1}; медиана ожидания, дней: {2}",
    ("StatsTab", "No application is waiting in the queue now"): "Сейчас в очереди нет заявлений",
    ("StatsTab", "Second reviews: {0}; they agreed with the decision in {1}, overturned it in {2}"):
        "Вторых проверок: {0}; согласились с решением: {1}; отменили его: {2}",
    ("StatsTab", "When the pre-score said “{0}”, the decision was approve in {1} of %n case(s)"): (
        "Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случая",
        "Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случаев",
        "Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случаев"),
    ("StatsTab", "No second review was done in this period"): "За этот период вторых проверок не было",
    ("StatsTab", "No decision had a pre-score in this period"): "За этот период ни у одного решения не было предоценки",
    ("StatsTab", "statistics"): "статистика",
    ("StatsTab", "CSV table (*.csv)"): "Таблица CSV (*.csv)",
    ("StatsTab", "PDF report (*.pdf)"): "Отчёт PDF (*.pdf)",
    ("StatsTab", "Save the statistics"): "Сохранить статистику",
    ("StatsTab", "Saved: {0}"): "Сохранено: {0}",
    ("StatsTab", "Exporting statistics"): "Выгрузка статистики",
}
