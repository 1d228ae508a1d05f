"""Russian of the trainer's desk (ui/trainer_tab.py) and the training feedback (ui/training_feedback.py)."""

RU_TRAINING: dict[tuple[str, str], str] = {
    # training_feedback.py
    ("FeedbackDialog", "Wrong"): "Неверно",
    ("FeedbackDialog", "Checks not passed when you decided: %1"): "Не пройденные при решении проверки: %1",
    # trainer_tab.py: table headers (RowsModel translates them in the context "Supervisor")
    ("Supervisor", "Trainee"): "Стажёр",
    ("Supervisor", "Cases"): "Заявлений",
    ("Supervisor", "Right"): "Верно",
    ("Supervisor", "Wrong"): "Неверно",
    ("Supervisor", "Last case"): "Последнее решение",
    ("Supervisor", "Day"): "День",
    ("Supervisor", "From"): "С",
    ("Supervisor", "To"): "До",
    ("Supervisor", "Verdict"): "Оценка",
    ("Supervisor", "Given"): "Решение стажёра",
    ("Supervisor", "Expected"): "Ожидалось",
    # trainer_tab.py
    ("TraineesTab", "Trainees"): "Стажёры",
    ("TraineesTab", "Sessions"): "Занятия",
    ("TraineesTab", "Cases"): "Заявления",
    ("TraineesTab", "Choose a case to read the rule that decides it."):
        "Выберите заявление, чтобы прочитать правило, по которому оно решается.",
    ("TraineesTab", "The rule"): "Правило",
    ("TraineesTab", "Refresh"): "Обновить",
    ("TraineesTab", "Start again…"): "Начать заново…",
    ("TraineesTab", "Clear the selected trainee's decisions: the cases go back to the queue"):
        "Стереть решения выбранного стажёра: заявления вернутся в очередь",
    ("TraineesTab", "Cases given to"): "Кому даются заявления",
    ("TraineesTab", "Kinds of application"): "Виды заявлений",
    ("TraineesTab", "Lessons"): "Темы",
    ("TraineesTab", "Give these cases"): "Давать эти заявления",
    ("TraineesTab", "Cases given (none ticked: all)"): "Какие заявления давать (ничего не отмечено — все)",
    ("TraineesTab", "To:"): "Кому:",
    ("TraineesTab", "Kind"): "Вид",
    ("TraineesTab", "Lesson"): "Тема",
    ("TraineesTab", "Sessions of the selected trainee"): "Занятия выбранного стажёра",
    ("TraineesTab", "Working…"): "Выполняется…",
    ("TraineesTab", "Loading the trainees"): "Загрузка стажёров",
    ("TraineesTab", "Trainees: {0}"): "Стажёров: {0}",
    ("TraineesTab", "Everybody"): "Всем",
    ("TraineesTab", "Cases of {0}"): "Заявления стажёра {0}",
    ("TraineesTab", "Loading the cases"): "Загрузка заявлений",
    ("TraineesTab", "Cases: {0}"): "Заявлений: {0}",
    ("TraineesTab", "no answer in the key"): "нет ответа в ключе",
    ("TraineesTab", "right"): "верно",
    ("TraineesTab", "wrong"): "неверно",
    ("TraineesTab", "{0}, {1}, decided {2}"): "{0}, {1}, решено {2}",
    ("TraineesTab", "Given: {0}. Expected: {1}."): "Решение стажёра: {0}. Ожидалось: {1}.",
    ("TraineesTab", "Checks not passed when decided: {0}"): "Не пройденные при решении проверки: {0}",
    ("TraineesTab", "The rule: {0}"): "Правило: {0}",
    ("TraineesTab", "Start again"): "Начать заново",
    ("TraineesTab", "Clear all decisions of {0}? Their cases go back to the queue and their results are gone; the "
                    "audit trail keeps that you did it."):
        "Стереть все решения стажёра {0}? Заявления вернутся в очередь, результаты пропадут; в журнале аудита "
        "останется запись о том, что это сделали вы.",
    ("TraineesTab", "Clear and start again"): "Стереть и начать заново",
    ("TraineesTab", "Clearing the decisions"): "Решения стираются",
    ("TraineesTab", "{0} starts again. Decisions cleared: {1}; cases back in the queue: {2}."):
        "{0} начинает заново. Стёрто решений: {1}; вернулось в очередь заявлений: {2}.",
    ("TraineesTab", "All cases are given."): "Даются все заявления.",
    ("TraineesTab", "Only the ticked cases are given."): "Даются только отмеченные заявления.",
    ("TraineesTab", "Saving the cases given"): "Сохранение выбора заявлений",
    ("TraineesTab", "{0}: all cases are given."): "{0}: даются все заявления.",
    ("TraineesTab", "{0}: only the ticked cases are given."): "{0}: даются только отмеченные заявления.",
    # errors.py: the trainer's desk
    ("ServiceErrors", "Only a trainer sees and changes the trainees' work."):
        "Работу стажёров видит и меняет только тренер.",
    ("ServiceErrors", "This account is a trainer's, not a trainee's."): "Это учётная запись тренера, а не стажёра.",
    ("ServiceErrors", "That kind of application is not known. Refresh the list and choose again."):
        "Такой вид заявления неизвестен. Обновите список и выберите снова.",
    ("ServiceErrors", "No case in the answer key teaches that. Refresh the list and choose again."):
        "В ключе ответов нет заявлений на эту тему. Обновите список и выберите снова.",
}
