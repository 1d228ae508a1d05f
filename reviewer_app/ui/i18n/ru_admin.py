"""Russian texts of the administrator's desk (ui/admin): staff accounts and the audit trail. Kept apart from
ru.py (which merges them into RU) so that the administrator's screen can grow without touching the others'."""

_A = "AdminScreen"

RU_ADMIN: dict[tuple[str, str], str] = {(_A, en): ru for en, ru in {
    # tabs and tables
    "Staff": "Сотрудники",
    "Audit trail": "Журнал аудита",
    "Staff accounts": "Учётные записи сотрудников",
    "Audit entries": "Записи журнала аудита",
    "Name": "Имя входа",
    "Full name": "ФИО",
    "Role": "Роль",
    "State": "Состояние",
    "Authenticator": "Аутентификатор",
    "Failed sign-ins": "Неудачные входы",
    "Kind": "Вид",
    "Created": "Создана",
    "script": "сценарий",
    "person": "человек",
    "No.": "№",
    "Time (Moscow)": "Время (МСК)",
    "Who": "Кто",
    "What": "Что",
    "About": "Объект",
    "Details": "Подробности",
    "account no. {0}": "учётная запись № {0}",
    "yes": "да",
    "no": "нет",
    "active": "действует",
    "locked": "заблокирована",
    "disabled": "отключена",
    "locked until {0}": "заблокирована до {0}",
    # staff actions
    "Add…": "Добавить…",
    "Disable": "Отключить",
    "Enable": "Включить",
    "Unlock": "Разблокировать",
    "New authenticator code…": "Новый код аутентификатора…",
    "Change role…": "Сменить роль…",
    "Change role": "Смена роли",
    "New role of {0}:": "Новая роль сотрудника {0}:",
    "Refresh": "Обновить",
    "Loading the staff…": "Загрузка списка сотрудников…",
    "Saving…": "Сохранение…",
    "Staff administration": "Управление сотрудниками",
    "Accounts: {0} (active {1}, locked {2}, disabled {3}).":
        "Учётных записей: {0} (действуют: {1}, заблокированы: {2}, отключены: {3}).",
    "{0} added.": "Сотрудник {0} добавлен.",
    "{0} disabled.": "Учётная запись {0} отключена.",
    "{0} enabled.": "Учётная запись {0} включена.",
    "{0} unlocked.": "Учётная запись {0} разблокирована.",
    "{0} has a new authenticator code.": "У сотрудника {0} новый код аутентификатора.",
    "{0} is now {1}.": "Новая роль сотрудника {0}: {1}.",
    "Disable {0}? Their open sessions stop at once; they cannot sign in until enabled again.":
        "Отключить учётную запись {0}? Открытые сеансы сразу прекратятся; войти снова можно будет только после "
        "включения.",
    "Give {0} a new authenticator code? Their old codes stop working at once.":
        "Выдать сотруднику {0} новый код аутентификатора? Старые коды сразу перестанут действовать.",
    # dialogs
    "Add a staff member": "Новый сотрудник",
    "latin letters, digits, “.”, “_” or “-”": "латинские буквы, цифры, «.», «_» или «-»",
    "First password": "Первый пароль",
    "Password again": "Пароль ещё раз",
    "Name: type the staff member's sign-in name.": "Имя входа: введите имя, под которым сотрудник будет входить.",
    "First password: at least 10 characters.": "Первый пароль: не меньше 10 символов.",
    "Password again: the two passwords differ.": "Пароль ещё раз: пароли не совпадают.",
    "Authenticator code for {0}": "Код аутентификатора для {0}",
    "{0} is added as {1}. Let them scan this code with an authenticator app now: it is shown only once.":
        "Сотрудник {0} добавлен, роль: {1}. Пусть он сейчас отсканирует этот код приложением-аутентификатором: "
        "код показывается только один раз.",
    "{0} ({1}) has a new authenticator code; the old codes no longer work. Let them scan this code now: it is "
    "shown only once.":
        "У сотрудника {0} ({1}) новый код аутентификатора; старые коды больше не действуют. Пусть он сейчас "
        "отсканирует этот код: он показывается только один раз.",
    "QR code of the authenticator key": "QR-код ключа аутентификатора",
    "Or type this key by hand: {0}": "Или введите ключ вручную: {0}",
    # audit search and verify
    "who (staff name)": "кто (имя входа)",
    "What happened": "Что произошло",
    "Any action": "Любое действие",
    "application number or other target": "номер заявления или другой объект",
    "Period": "Период",
    "Search": "Найти",
    "Next page": "Следующая страница",
    "Verify the audit trail": "Проверить журнал аудита",
    "Searching the audit trail…": "Поиск в журнале аудита…",
    "Verifying the audit trail…": "Проверка журнала аудита…",
    "Entries shown: {0}; more on the next page.": "Показано записей: {0}; остальные — на следующей странице.",
    "Entries found: {0}.": "Найдено записей: {0}.",
    "The audit trail's signed anchor is missing: a shortened trail could not be told from an intact one. On a "
    "new installation it is set up once; otherwise restore it from a backup.":
        "Подписанная опорная точка журнала аудита отсутствует: укороченный журнал нельзя отличить от целого. На "
        "новой установке её создают один раз; в остальных случаях восстановите её из резервной копии.",
    "The audit trail is BROKEN at entry {0}: it was changed, removed or inserted after it was written. Report it "
    "to security.":
        "Журнал аудита НАРУШЕН на записи {0}: её изменили, удалили или вставили после записи. Сообщите в службу "
        "безопасности.",
    "The audit trail is intact. Entries checked: {0}; signed checkpoints matched: {1}.":
        "Журнал аудита цел. Проверено записей: {0}; совпало подписанных контрольных точек: {1}.",
    "Audit trail verified": "Журнал аудита проверен",
    "Audit trail searched": "Поиск в журнале аудита",
    # actions in words
    "Signed in": "Вход в систему",
    "Failed sign-in": "Неудачный вход",
    "Session ended": "Сеанс завершён",
    "Account locked after failed sign-ins": "Учётная запись заблокирована после неудачных входов",
    "Account created": "Учётная запись создана",
    "Account changed": "Учётная запись изменена",
    "Account disabled": "Учётная запись отключена",
    "Account enabled": "Учётная запись включена",
    "Account unlocked": "Учётная запись разблокирована",
    "Role changed": "Роль изменена",
    "Password reset": "Пароль сброшен",
    "New authenticator code issued": "Выдан новый код аутентификатора",
    "Script signed in": "Вход сценария",
    "SMS outbox read": "Просмотр исходящих СМС",
    "Access grants read": "Просмотр выданных доступов",
    "Decisions searched": "Поиск по решениям",
    "Report exported": "Выгрузка отчёта",
    "Citizen asked for a login code": "Гражданин запросил код входа",
    "Login code sent": "Код входа отправлен",
    "Login code accepted": "Код входа принят",
    "Wrong login code": "Неверный код входа",
    "Citizen login locked": "Вход гражданина заблокирован",
    "Citizen login unlocked": "Вход гражданина разблокирован",
    "Medical record opened": "Медкарта открыта",
    "Medical record refused": "В доступе к медкарте отказано",
    "Citizen opted out": "Гражданин отказался от ЭМК",
    "Citizen opted back in": "Гражданин отменил отказ от ЭМК",
    "Citizen's phone changed": "Телефон гражданина изменён",
    "SMS sent": "СМС отправлено",
    "SMS failed": "СМС не отправлено",
    "MFC confirmation counted": "Подтверждение МФЦ учтено",
    "MFC confirmation recorded": "Подтверждение МФЦ записано",
    "MFC confirmation refused": "Подтверждение МФЦ отклонено",
    "Own or a relative's application skipped": "Пропущено своё заявление или заявление родственника",
    "Training started": "Тренировка начата",
    "Training cases loaded": "Тренировочные заявления загружены",
    "Training history loaded": "История тренировки загружена",
    "Civil registry loaded": "Реестр ЗАГС загружен",
    "Store key rotated": "Ключ хранилища заменён",
    "Document failed its integrity check": "Документ не прошёл проверку целостности",
    "Face described again": "Лицо описано заново",
    # audit details
    "name": "имя", "role": "роль", "problem": "причина", "from where": "откуда", "failures": "неудач подряд",
    "until": "до", "was": "было", "now": "стало", "why": "почему", "entries": "записей", "who": "кто",
    "action": "действие", "from": "с", "reason": "причина", "outcome": "решение", "application": "заявление",
    "comment": "комментарий", "identity": "личные данные", "wrong code": "неверный код",
    "wrong password": "неверный пароль", "unknown name": "неизвестное имя", "code used twice": "код использован "
    "повторно", "no authenticator": "нет аутентификатора", "account disabled": "учётная запись отключена",
    "a script's account at a desk": "учётная запись сценария на рабочем месте",
    "not a script's account": "не учётная запись сценария", "signed out": "выход",
    "no work for too long": "долго не было работы", "account locked": "учётная запись заблокирована",
    "pack checksum": "контрольная сумма пакета", "checksum": "контрольная сумма", "kind": "вид",
    "installation": "установка", "training set-up": "подготовка тренировки",
    "read only": "только просмотр", "chosen by id": "выбрано по номеру", "count": "количество",
}.items()}

# The refusals of staff administration (ui/errors.py words them for every screen).
RU_ADMIN.update({("ServiceErrors", en): ru for en, ru in {
    "You cannot disable your own account or change your own role.":
        "Нельзя отключить собственную учётную запись или сменить собственную роль.",
    "This is the last enabled administrator: add or enable another one first.":
        "Это последний действующий администратор: сначала добавьте или включите другого.",
    "A staff member with this name already exists.": "Сотрудник с таким именем входа уже есть.",
    "The name must be 2 to 64 characters: latin letters, digits, “.”, “_” or “-”.":
        "Имя входа — от 2 до 64 символов: латинские буквы, цифры, «.», «_» или «-».",
    "The password must be at least 10 characters long.": "Пароль должен быть не короче 10 символов.",
    "Choose one of the roles offered.": "Выберите одну из предложенных ролей.",
}.items()})
