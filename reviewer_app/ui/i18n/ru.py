"""Russian translations of the workstation's interface texts: (context, English source) -> Russian.

English is the source language (the text in the code). `python -m reviewer_app.ui.i18n.build` writes the Qt
Linguist source `reviewer_ru.ts` from this table and compiles `reviewer_ru.qm` with pyside6-lrelease; both are
committed. Contexts are the widget class names (self.tr) or the explicit contexts in models.py/shortcuts.py.
"""

RU: dict[tuple[str, str], str] = {
    # models.py
    ("Kinds", "Own record"): "Своя медкарта",
    ("Kinds", "Child's record"): "Медкарта ребёнка",
    ("Kinds", "Change access"): "Изменение доступа",
    ("Kinds", "Cancel access"): "Отмена доступа",
    ("Kinds", "Opt out"): "Отказ от ЭМК",
    ("Kinds", "Opt in"): "Отмена отказа",
    ("Bands", "match"): "совпадение",
    ("Bands", "uncertain"): "неясно",
    ("Bands", "mismatch"): "несовпадение",
    ("Bands", "manual comparison"): "сравнить вручную",
    ("Bands", "not scored yet"): "ещё не оценено",
    ("Statuses", "waiting"): "ожидает",
    ("Statuses", "in review"): "на проверке",
    ("Statuses", "decided"): "решено",
    ("Statuses", "returned"): "возвращено",
    ("Statuses", "in-person visit"): "личный визит",
    ("Statuses", "second review"): "вторая проверка",
    ("Statuses", "passed"): "пройдена",
    ("Statuses", "failed"): "не пройдена",
    ("Statuses", "warning"): "внимание",
    ("Statuses", "check by hand"): "проверить вручную",
    ("Statuses", "in person"): "лично в МФЦ",
    ("Statuses", "not yet done"): "ещё не выполнена",
    ("Statuses", "active"): "действует",
    ("Statuses", "revoked"): "отозван",
    ("Statuses", "expired"): "истёк",
    ("QueueModel", "Application"): "Заявление",
    ("QueueModel", "Applicant"): "Заявитель",
    ("QueueModel", "Kind"): "Вид",
    ("QueueModel", "Age"): "С подачи",
    ("QueueModel", "SLA deadline"): "Срок ответа",
    ("QueueModel", "Pre-score"): "Предоценка",
    ("QueueModel", "State"): "Состояние",
    ("QueueModel", "%n day(s)"): ("%n день", "%n дня", "%n дней"),
    ("QueueModel", "{0} (overdue %n day(s))"): ("{0} (просрочено на %n день)", "{0} (просрочено на %n дня)",
                                                "{0} (просрочено на %n дней)"),
    ("QueueModel", "{0} (%n day(s) left)"): ("{0} (остался %n день)", "{0} (осталось %n дня)",
                                             "{0} (осталось %n дней)"),
    ("QueueModel", "{0}: {1}"): "{0}: {1}",
    ("QueueModel", "Fresh: under 3 days old"): "Свежее: меньше 3 дней",
    ("QueueModel", "3 days old or more"): "3 дня и больше",
    ("QueueModel", "Past the SLA deadline"): "Срок ответа прошёл",
    ("ChecksModel", "Status"): "Статус",
    ("ChecksModel", "Check"): "Проверка",
    ("ChecksModel", "Facts"): "Факты",
    ("ChecksModel", "{0} (changed since intake: was {1})"): "{0} (изменилось после приёма: было «{1}»)",
    ("FieldsModel", "Field"): "Поле",
    ("FieldsModel", "Applicant typed"): "Указал заявитель",
    ("FieldsModel", "Document / registry"): "Документ / реестр",
    ("FieldsModel", "The applicant's value differs from the document"): "Данные заявителя отличаются от документа",
    ("HistoryModel", "Type"): "Тип",
    ("HistoryModel", "Id"): "Номер",
    ("HistoryModel", "Kind"): "Вид",
    ("HistoryModel", "Status"): "Статус",
    ("HistoryModel", "Date"): "Дата",
    ("HistoryModel", "Note"): "Примечание",
    ("HistoryModel", "application"): "заявление",
    ("HistoryModel", "grant"): "доступ",
    ("HistoryModel", "own record"): "своя медкарта",
    ("HistoryModel", "child's record"): "медкарта ребёнка",
    ("HistoryModel", "corrected by the application on screen"): "исправлено заявлением на экране",
    ("HistoryModel", "corrects the application on screen"): "исправляет заявление на экране",
    # shortcuts.py
    ("Shortcuts", "Approve"): "Одобрить",
    ("Shortcuts", "Reject with a reason"): "Отказать с причиной",
    ("Shortcuts", "In-person visit required (MFC)"): "Нужен личный визит (МФЦ)",
    ("Shortcuts", "Return for correction"): "Вернуть на доработку",
    ("Shortcuts", "Escalate to a supervisor"): "Передать руководителю",
    ("Shortcuts", "Next application"): "Следующее заявление",
    ("Shortcuts", "Fit the images"): "Вписать изображения",
    ("Shortcuts", "Zoom in"): "Увеличить",
    ("Shortcuts", "Zoom out"): "Уменьшить",
    ("Shortcuts", "Rotate the selfie"): "Повернуть селфи",
    ("Shortcuts", "Show the queue"): "Показать очередь",
    ("Shortcuts", "This help"): "Эта справка",
    ("Shortcuts", "Keyboard shortcuts"): "Клавиши",
    ("Shortcuts", "(single keys off)"): "(одиночные клавиши выключены)",
    ("Shortcuts", "Press any key or click to close."): "Нажмите любую клавишу или щёлкните, чтобы закрыть.",
    # decision.py
    ("DecisionBar", "Approve (A)"): "Одобрить (A)",
    ("DecisionBar", "Approve the application"): "Одобрить заявление",
    ("DecisionBar", "Reject… (R)"): "Отказать… (R)",
    ("DecisionBar", "Reject with a reason"): "Отказать с указанием причины",
    ("DecisionBar", "In person at MFC (M)"): "Лично в МФЦ (M)",
    ("DecisionBar", "In-person visit required"): "Нужен личный визит",
    ("DecisionBar", "Return for correction… (C)"): "Вернуть на доработку… (C)",
    ("DecisionBar", "Return for correction"): "Вернуть на доработку",
    ("DecisionBar", "Escalate… (E)"): "Руководителю… (E)",
    ("DecisionBar", "Escalate to a supervisor"): "Передать руководителю",
    ("DecisionBar", "Put back"): "Вернуть в очередь",
    ("DecisionBar", "Put the application back in the queue"): "Вернуть заявление в очередь",
    ("DecisionBar", "Next (N)"): "Следующее (N)",
    ("DecisionBar", "Next application"): "Следующее заявление",
    ("DecisionBar", "MFC confirmation…"): "Подтверждение МФЦ…",
    ("DecisionBar", "Record the kinship confirmation from the MFC"): "Внести подтверждение родства из МФЦ",
    ("DecisionBar", "Why a decision is not offered"): "Почему решение недоступно",
    ("DecisionBar", "Approve is not offered: {0}"): "Одобрение недоступно: {0}",
    ("DecisionDialog", "Approve against the evidence"): "Одобрить вопреки проверкам",
    ("DecisionDialog", "Approve"): "Одобрение",
    ("DecisionDialog", "Reject"): "Отказ",
    ("DecisionDialog", "Return for correction"): "Возврат на доработку",
    ("DecisionDialog", "Escalate to a supervisor"): "Передать руководителю",
    ("DecisionDialog", "In-person visit required"): "Нужен личный визит",
    ("DecisionDialog", "Reason"): "Причина",
    ("DecisionDialog", "Text the applicant receives"): "Текст, который получит заявитель",
    ("DecisionDialog", "(final)"): "(окончательно)",
    ("DecisionDialog", "The applicant reads"): "Заявитель прочтёт",
    ("DecisionDialog", "Comment for the applicant"): "Комментарий для заявителя",
    ("DecisionDialog", "Comment for the applicant (optional)"): "Комментарий для заявителя (необязательно)",
    ("DecisionDialog", "Internal comment"): "Внутренний комментарий",
    ("DecisionDialog", "This approval goes against the evidence:"): "Это одобрение противоречит проверкам:",
    ("DecisionDialog", "the faces were scored as a mismatch"): "лица оценены как несовпадающие",
    ("DecisionDialog", "A comment is required, and the decision goes to a second review."):
        "Нужен комментарий; решение уйдёт на вторую проверку.",
    ("DecisionDialog", "Write an internal comment: why this decision?"):
        "Напишите внутренний комментарий: почему такое решение?",
    ("DecisionDialog", "Choose a reason."): "Выберите причину.",
    ("DecisionDialog", "— choose a reason —"): "— выберите причину —",
    ("DecisionDialog", "This decision is not possible:"): "Такое решение невозможно:",
    ("DecisionDialog", "kinship was not confirmed by the civil registry"): "родство не подтверждено реестром ЗАГС",
    ("DecisionDialog", "the birth certificate's country is not given (taken as Russia)"):
        "страна выдачи свидетельства не указана (принята Россия)",
    ("DecisionDialog", "Reason 'other': write the comment the applicant will read."):
        "Причина «Другое»: напишите комментарий, который прочтёт заявитель.",
    ("MfcConfirmationDialog", "Kinship confirmed at an MFC — {0}"): "Родство подтверждено в МФЦ — {0}",
    ("MfcConfirmationDialog", "Confirmed by (MFC officer)"): "Кто подтвердил (сотрудник МФЦ)",
    ("MfcConfirmationDialog", "MFC office"): "Офис МФЦ",
    ("MfcConfirmationDialog", "Application"): "Заявление",
    ("MfcConfirmationDialog", "Confirmed on"): "Дата подтверждения",
    ("MfcConfirmationDialog", "Document reference"): "Номер документа МФЦ",
    ("MfcConfirmationDialog", "Fill in who confirmed it, the MFC office and the document reference."):
        "Укажите заявление, кто подтвердил, офис МФЦ и номер документа.",
    # app.py
    ("Demo", "Demo accounts"): "Демо-учётные записи",
    ("Demo", "{0} more: their names and passwords are in the command's output"):
        "ещё {0}: их имена и пароли — в выводе команды",
    ("Demo", "PRACTICE — name / password / code (new code in {0} s):"):
        "ТРЕНИРОВКА — имя / пароль / код (новый код через {0} с):",
    ("Demo", "DEMO — name / password / code (new code in {0} s):"):
        "ДЕМО — имя / пароль / код (новый код через {0} с):",
    # review_page.py
    ("FaceCrops", "Live face"): "Живое лицо",
    ("FaceCrops", "Photo in the held passport"): "Фото в паспорте в руках",
    ("FaceCrops", "Passport scan"): "Скан паспорта",
    ("FaceCrops", "scoring…"): "оценка…",
    ("FaceCrops", "no face found"): "лицо не найдено",
    ("FaceCrops", "not searched:\nno consent"): "не искали:\nнет согласия",
    ("PreScorePanel", "Face pre-score (a hint, never a decision)"): "Предоценка лиц (подсказка, не решение)",
    ("PreScorePanel", "Pre-score band"): "Результат предоценки",
    ("PreScorePanel", "Quality flags"): "Замечания о качестве",
    ("PreScorePanel", "Scoring…"): "Идёт сравнение…",
    ("PreScorePanel", "No pre-score: compare by eye"): "Нет предоценки: сравните вручную",
    ("PreScorePanel", "No consent to automated face matching."): "Нет согласия на автоматическое сравнение лиц.",
    ("PreScorePanel", "No quality problems found."): "Замечаний о качестве нет.",
    ("ReviewPage", "No application open. Press N for the next one."):
        "Заявление не открыто. Нажмите N, чтобы взять следующее.",
    ("ReviewPage", "Application"): "Заявление",
    ("ReviewPage", "Lease time left"): "Оставшееся время закрепления",
    ("ReviewPage", "Checks"): "Проверки",
    ("ReviewPage", "Birth certificate"): "Свидетельство о рождении",
    ("SearchTab", "Same face under another name"): "То же лицо под другим именем",
    ("SearchTab", "application number"): "номер заявления",
    ("SearchTab", "surname, first name (the start is enough)"): "фамилия, имя (достаточно начала)",
    ("SearchTab", "series and number, in full"): "серия и номер полностью",
    ("SearchTab", "+7 9xx xxx-xx-xx"): "+7 9xx xxx-xx-xx",
    ("SearchTab", "Application"): "Заявление",
    ("SearchTab", "Name"): "ФИО",
    ("SearchTab", "Passport"): "Паспорт",
    ("SearchTab", "Phone"): "Телефон",
    ("SearchTab", "Find"): "Искать",
    ("SearchTab", "(all dates)"): "(за все даты)",
    ("ReviewPage", "Selfie and passport"): "Селфи и паспорт",
    ("ReviewPage", "No birth certificate image in this application"): "В заявлении нет изображения свидетельства",
    ("ReviewPage", "Applicant data and document fields"): "Данные заявителя и поля документов",
    ("ReviewPage", "Earlier applications and grants"): "Прежние заявления и доступы",
    ("ReviewPage", "Applicant typed / document says"): "Указал заявитель / в документе",
    ("ReviewPage", "due {0}"): "срок {0}",
    ("ReviewPage", "No selfie in this application"): "В заявлении нет селфи",
    ("ReviewPage", "No passport scan in this application"): "В заявлении нет скана паспорта",
    ("ReviewPage", "Lease expired — the application may be taken by someone else"):
        "Закрепление истекло — заявление может взять другой сотрудник",
    ("ReviewPage", "Lease: {0}:{1:02d} left (until {2})"): "Закреплено: осталось {0}:{1:02d} (до {2})",
    # issue 24 (screens): the 1366x768 layout, the facts line, the MFC refusal in words
    ("ReviewPage", "Earlier applications"): "Прежние заявления",
    ("ReviewPage", "Facts of the selected check"): "Факты выбранной проверки",
    ("ReviewPage", "{0}: {1}"): "{0}: {1}",
    ("MainWindow", "{0} is not an application for access to a child's record: an MFC kinship confirmation is not "
                   "recorded on it."):
        "{0} — не заявление на доступ к медкарте ребёнка: подтверждение родства из МФЦ к нему не вносится.",
    ("MainWindow", "Not saved: {0}"): "Не сохранено: {0}",
    ("QueueModel", "next for you (not opened yet)"): "следующее для вас (ещё не открыто)",
    ("Supervisor", "{0} (next in line, not opened yet)"): "{0} (следующее у него, ещё не открыто)",
    ("ServiceErrors", "An MFC kinship confirmation is recorded only on an application for access to a child's "
                      "record; this application is not one. Check the application number."):
        "Подтверждение родства из МФЦ вносится только в заявление на доступ к медкарте ребёнка, а это заявление "
        "другого вида. Проверьте номер заявления.",
    # image_view.py
    ("ImagePair", "Selfie with passport"): "Селфи с паспортом",
    ("ImagePair", "Passport scan"): "Скан паспорта",
    ("ImagePair", "Zoom both together"): "Масштабировать вместе",
    ("ImagePair", "Zoom both images together"): "Масштабировать оба изображения вместе",
    ("ImagePair", "Fit (F)"): "Вписать (F)",
    ("ImagePair", "Fit both images"): "Вписать оба изображения",
    ("ImagePair", "Zoom in"): "Увеличить",
    ("ImagePair", "Zoom out"): "Уменьшить",
    ("ImagePair", "⟳ selfie"): "⟳ селфи",
    ("ImagePair", "Rotate the selfie 90 degrees"): "Повернуть селфи на 90 градусов",
    ("ImagePair", "⟳ scan"): "⟳ скан",
    ("ImagePair", "Rotate the passport scan 90 degrees"): "Повернуть скан паспорта на 90 градусов",
    ("ImageView", "live face"): "живое лицо",
    ("ImageView", "passport photo"): "фото в паспорте",
    ("ImageView", "passport scan"): "скан паспорта",
    ("ImageView", "other face"): "другое лицо",
    ("ImageView", "No image"): "Нет изображения",
    # login.py
    ("LoginPage", "EMK access applications — reviewer's desk"): "Заявления на доступ к ЭМК — рабочее место",
    ("LoginPage", "Staff name"): "Имя сотрудника",
    ("LoginPage", "Password"): "Пароль",
    ("LoginPage", "Six-digit code from the authenticator app"): "Шестизначный код из приложения-аутентификатора",
    ("LoginPage", "Log in"): "Войти",
    ("LoginPage", "Login message"): "Сообщение о входе",
    ("LoginPage", "Name"): "Имя",
    ("LoginPage", "Code"): "Код",
    ("LoginPage", "Enter your name, password and the code from the authenticator app."):
        "Введите имя, пароль и код из приложения-аутентификатора.",
    ("LoginPage", "Checking…"): "Проверка…",
    ("LoginPage", "Wrong name, password or code. Codes change every 30 seconds: use the current one."):
        "Неверное имя, пароль или код. Код меняется каждые 30 секунд: введите текущий.",
    # main_window.py
    ("MainWindow", "Reviewer's desk — EMK access"): "Рабочее место проверяющего — доступ к ЭМК",
    ("MainWindow", "Work areas"): "Разделы",
    ("MainWindow", "Queue"): "Очередь",
    ("MainWindow", "Review"): "Проверка",
    ("MainWindow", "ТРЕНИРОВКА / TRAINING — decisions here grant no access"):
        "ТРЕНИРОВКА — решения здесь не дают доступа",
    ("MainWindow", "Training database"): "Учебная база данных",
    ("MainWindow", "Rule table warning"): "Предупреждение о таблице правил",
    ("MainWindow", "&View"): "&Вид",
    ("MainWindow", "Single-key shortcuts"): "Одиночные клавиши",
    ("MainWindow", "Language (after restart)"): "Язык (после перезапуска)",
    ("MainWindow", "&Help"): "&Справка",
    ("MainWindow", "Log out"): "Выйти",
    ("MainWindow", "The language changes at the next start."): "Язык сменится при следующем запуске.",
    ("MainWindow", "Logging in…"): "Вход…",
    ("MainWindow", "{0} ({1})"): "{0} ({1})",
    ("MainWindow", "Supervisor screens unavailable"): "Экраны руководителя недоступны",
    ("MainWindow", "Loading the queue…"): "Загрузка очереди…",
    ("MainWindow", "Opening the next application…"): "Открывается следующее заявление…",
    ("MainWindow", "Finish first"): "Сначала завершите",
    ("MainWindow", "Decide on or put back {0} before opening another application."):
        "Примите решение по {0} или верните его в очередь, прежде чем открыть другое.",
    ("MainWindow", "Opening {0}…"): "Открывается {0}…",
    ("MainWindow", "The queue is empty. Well done."): "Очередь пуста. Отличная работа.",
    ("MainWindow", "Cannot open the application"): "Не удалось открыть заявление",
    ("MainWindow", "Comparing faces…"): "Сравнение лиц…",
    ("MainWindow", "Face comparison failed: compare by eye."): "Сравнение лиц не удалось: сравните вручную.",
    ("MainWindow", "Key ignored: {0} has only just appeared. Look at it, then decide."):
        "Нажатие не учтено: заявление {0} только что появилось. Просмотрите его, затем примите решение.",
    ("MainWindow", "Saving the decision…"): "Сохранение решения…",
    ("MainWindow", "{0}: saved; it goes to a second review."): "{0}: сохранено; уйдёт на вторую проверку.",
    ("MainWindow", "{0}: decision saved."): "{0}: решение сохранено.",
    ("MainWindow", "The application changed or your lease was lost"):
        "Заявление изменилось или закрепление потеряно",
    ("MainWindow", "The decision was not saved"): "Решение не сохранено",
    ("MainWindow", "The MFC confirmation was not saved"): "Подтверждение МФЦ не сохранено",
    ("MainWindow", "&Applications"): "&Заявления",
    ("MainWindow", "Record an MFC kinship confirmation…"): "Внести подтверждение родства из МФЦ…",
    ("MainWindow", "Saving the MFC confirmation…"): "Сохранение подтверждения МФЦ…",
    ("MainWindow", "{0}: the MFC confirmation is recorded; it counts once another supervisor confirms it."):
        "{0}: подтверждение МФЦ внесено; оно действует после проверки другим руководителем.",
    ("MainWindow", "Open a chosen application"): "Открыть выбранное заявление",
    ("MainWindow", "Why do you open {0} out of turn? (kept in the audit trail)"):
        "Почему вы открываете {0} вне очереди? (записывается в журнал аудита)",
    ("MainWindow", "{0} put back in the queue."): "{0} возвращено в очередь.",
    ("MainWindow", "Could not renew the lease on {0}: {1}"): "Не удалось продлить закрепление {0}: {1}",
    ("MainWindow", "Your lease runs out in {0} s: keep working to renew it."):
        "Закрепление истекает через {0} с: продолжайте работу, чтобы продлить его.",
    # queue_page.py
    ("QueuePage", "Application queue"): "Очередь заявлений",
    ("QueuePage", "Filter by kind"): "Фильтр по виду",
    ("QueuePage", "All kinds"): "Все виды",
    ("QueuePage", "Due soon only"): "Только со скорым сроком",
    ("QueuePage", "Show only applications due soon or overdue"): "Показать только со скорым или прошедшим сроком",
    ("QueuePage", "Next: take the most urgent (N)"): "Следующее: взять самое срочное (N)",
    ("QueuePage", "Claim the most urgent application"): "Взять самое срочное заявление",
    ("QueuePage", "Open selected"): "Открыть выбранное",
    ("QueuePage", "Open selected (give a reason)"): "Открыть выбранное (с указанием причины)",
    ("QueuePage", "Reviewers take the next application (N); a supervisor may open a chosen one."):
        "Проверяющий берёт следующее заявление (N); выбранное может открыть руководитель.",
    ("QueuePage", "Open the selected application"): "Открыть выбранное заявление",
    ("QueuePage", "Refresh"): "Обновить",
    ("QueuePage", "Refresh the queue"): "Обновить очередь",
    ("QueuePage", "Queue summary"): "Итог по очереди",
    ("QueuePage", "Kind:"): "Вид:",
    ("QueuePage", "{0} applications, {1} overdue"): "Заявлений: {0}, просрочено: {1}",
    # tasks.py
    ("TaskRunner", "Error"): "Ошибка",
    # the review loop (issue 15: undo, acknowledgement, checks summary, keys)
    ("DecisionBar", "Put back (P)"): "Вернуть в очередь (P)",
    ("MainWindow", "Opening…"): "Открываю…",
    ("MainWindow", "Undo the last decision"): "Отменить последнее решение",
    ("MainWindow", "&Desk"): "&Работа",
    ("MainWindow", "Decision taken back: the application is on screen again."):
        "Решение отменено: заявление снова на экране.",
    ("MainWindow", "Checks by hand acknowledged: Approve is possible."):
        "Ручные проверки подтверждены: можно одобрить.",
    ("MainWindow", "Not saved: {0} changed or your lease was lost."):
        "Не сохранено: заявление {0} изменилось или ваша бронь истекла.",
    ("MainWindow", "{0}: {1} — undo with U or Ctrl+Z ({2} s)"): "{0}: {1} — отменить: U или Ctrl+Z ({2} с)",
    ("MainWindow", "Check the results marked “check by hand” first, then press K to acknowledge them; "
                   "Approve after that."):
        "Сначала проверьте вручную результаты с пометкой «проверить вручную» и нажмите K; затем одобряйте.",
    ("MainWindow", "The decision on {0} was not saved"): "Решение по заявлению {0} не сохранено",
    ("PreScorePanel", "Checks summary"): "Итог проверок",
    ("PreScorePanel", "press K when checked"): "проверив, нажмите K",
    ("PreScorePanel", "All checks passed"): "Все проверки пройдены",
    ("MainWindow", "The faces are still being compared: Approve once the comparison is done."):
        "Лица ещё сравниваются: одобрить можно, когда сравнение закончится.",
    ("PreScorePanel", "No check failed; read the warnings"): "Непройденных проверок нет; прочтите предупреждения",
    ("Shortcuts", "Undo the last decision (10 s)"): "Отменить последнее решение (10 с)",
    ("Shortcuts", "Acknowledge the checks by hand"): "Подтвердить ручные проверки",
    ("Shortcuts", "Put the application back in the queue"): "Вернуть заявление в очередь",
    ("Shortcuts", "Log out"): "Выйти",
    ("DecisionDialog", "&Reason"): "&Причина",
    ("DecisionDialog", "Comment for the &applicant (optional)"): "&Комментарий для заявителя (необязательно)",
    ("DecisionDialog", "Comment for the &applicant (required)"): "&Комментарий для заявителя (обязательно)",
    ("DecisionDialog", "&Internal comment"): "&Внутренний комментарий",
    ("DecisionDialog", "What failed"): "Что не прошло",
    ("DecisionDialog", "What failed:"): "Что не прошло проверку:",
    ("DecisionDialog", "What is missing"): "Чего не хватает",
    ("DecisionDialog", "Save (Ctrl+Enter)"): "Сохранить (Ctrl+Enter)",
    ("DecisionDialog", "Tab: next field · Ctrl+Enter: save · Esc: cancel"):
        "Tab — следующее поле · Ctrl+Enter — сохранить · Esc — отмена",
    ("DecisionDialog", "{0}: the applicant typed “{1}”, the document says “{2}”"):
        "{0}: заявитель указал «{1}», в документе «{2}»",
    ("DecisionDialog", "The reason “other” needs a comment for the applicant: say what to correct."):
        "Для причины «другое» нужен комментарий для заявителя: напишите, что исправить.",
    # errors.py: service refusals and failures in words (by the error's code)
    ("ServiceErrors", "Your role does not allow this action."):
        "Ваша роль не позволяет выполнить это действие.",
    ("ServiceErrors", "This action needs a staff account: log in with your own account."):
        "Для этого действия нужна учётная запись сотрудника: войдите под своей учётной записью.",
    ("ServiceErrors", "Your account was disabled or its role changed. Log in again."):
        "Ваша учётная запись отключена или её роль изменилась. Войдите снова.",
    ("ServiceErrors", "This account is disabled. Ask an administrator."):
        "Эта учётная запись отключена. Обратитесь к администратору.",
    ("ServiceErrors", "This account is locked after too many failed attempts. An administrator can unlock it."):
        "Учётная запись заблокирована после слишком многих неудачных попыток входа. Разблокировать её может "
        "администратор.",
    ("ServiceErrors", "This account is locked after too many failed attempts, until {0} (Moscow time). An "
                      "administrator can unlock it earlier."):
        "Учётная запись заблокирована после слишком многих неудачных попыток входа, до {0} (по московскому времени). "
        "Администратор может разблокировать её раньше.",
    ("ServiceErrors", "Too many failed logins: wait a little and try again."):
        "Слишком много неудачных попыток входа: подождите немного и повторите.",
    ("ServiceErrors", "Too many failed logins: try again after {0} (Moscow time)."):
        "Слишком много неудачных попыток входа: повторите после {0} (по московскому времени).",
    ("ServiceErrors", "Wrong name, password or code. Codes change every 30 seconds: use the current one."):
        "Неверное имя, пароль или код. Код меняется каждые 30 секунд: введите текущий.",
    ("ServiceErrors", "You made this decision yourself: its second review must be done by someone else."):
        "Это решение приняли вы сами: повторную проверку должен провести другой сотрудник.",
    ("ServiceErrors", "Someone else changed this record in the meantime. Refresh and try again."):
        "Запись тем временем изменил другой сотрудник. Обновите данные и повторите.",
    ("ServiceErrors", "Someone else changed this application in the meantime. Open it again to see it as it is now."):
        "Заявление тем временем изменил другой сотрудник. Откройте его заново, чтобы увидеть текущее состояние.",
    ("ServiceErrors", "The application is no longer held by you (the lease ran out or it was given to someone else). "
                      "Open it again from the queue."):
        "Заявление больше не закреплено за вами (закрепление истекло или заявление передано другому сотруднику). "
        "Откройте его заново из очереди.",
    ("ServiceErrors", "Your lease on the application ran out, so nothing was saved. Open it again from the queue."):
        "Закрепление заявления истекло, поэтому ничего не сохранено. Откройте его заново из очереди.",
    ("ServiceErrors", "The application cannot be taken now: it has been decided, or someone else is reviewing it."):
        "Заявление сейчас нельзя взять: по нему уже принято решение или его проверяет другой сотрудник.",
    ("ServiceErrors", "Nobody holds this application now: there is nothing to take back."):
        "Заявление сейчас ни за кем не закреплено: снимать нечего.",
    ("ServiceErrors", "This decision is no longer waiting for a second review."):
        "Это решение больше не ждёт повторной проверки.",
    ("ServiceErrors", "Someone else reviewed this decision in the meantime. Refresh the list."):
        "Это решение тем временем проверил другой сотрудник. Обновите список.",
    ("ServiceErrors", "The application had only just appeared, so the key was ignored. Look at it, then decide."):
        "Заявление только что появилось на экране, поэтому нажатие не учтено. Просмотрите его, затем примите "
        "решение.",
    ("ServiceErrors", "The citizen's login phone was changed by another decision in the meantime, so nothing was "
                      "saved. Open the application again and decide once more."):
        "Телефон для входа гражданина тем временем изменён другим решением, поэтому ничего не сохранено. "
        "Откройте заявление заново и примите решение ещё раз.",
    ("ServiceErrors", "The record was not found: it may have been removed. Refresh and try again."):
        "Запись не найдена: возможно, она удалена. Обновите данные и повторите.",
    ("ServiceErrors", "The image was deleted when its retention period ended."):
        "Изображение удалено по истечении срока хранения.",
    ("ServiceErrors", "The image cannot be read: it is damaged, too large or in an unsupported format."):
        "Изображение не читается: файл повреждён, слишком велик или в неподдерживаемом формате.",
    ("ServiceErrors", "The faces are still being compared: Approve once the comparison is done."):
        "Лица ещё сравниваются: одобрить можно, когда сравнение закончится.",
    ("ServiceErrors", "Check the results marked “check by hand” first, then press K to acknowledge them; Approve "
                      "after that."):
        "Сначала проверьте вручную результаты с пометкой «проверить вручную» и нажмите K; затем одобряйте.",
    ("ServiceErrors", "The rules do not allow this decision on this application."):
        "Правила не допускают такого решения по этому заявлению.",
    ("ServiceErrors", "The decision is incomplete: fill in the reason and the comments it needs."):
        "Решение не заполнено: укажите причину и нужные комментарии.",
    ("ServiceErrors", "Overturning a decision needs a comment saying why."):
        "Чтобы отменить решение, напишите комментарий с причиной.",
    ("ServiceErrors", "Type the passport's series and number in full (10 digits)."):
        "Введите серию и номер паспорта полностью (10 цифр).",
    ("ServiceErrors", "The phone searched for is not a Russian mobile number."):
        "Искомый телефон — не российский мобильный номер.",
    ("ServiceErrors", "Opening a chosen application needs a reason."):
        "Чтобы открыть выбранное заявление, укажите причину.",
    ("ServiceErrors", "Refusing an MFC confirmation needs a comment saying why."):
        "Чтобы отклонить подтверждение МФЦ, напишите комментарий с причиной.",
    ("ServiceErrors", "You recorded this MFC confirmation yourself: another supervisor confirms or refuses it."):
        "Вы сами внесли это подтверждение МФЦ: подтверждает или отклоняет его другой руководитель.",
    ("ServiceErrors", "Reviewers take the next application (N); only a supervisor opens a chosen one, giving a "
                      "reason."):
        "Проверяющий берёт следующее заявление (N); выбранное открывает только руководитель, указав причину.",
    ("ServiceErrors", "This application is your own or a relative's: another reviewer takes it."):
        "Это ваше заявление или заявление родственника: его проверит другой сотрудник.",
    ("ServiceErrors", "This MFC confirmation is no longer waiting for a verification. Refresh the list."):
        "Это подтверждение МФЦ больше не ждёт проверки. Обновите список.",
    ("ServiceErrors", "The start of the period is after its end."):
        "Начало периода позже его конца.",
    ("ServiceErrors", "This staff member cannot take applications (disabled, or not a reviewer)."):
        "Этот сотрудник не может брать заявления (отключён или не проверяющий).",
    ("ServiceErrors", "The database cannot be reached. Try again in a minute; if it persists, call the administrator."):
        "Нет связи с базой данных. Повторите через минуту; если не поможет, позвоните администратору.",
    ("ServiceErrors", "The reviewer service of this workstation could not start. The details are in the log; "
                      "close the program and start it again, and if it persists, call the administrator."):
        "Сервис проверки на этом рабочем месте не запустился. Подробности в журнале; закройте программу и "
        "запустите её снова, а если не поможет, позвоните администратору.",
    ("ServiceErrors", "This reviewer service belongs to another program on this computer. Call the "
                      "administrator."):
        "Этот сервис проверки принадлежит другой программе на этом компьютере. Позвоните администратору.",
    # local_service.py
    ("LocalService", "Starting the reviewer service: you are signed in as soon as it is ready…"):
        "Запускается сервис проверки: вход выполнится, как только он будет готов…",
    ("LocalService", "Starting the reviewer service…"): "Запускается сервис проверки…",
    ("ServiceErrors", "The reviewer service cannot be reached. What you typed is kept; try again in a minute. "
                      "If it persists, call the administrator."):
        "Нет связи с сервисом проверки. Введённое сохранено; повторите через минуту. Если не поможет, позвоните "
        "администратору.",
    ("ServiceErrors", "You are not signed in to the reviewer service. Log out and sign in again."):
        "Вы не вошли в сервис проверки. Выйдите и войдите снова.",
    ("ServiceErrors", "Your session has ended. Log out and sign in again."):
        "Сеанс завершён. Выйдите и войдите снова.",
    ("ServiceErrors", "Your session ended after a time without work. Log out and sign in again."):
        "Сеанс завершён после перерыва в работе. Выйдите и войдите снова.",
    ("ServiceErrors", "Your session reached its maximum length. Log out and sign in again."):
        "Сеанс достиг наибольшей длительности. Выйдите и войдите снова.",
    ("ServiceErrors", "This desk and the reviewer service are different versions of the program. Call the "
                      "administrator to install the same version on both."):
        "Рабочее место и сервис проверки — разные версии программы. Позвоните администратору, чтобы он "
        "установил одну и ту же версию.",
    ("ServiceErrors", "The desk sent a decision the service could not accept. Call the administrator."):
        "Сервис не принял решение, отправленное рабочим местом. Позвоните администратору.",
    ("ServiceErrors", "This account is not another system's account. People sign in at a desk."):
        "Это не учётная запись другой системы. Сотрудники входят на рабочем месте.",
    ("ServiceErrors", "The application pack was refused. The reason names the file and the field."):
        "Пакет заявления отклонён. В причине названы файл и поле.",
    ("ServiceErrors", "The application pack is larger than a pack may be."):
        "Пакет заявления больше допустимого размера.",
    ("ServiceErrors", "The decision is being saved right now. Wait a moment and look at the queue."):
        "Решение сохраняется прямо сейчас. Подождите немного и посмотрите очередь.",
    ("ServiceErrors", "The desk sent a request the service could not accept. Call the administrator."):
        "Сервис не принял запрос рабочего места. Позвоните администратору.",
    ("ServiceErrors", "The database must be updated for this version of the program. Call the administrator."):
        "Базу данных нужно обновить для этой версии программы. Позвоните администратору.",
    ("ServiceErrors", "A document cannot be read from the document store. Call the administrator."):
        "Документ не удаётся прочитать из хранилища документов. Позвоните администратору.",
    ("ServiceErrors", "A stored document failed its integrity check (it was altered or damaged). Call the "
                      "administrator."):
        "Сохранённый документ не прошёл проверку целостности (изменён или повреждён). Позвоните администратору.",
    ("ServiceErrors", "The program's settings are wrong. Call the administrator."):
        "Настройки программы неверны. Позвоните администратору.",
    ("ServiceErrors", "The action could not be completed. The details are in the log; if it happens again, call the "
                      "administrator."):
        "Действие не выполнено. Подробности записаны в журнал; если ошибка повторится, позвоните администратору.",
    ("ServiceErrors", "Unexpected error. The details are in the log; please call the administrator."):
        "Непредвиденная ошибка. Подробности записаны в журнал; позвоните администратору.",
}

# The supervisor's console, the trainer's feedback and the codes in words live in their own table.
from reviewer_app.ui.i18n.ru_words import RU_WORDS  # noqa: E402

RU.update(RU_WORDS)

# The trainer's desk and the training feedback.
from reviewer_app.ui.i18n.ru_training import RU_TRAINING  # noqa: E402

RU.update(RU_TRAINING)
# The administrator's desk (ui/admin) keeps its texts in its own table too.
from reviewer_app.ui.i18n.ru_admin import RU_ADMIN  # noqa: E402

RU.update(RU_ADMIN)
# The supervisor deciding escalations and the statistics' exports (issue 24 items 3-4).
from reviewer_app.ui.i18n.ru_supervision_desk import RU_SUPERVISION_DESK  # noqa: E402

RU.update(RU_SUPERVISION_DESK)

# The statistics' export refusals (ui/errors.py).
RU.update({
    ("ServiceErrors", "The statistics can be exported as CSV or PDF only."):
        "Статистику можно выгрузить только в CSV или PDF.",
    ("ServiceErrors", "The statistics can be exported in Russian or English only."):
        "Статистику можно выгрузить только на русском или английском языке.",
})
