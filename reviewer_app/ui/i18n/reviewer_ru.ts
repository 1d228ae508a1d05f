<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Staff</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Учётные записи сотрудников</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Записи журнала аудита</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя входа</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Authenticator</source>
        <translation>Аутентификатор</translation>
    </message>
    <message>
        <source>Failed sign-ins</source>
        <translation>Неудачные входы</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <source>script</source>
        <translation>сценарий</translation>
    </message>
    <message>
        <source>person</source>
        <translation>человек</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time (Moscow)</source>
        <translation>Время (МСК)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>account no. {0}</source>
        <translation>учётная запись № {0}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>active</source>
        <translation>действует</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>заблокирована</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>отключена</translation>
    </message>
    <message>
        <source>locked until {0}</source>
        <translation>заблокирована до {0}</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Включить</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>New authenticator code…</source>
        <translation>Новый код аутентификатора…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Сменить роль…</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Смена роли</translation>
    </message>
    <message>
        <source>New role of {0}:</source>
        <translation>Новая роль сотрудника {0}:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Loading the staff…</source>
        <translation>Загрузка списка сотрудников…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>Staff administration</source>
        <translation>Управление сотрудниками</translation>
    </message>
    <message>
        <source>Accounts: {0} (active {1}, locked {2}, disabled {3}).</source>
        <translation>Учётных записей: {0} (действуют: {1}, заблокированы: {2}, отключены: {3}).</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>Сотрудник {0} добавлен.</translation>
    </message>
    <message>
        <source>{0} disabled.</source>
        <translation>Учётная запись {0} отключена.</translation>
    </message>
    <message>
        <source>{0} enabled.</source>
        <translation>Учётная запись {0} включена.</translation>
    </message>
    <message>
        <source>{0} unlocked.</source>
        <translation>Учётная запись {0} разблокирована.</translation>
    </message>
    <message>
        <source>{0} has a new authenticator code.</source>
        <translation>У сотрудника {0} новый код аутентификатора.</translation>
    </message>
    <message>
        <source>{0} is now {1}.</source>
        <translation>Новая роль сотрудника {0}: {1}.</translation>
    </message>
    <message>
        <source>Disable {0}? Their open sessions stop at once; they cannot sign in until enabled again.</source>
        <translation>Отключить учётную запись {0}? Открытые сеансы сразу прекратятся; войти снова можно будет только после включения.</translation>
    </message>
    <message>
        <source>Give {0} a new authenticator code? Their old codes stop working at once.</source>
        <translation>Выдать сотруднику {0} новый код аутентификатора? Старые коды сразу перестанут действовать.</translation>
    </message>
    <message>
        <source>Add a staff member</source>
        <translation>Новый сотрудник</translation>
    </message>
    <message>
        <source>latin letters, digits, “.”, “_” or “-”</source>
        <translation>латинские буквы, цифры, «.», «_» или «-»</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>Первый пароль</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Пароль ещё раз</translation>
    </message>
    <message>
        <source>Name: type the staff member's sign-in name.</source>
        <translation>Имя входа: введите имя, под которым сотрудник будет входить.</translation>
    </message>
    <message>
        <source>First password: at least 10 characters.</source>
        <translation>Первый пароль: не меньше 10 символов.</translation>
    </message>
    <message>
        <source>Password again: the two passwords differ.</source>
        <translation>Пароль ещё раз: пароли не совпадают.</translation>
    </message>
    <message>
        <source>Authenticator code for {0}</source>
        <translation>Код аутентификатора для {0}</translation>
    </message>
    <message>
        <source>{0} is added as {1}. Let them scan this code with an authenticator app now: it is shown only once.</source>
        <translation>Сотрудник {0} добавлен, роль: {1}. Пусть он сейчас отсканирует этот код приложением-аутентификатором: код показывается только один раз.</translation>
    </message>
    <message>
        <source>{0} ({1}) has a new authenticator code; the old codes no longer work. Let them scan this code now: it is shown only once.</source>
        <translation>У сотрудника {0} ({1}) новый код аутентификатора; старые коды больше не действуют. Пусть он сейчас отсканирует этот код: он показывается только один раз.</translation>
    </message>
    <message>
        <source>QR code of the authenticator key</source>
        <translation>QR-код ключа аутентификатора</translation>
    </message>
    <message>
        <source>Or type this key by hand: {0}</source>
        <translation>Или введите ключ вручную: {0}</translation>
    </message>
    <message>
        <source>who (staff name)</source>
        <translation>кто (имя входа)</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Что произошло</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Любое действие</translation>
    </message>
    <message>
        <source>application number or other target</source>
        <translation>номер заявления или другой объект</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <source>Verify the audit trail</source>
        <translation>Проверить журнал аудита</translation>
    </message>
    <message>
        <source>Searching the audit trail…</source>
        <translation>Поиск в журнале аудита…</translation>
    </message>
    <message>
        <source>Verifying the audit trail…</source>
        <translation>Проверка журнала аудита…</translation>
    </message>
    <message>
        <source>Entries shown: {0}; more on the next page.</source>
        <translation>Показано записей: {0}; остальные — на следующей странице.</translation>
    </message>
    <message>
        <source>Entries found: {0}.</source>
        <translation>Найдено записей: {0}.</translation>
    </message>
    <message>
        <source>The audit trail's signed anchor is missing: a shortened trail could not be told from an intact one. On a new installation it is set up once; otherwise restore it from a backup.</source>
        <translation>Подписанная опорная точка журнала аудита отсутствует: укороченный журнал нельзя отличить от целого. На новой установке её создают один раз; в остальных случаях восстановите её из резервной копии.</translation>
    </message>
    <message>
        <source>The audit trail is BROKEN at entry {0}: it was changed, removed or inserted after it was written. Report it to security.</source>
        <translation>Журнал аудита НАРУШЕН на записи {0}: её изменили, удалили или вставили после записи. Сообщите в службу безопасности.</translation>
    </message>
    <message>
        <source>The audit trail is intact. Entries checked: {0}; signed checkpoints matched: {1}.</source>
        <translation>Журнал аудита цел. Проверено записей: {0}; совпало подписанных контрольных точек: {1}.</translation>
    </message>
    <message>
        <source>Audit trail verified</source>
        <translation>Журнал аудита проверен</translation>
    </message>
    <message>
        <source>Audit trail searched</source>
        <translation>Поиск в журнале аудита</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Вход в систему</translation>
    </message>
    <message>
        <source>Failed sign-in</source>
        <translation>Неудачный вход</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>Сеанс завершён</translation>
    </message>
    <message>
        <source>Account locked after failed sign-ins</source>
        <translation>Учётная запись заблокирована после неудачных входов</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Учётная запись создана</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>Учётная запись изменена</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>Учётная запись отключена</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>Учётная запись включена</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>Учётная запись разблокирована</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Роль изменена</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Пароль сброшен</translation>
    </message>
    <message>
        <source>New authenticator code issued</source>
        <translation>Выдан новый код аутентификатора</translation>
    </message>
    <message>
        <source>Script signed in</source>
        <translation>Вход сценария</translation>
    </message>
    <message>
        <source>SMS outbox read</source>
        <translation>Просмотр исходящих СМС</translation>
    </message>
    <message>
        <source>Access grants read</source>
        <translation>Просмотр выданных доступов</translation>
    </message>
    <message>
        <source>Decisions searched</source>
        <translation>Поиск по решениям</translation>
    </message>
    <message>
        <source>Report exported</source>
        <translation>Выгрузка отчёта</translation>
    </message>
    <message>
        <source>Citizen asked for a login code</source>
        <translation>Гражданин запросил код входа</translation>
    </message>
    <message>
        <source>Login code sent</source>
        <translation>Код входа отправлен</translation>
    </message>
    <message>
        <source>Login code accepted</source>
        <translation>Код входа принят</translation>
    </message>
    <message>
        <source>Wrong login code</source>
        <translation>Неверный код входа</translation>
    </message>
    <message>
        <source>Citizen login locked</source>
        <translation>Вход гражданина заблокирован</translation>
    </message>
    <message>
        <source>Citizen login unlocked</source>
        <translation>Вход гражданина разблокирован</translation>
    </message>
    <message>
        <source>Medical record opened</source>
        <translation>Медкарта открыта</translation>
    </message>
    <message>
        <source>Medical record refused</source>
        <translation>В доступе к медкарте отказано</translation>
    </message>
    <message>
        <source>Citizen opted out</source>
        <translation>Гражданин отказался от ЭМК</translation>
    </message>
    <message>
        <source>Citizen opted back in</source>
        <translation>Гражданин отменил отказ от ЭМК</translation>
    </message>
    <message>
        <source>Citizen's phone changed</source>
        <translation>Телефон гражданина изменён</translation>
    </message>
    <message>
        <source>SMS sent</source>
        <translation>СМС отправлено</translation>
    </message>
    <message>
        <source>SMS failed</source>
        <translation>СМС не отправлено</translation>
    </message>
    <message>
        <source>MFC confirmation counted</source>
        <translation>Подтверждение МФЦ учтено</translation>
    </message>
    <message>
        <source>MFC confirmation recorded</source>
        <translation>Подтверждение МФЦ записано</translation>
    </message>
    <message>
        <source>MFC confirmation refused</source>
        <translation>Подтверждение МФЦ отклонено</translation>
    </message>
    <message>
        <source>Own or a relative's application skipped</source>
        <translation>Пропущено своё заявление или заявление родственника</translation>
    </message>
    <message>
        <source>Training started</source>
        <translation>Тренировка начата</translation>
    </message>
    <message>
        <source>Training cases loaded</source>
        <translation>Тренировочные заявления загружены</translation>
    </message>
    <message>
        <source>Training history loaded</source>
        <translation>История тренировки загружена</translation>
    </message>
    <message>
        <source>Civil registry loaded</source>
        <translation>Реестр ЗАГС загружен</translation>
    </message>
    <message>
        <source>Store key rotated</source>
        <translation>Ключ хранилища заменён</translation>
    </message>
    <message>
        <source>Document failed its integrity check</source>
        <translation>Документ не прошёл проверку целостности</translation>
    </message>
    <message>
        <source>Face described again</source>
        <translation>Лицо описано заново</translation>
    </message>
    <message>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <source>role</source>
        <translation>роль</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>from where</source>
        <translation>откуда</translation>
    </message>
    <message>
        <source>failures</source>
        <translation>неудач подряд</translation>
    </message>
    <message>
        <source>until</source>
        <translation>до</translation>
    </message>
    <message>
        <source>was</source>
        <translation>было</translation>
    </message>
    <message>
        <source>now</source>
        <translation>стало</translation>
    </message>
    <message>
        <source>why</source>
        <translation>почему</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>записей</translation>
    </message>
    <message>
        <source>who</source>
        <translation>кто</translation>
    </message>
    <message>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>решение</translation>
    </message>
    <message>
        <source>application</source>
        <translation>заявление</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>личные данные</translation>
    </message>
    <message>
        <source>wrong code</source>
        <translation>неверный код</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>неверный пароль</translation>
    </message>
    <message>
        <source>unknown name</source>
        <translation>неизвестное имя</translation>
    </message>
    <message>
        <source>code used twice</source>
        <translation>код использован повторно</translation>
    </message>
    <message>
        <source>no authenticator</source>
        <translation>нет аутентификатора</translation>
    </message>
    <message>
        <source>account disabled</source>
        <translation>учётная запись отключена</translation>
    </message>
    <message>
        <source>a script's account at a desk</source>
        <translation>учётная запись сценария на рабочем месте</translation>
    </message>
    <message>
        <source>not a script's account</source>
        <translation>не учётная запись сценария</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>выход</translation>
    </message>
    <message>
        <source>no work for too long</source>
        <translation>долго не было работы</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>учётная запись заблокирована</translation>
    </message>
    <message>
        <source>pack checksum</source>
        <translation>контрольная сумма пакета</translation>
    </message>
    <message>
        <source>checksum</source>
        <translation>контрольная сумма</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>вид</translation>
    </message>
    <message>
        <source>installation</source>
        <translation>установка</translation>
    </message>
    <message>
        <source>training set-up</source>
        <translation>подготовка тренировки</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>только просмотр</translation>
    </message>
    <message>
        <source>chosen by id</source>
        <translation>выбрано по номеру</translation>
    </message>
    <message>
        <source>count</source>
        <translation>количество</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>Opened {0}</source>
        <translation>Просмотр: {0}</translation>
    </message>
    <message>
        <source>Opened the case read-only</source>
        <translation>Дело открыто для просмотра</translation>
    </message>
    <message>
        <source>Opened the case</source>
        <translation>Заявление открыто</translation>
    </message>
    <message>
        <source>Decision: {0}</source>
        <translation>Решение: {0}</translation>
    </message>
    <message>
        <source>Application received</source>
        <translation>Заявление получено</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>Взято на проверку</translation>
    </message>
    <message>
        <source>Lease renewed</source>
        <translation>Закрепление продлено</translation>
    </message>
    <message>
        <source>Put back in the queue</source>
        <translation>Возвращено в очередь</translation>
    </message>
    <message>
        <source>Lease expired</source>
        <translation>Закрепление истекло</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Передано другому сотруднику</translation>
    </message>
    <message>
        <source>Set aside for a second review</source>
        <translation>Отобрано на вторую проверку</translation>
    </message>
    <message>
        <source>Second review: confirmed</source>
        <translation>Вторая проверка: подтверждено</translation>
    </message>
    <message>
        <source>Second review: overturned</source>
        <translation>Вторая проверка: отменено</translation>
    </message>
    <message>
        <source>Access granted</source>
        <translation>Доступ предоставлен</translation>
    </message>
    <message>
        <source>Access revoked</source>
        <translation>Доступ отозван</translation>
    </message>
    <message>
        <source>Access expired</source>
        <translation>Срок доступа истёк</translation>
    </message>
    <message>
        <source>Parent told that the child's access ends soon</source>
        <translation>Родителю сообщено о скором окончании доступа</translation>
    </message>
    <message>
        <source>Back in the queue after the MFC visit</source>
        <translation>Возвращено в очередь после визита в МФЦ</translation>
    </message>
    <message>
        <source>Closed: the MFC visit did not happen in time</source>
        <translation>Закрыто: визита в МФЦ в срок не было</translation>
    </message>
    <message>
        <source>Application {0}: {1}</source>
        <translation>Заявление {0}: {1}</translation>
    </message>
    <message>
        <source>Corrected pack received (corrects application {0})</source>
        <translation>Получено исправленное заявление (исправляет заявление {0})</translation>
    </message>
    <message>
        <source>Faces compared</source>
        <translation>Лица сравнены</translation>
    </message>
    <message>
        <source>Images destroyed (retention)</source>
        <translation>Изображения уничтожены (срок хранения)</translation>
    </message>
</context>
<context>
    <name>Bands</name>
    <message>
        <source>match</source>
        <translation>совпадение</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>неясно</translation>
    </message>
    <message>
        <source>mismatch</source>
        <translation>несовпадение</translation>
    </message>
    <message>
        <source>manual comparison</source>
        <translation>сравнить вручную</translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation>ещё не оценено</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Case {0} (read-only)</source>
        <translation>Дело {0} (только просмотр)</translation>
    </message>
    <message>
        <source>The reviewer's decision</source>
        <translation>Решение проверяющего</translation>
    </message>
    <message>
        <source>destroyed after the retention period</source>
        <translation>уничтожено по истечении срока хранения</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Изображения</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>Подтвердить…</translation>
    </message>
    <message>
        <source>Overturn…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <source>{0} by {1}, {2}</source>
        <translation>{0}, проверял(а) {1}, {2}</translation>
    </message>
    <message>
        <source>reason: {0}</source>
        <translation>причина: {0}</translation>
    </message>
    <message>
        <source>second review: {0}</source>
        <translation>вторая проверка: {0}</translation>
    </message>
    <message>
        <source>against the checks</source>
        <translation>вопреки проверкам</translation>
    </message>
    <message>
        <source>answer deadline missed</source>
        <translation>срок ответа нарушен</translation>
    </message>
    <message>
        <source>rules of {0}</source>
        <translation>правила от {0}</translation>
    </message>
    <message>
        <source>Internal comment: {0}</source>
        <translation>Внутренний комментарий: {0}</translation>
    </message>
    <message>
        <source>To the applicant: {0}</source>
        <translation>Заявителю: {0}</translation>
    </message>
    <message>
        <source>Second reviewer {0}: {1}</source>
        <translation>Вторая проверка, {0}: {1}</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) did not pass:</source>
        <translation>
            <numerusform>Не пройдена %n проверка:</numerusform>
            <numerusform>Не пройдены %n проверки:</numerusform>
            <numerusform>Не пройдено %n проверок:</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot display this image</source>
        <translation>изображение не удаётся показать</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>Принять решение…</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>Applicant's age</source>
        <translation>Возраст заявителя</translation>
    </message>
    <message>
        <source>Passport details</source>
        <translation>Реквизиты паспорта</translation>
    </message>
    <message>
        <source>Passport validity</source>
        <translation>Срок действия паспорта</translation>
    </message>
    <message>
        <source>OMS policy</source>
        <translation>Полис ОМС</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>SNILS</source>
        <translation>СНИЛС</translation>
    </message>
    <message>
        <source>Photo with the passport</source>
        <translation>Фото с паспортом</translation>
    </message>
    <message>
        <source>Child's age</source>
        <translation>Возраст ребёнка</translation>
    </message>
    <message>
        <source>Birth certificate</source>
        <translation>Свидетельство о рождении</translation>
    </message>
    <message>
        <source>Kinship</source>
        <translation>Родство</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Повторы</translation>
    </message>
    <message>
        <source>Parent's OMS policy</source>
        <translation>Полис ОМС родителя</translation>
    </message>
    <message>
        <source>Application data against the passport</source>
        <translation>Данные заявления и паспорт</translation>
    </message>
    <message>
        <source>Same face under another name</source>
        <translation>То же лицо под другим именем</translation>
    </message>
    <message>
        <source>Answer deadline</source>
        <translation>Срок ответа</translation>
    </message>
    <message>
        <source>mos.ru account</source>
        <translation>Учётная запись mos.ru</translation>
    </message>
    <message>
        <source>Earlier records of the person</source>
        <translation>Прежние обращения</translation>
    </message>
</context>
<context>
    <name>ChecksModel</name>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Факты</translation>
    </message>
    <message>
        <source>{0} (changed since intake: was {1})</source>
        <translation>{0} (изменилось после приёма: было «{1}»)</translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Release to the queue</source>
        <translation>Вернуть в очередь</translation>
    </message>
    <message>
        <source>Reassign to</source>
        <translation>Передать сотруднику</translation>
    </message>
    <message>
        <source>Applications under review now, and who holds them.</source>
        <translation>Заявления на проверке сейчас и у кого они.</translation>
    </message>
    <message>
        <source>Loading claims</source>
        <translation>Загрузка закреплений</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) under review</source>
        <translation>
            <numerusform>На проверке %n заявление</numerusform>
            <numerusform>На проверке %n заявления</numerusform>
            <numerusform>На проверке %n заявлений</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an application first.</source>
        <translation>Сначала выберите заявление.</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <source>Approve (A)</source>
        <translation>Одобрить (A)</translation>
    </message>
    <message>
        <source>Approve the application</source>
        <translation>Одобрить заявление</translation>
    </message>
    <message>
        <source>Reject… (R)</source>
        <translation>Отказать… (R)</translation>
    </message>
    <message>
        <source>Reject with a reason</source>
        <translation>Отказать с указанием причины</translation>
    </message>
    <message>
        <source>In person at MFC (M)</source>
        <translation>Лично в МФЦ (M)</translation>
    </message>
    <message>
        <source>In-person visit required</source>
        <translation>Нужен личный визит</translation>
    </message>
    <message>
        <source>Return for correction… (C)</source>
        <translation>Вернуть на доработку… (C)</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Вернуть на доработку</translation>
    </message>
    <message>
        <source>Escalate… (E)</source>
        <translation>Руководителю… (E)</translation>
    </message>
    <message>
        <source>Escalate to a supervisor</source>
        <translation>Передать руководителю</translation>
    </message>
    <message>
        <source>Put back</source>
        <translation>Вернуть в очередь</translation>
    </message>
    <message>
        <source>Put the application back in the queue</source>
        <translation>Вернуть заявление в очередь</translation>
    </message>
    <message>
        <source>Next (N)</source>
        <translation>Следующее (N)</translation>
    </message>
    <message>
        <source>Next application</source>
        <translation>Следующее заявление</translation>
    </message>
    <message>
        <source>MFC confirmation…</source>
        <translation>Подтверждение МФЦ…</translation>
    </message>
    <message>
        <source>Record the kinship confirmation from the MFC</source>
        <translation>Внести подтверждение родства из МФЦ</translation>
    </message>
    <message>
        <source>Why a decision is not offered</source>
        <translation>Почему решение недоступно</translation>
    </message>
    <message>
        <source>Approve is not offered: {0}</source>
        <translation>Одобрение недоступно: {0}</translation>
    </message>
    <message>
        <source>Put back (P)</source>
        <translation>Вернуть в очередь (P)</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Approve against the evidence</source>
        <translation>Одобрить вопреки проверкам</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Одобрение</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Возврат на доработку</translation>
    </message>
    <message>
        <source>Escalate to a supervisor</source>
        <translation>Передать руководителю</translation>
    </message>
    <message>
        <source>In-person visit required</source>
        <translation>Нужен личный визит</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Text the applicant receives</source>
        <translation>Текст, который получит заявитель</translation>
    </message>
    <message>
        <source>(final)</source>
        <translation>(окончательно)</translation>
    </message>
    <message>
        <source>The applicant reads</source>
        <translation>Заявитель прочтёт</translation>
    </message>
    <message>
        <source>Comment for the applicant</source>
        <translation>Комментарий для заявителя</translation>
    </message>
    <message>
        <source>Comment for the applicant (optional)</source>
        <translation>Комментарий для заявителя (необязательно)</translation>
    </message>
    <message>
        <source>Internal comment</source>
        <translation>Внутренний комментарий</translation>
    </message>
    <message>
        <source>This approval goes against the evidence:</source>
        <translation>Это одобрение противоречит проверкам:</translation>
    </message>
    <message>
        <source>the faces were scored as a mismatch</source>
        <translation>лица оценены как несовпадающие</translation>
    </message>
    <message>
        <source>A comment is required, and the decision goes to a second review.</source>
        <translation>Нужен комментарий; решение уйдёт на вторую проверку.</translation>
    </message>
    <message>
        <source>Write an internal comment: why this decision?</source>
        <translation>Напишите внутренний комментарий: почему такое решение?</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Выберите причину.</translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— выберите причину —</translation>
    </message>
    <message>
        <source>This decision is not possible:</source>
        <translation>Такое решение невозможно:</translation>
    </message>
    <message>
        <source>kinship was not confirmed by the civil registry</source>
        <translation>родство не подтверждено реестром ЗАГС</translation>
    </message>
    <message>
        <source>the birth certificate's country is not given (taken as Russia)</source>
        <translation>страна выдачи свидетельства не указана (принята Россия)</translation>
    </message>
    <message>
        <source>Reason 'other': write the comment the applicant will read.</source>
        <translation>Причина «Другое»: напишите комментарий, который прочтёт заявитель.</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Причина</translation>
    </message>
    <message>
        <source>Comment for the &amp;applicant (optional)</source>
        <translation>&amp;Комментарий для заявителя (необязательно)</translation>
    </message>
    <message>
        <source>Comment for the &amp;applicant (required)</source>
        <translation>&amp;Комментарий для заявителя (обязательно)</translation>
    </message>
    <message>
        <source>&amp;Internal comment</source>
        <translation>&amp;Внутренний комментарий</translation>
    </message>
    <message>
        <source>What failed</source>
        <translation>Что не прошло</translation>
    </message>
    <message>
        <source>What failed:</source>
        <translation>Что не прошло проверку:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Чего не хватает</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>Сохранить (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Tab: next field · Ctrl+Enter: save · Esc: cancel</source>
        <translation>Tab — следующее поле · Ctrl+Enter — сохранить · Esc — отмена</translation>
    </message>
    <message>
        <source>{0}: the applicant typed “{1}”, the document says “{2}”</source>
        <translation>{0}: заявитель указал «{1}», в документе «{2}»</translation>
    </message>
    <message>
        <source>The reason “other” needs a comment for the applicant: say what to correct.</source>
        <translation>Для причины «другое» нужен комментарий для заявителя: напишите, что исправить.</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Demo accounts</source>
        <translation>Демо-учётные записи</translation>
    </message>
    <message>
        <source>{0} more: their names and passwords are in the command's output</source>
        <translation>ещё {0}: их имена и пароли — в выводе команды</translation>
    </message>
    <message>
        <source>PRACTICE — name / password / code (new code in {0} s):</source>
        <translation>ТРЕНИРОВКА — имя / пароль / код (новый код через {0} с):</translation>
    </message>
    <message>
        <source>DEMO — name / password / code (new code in {0} s):</source>
        <translation>ДЕМО — имя / пароль / код (новый код через {0} с):</translation>
    </message>
</context>
<context>
    <name>EscalationDialog</name>
    <message>
        <source>Decide the escalated application — {0}</source>
        <translation>Решение по переданному заявлению — {0}</translation>
    </message>
    <message>
        <source>The application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Pre-score: {0}</source>
        <translation>Предоценка: {0}</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Одобрить</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Отказать</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Вернуть на исправление</translation>
    </message>
    <message>
        <source>In person at MFC</source>
        <translation>Лично в МФЦ</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Одобрить (A)</translation>
    </message>
    <message>
        <source>Reject… (R)</source>
        <translation>Отказать… (R)</translation>
    </message>
    <message>
        <source>Return for correction… (C)</source>
        <translation>Вернуть на исправление… (C)</translation>
    </message>
    <message>
        <source>In person at MFC (M)</source>
        <translation>Лично в МФЦ (M)</translation>
    </message>
    <message>
        <source>{0} is not possible: {1}</source>
        <translation>«{0}» невозможно: {1}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>A: approve · R: reject · C: return · M: in person at an MFC · Esc: cancel</source>
        <translation>A — одобрить · R — отказать · C — вернуть · M — лично в МФЦ · Esc — отмена</translation>
    </message>
    <message>
        <source>Your decision replaces the escalation; the applicant is told as after a reviewer's decision.</source>
        <translation>Ваше решение заменяет передачу руководителю; заявитель получит сообщение, как после решения сотрудника.</translation>
    </message>
    <message>
        <source>What did not pass:</source>
        <translation>Что не пройдено:</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Все проверки пройдены.</translation>
    </message>
    <message>
        <source>not yet done</source>
        <translation>ещё не выполнена</translation>
    </message>
</context>
<context>
    <name>FaceCrops</name>
    <message>
        <source>Live face</source>
        <translation>Живое лицо</translation>
    </message>
    <message>
        <source>Photo in the held passport</source>
        <translation>Фото в паспорте в руках</translation>
    </message>
    <message>
        <source>Passport scan</source>
        <translation>Скан паспорта</translation>
    </message>
    <message>
        <source>scoring…</source>
        <translation>оценка…</translation>
    </message>
    <message>
        <source>no face found</source>
        <translation>лицо не найдено</translation>
    </message>
    <message>
        <source>not searched:
no consent</source>
        <translation>не искали:
нет согласия</translation>
    </message>
</context>
<context>
    <name>Facts</name>
    <message>
        <source>same person at a face distance of {0} or less</source>
        <translation>один человек при расстоянии между лицами до {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier application(s) searched</source>
        <translation>
            <numerusform>просмотрено %n прежнее заявление</numerusform>
            <numerusform>просмотрено %n прежних заявления</numerusform>
            <numerusform>просмотрено %n прежних заявлений</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} ({1}, distance {2})</source>
        <translation>{0} ({1}, расстояние {2})</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>без имени</translation>
    </message>
    <message>
        <source>the same face in: {0}</source>
        <translation>то же лицо в заявлениях: {0}</translation>
    </message>
    <message>
        <source>the same person's own earlier applications: {0}</source>
        <translation>прежние заявления того же человека: {0}</translation>
    </message>
    <message>
        <source>read from {0}</source>
        <translation>источник — {0}</translation>
    </message>
    <message>
        <source>differs from the document: {0}</source>
        <translation>расходится с документом: {0}</translation>
    </message>
    <message>
        <source>not read with confidence: {0}</source>
        <translation>не прочитано уверенно: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) agree with the document</source>
        <translation>
            <numerusform>%n поле совпадает с документом</numerusform>
            <numerusform>%n поля совпадают с документом</numerusform>
            <numerusform>%n полей совпадают с документом</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n года</numerusform>
            <numerusform>%n лет</numerusform>
        </translation>
    </message>
    <message>
        <source>born {0}</source>
        <translation>дата рождения {0}</translation>
    </message>
    <message>
        <source>as of {0}</source>
        <translation>на {0}</translation>
    </message>
    <message>
        <source>eligible from {0}</source>
        <translation>право с {0}</translation>
    </message>
    <message>
        <source>applies alone from {0}</source>
        <translation>сам подаёт с {0}</translation>
    </message>
    <message>
        <source>issued {0}</source>
        <translation>выдан {0}</translation>
    </message>
    <message>
        <source>issued no earlier than {0}</source>
        <translation>выдан не ранее {0}</translation>
    </message>
    <message>
        <source>valid until {0}</source>
        <translation>действителен до {0}</translation>
    </message>
    <message>
        <source>submitted {0}</source>
        <translation>подано {0}</translation>
    </message>
    <message>
        <source>answer due {0}</source>
        <translation>ответить до {0}</translation>
    </message>
    <message>
        <source>today {0}</source>
        <translation>сегодня {0}</translation>
    </message>
    <message>
        <source>in the registry since {0}</source>
        <translation>в реестре с {0}</translation>
    </message>
    <message>
        <source>age {0}</source>
        <translation>возраст {0}</translation>
    </message>
    <message>
        <source>age at issue {0}</source>
        <translation>возраст при выдаче {0}</translation>
    </message>
    <message>
        <source>at least {0}</source>
        <translation>нужно не менее {0}</translation>
    </message>
    <message>
        <source>under {0}</source>
        <translation>нужно меньше {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) to answer</source>
        <translation>
            <numerusform>на ответ %n рабочий день</numerusform>
            <numerusform>на ответ %n рабочих дня</numerusform>
            <numerusform>на ответ %n рабочих дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>просрочено на %n рабочий день</numerusform>
            <numerusform>просрочено на %n рабочих дня</numerusform>
            <numerusform>просрочено на %n рабочих дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>остался %n рабочий день</numerusform>
            <numerusform>осталось %n рабочих дня</numerusform>
            <numerusform>осталось %n рабочих дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) of grace after the birthday</source>
        <translation>
            <numerusform>%n день на замену после дня рождения</numerusform>
            <numerusform>%n дня на замену после дня рождения</numerusform>
            <numerusform>%n дней на замену после дня рождения</numerusform>
        </translation>
    </message>
    <message>
        <source>account confirmed at an MFC</source>
        <translation>учётная запись подтверждена в МФЦ</translation>
    </message>
    <message>
        <source>account not confirmed at an MFC</source>
        <translation>учётная запись не подтверждена в МФЦ</translation>
    </message>
    <message>
        <source>colour photo</source>
        <translation>фото цветное</translation>
    </message>
    <message>
        <source>black-and-white photo</source>
        <translation>фото чёрно-белое</translation>
    </message>
    <message>
        <source>given</source>
        <translation>указан</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>не указан</translation>
    </message>
    <message>
        <source>country not given, taken as Russia</source>
        <translation>страна не указана, принята Россия</translation>
    </message>
    <message>
        <source>civil registry consulted</source>
        <translation>проверено по реестру ЗАГС</translation>
    </message>
    <message>
        <source>no civil registry</source>
        <translation>реестр ЗАГС не подключён</translation>
    </message>
    <message>
        <source>registry record found</source>
        <translation>запись в реестре найдена</translation>
    </message>
    <message>
        <source>no registry record</source>
        <translation>записи в реестре нет</translation>
    </message>
    <message>
        <source>child matches</source>
        <translation>ребёнок совпадает</translation>
    </message>
    <message>
        <source>child does not match</source>
        <translation>ребёнок не совпадает</translation>
    </message>
    <message>
        <source>parent matches</source>
        <translation>родитель совпадает</translation>
    </message>
    <message>
        <source>parent does not match</source>
        <translation>родитель не совпадает</translation>
    </message>
    <message>
        <source>issue date matches</source>
        <translation>дата выдачи совпадает</translation>
    </message>
    <message>
        <source>issue date does not match</source>
        <translation>дата выдачи не совпадает</translation>
    </message>
    <message>
        <source>series region {0}</source>
        <translation>регион серии {0}</translation>
    </message>
    <message>
        <source>number {0}</source>
        <translation>номер {0}</translation>
    </message>
    <message>
        <source>division code {0}</source>
        <translation>код подразделения {0}</translation>
    </message>
    <message>
        <source>blank of {0}</source>
        <translation>бланк {0} года</translation>
    </message>
    <message>
        <source>region {0}</source>
        <translation>регион {0}</translation>
    </message>
    <message>
        <source>required region {0}</source>
        <translation>нужен регион {0}</translation>
    </message>
    <message>
        <source>phone {0}</source>
        <translation>телефон {0}</translation>
    </message>
    <message>
        <source>file {0}</source>
        <translation>файл {0}</translation>
    </message>
    <message>
        <source>series {0}</source>
        <translation>серия {0}</translation>
    </message>
    <message>
        <source>country {0}</source>
        <translation>страна {0}</translation>
    </message>
    <message>
        <source>open applications: {0}</source>
        <translation>открытые заявления: {0}</translation>
    </message>
    <message>
        <source>access granted by: {0}</source>
        <translation>доступ уже дан по: {0}</translation>
    </message>
    <message>
        <source>the applicant's</source>
        <translation>полис заявителя</translation>
    </message>
    <message>
        <source>the child's</source>
        <translation>полис ребёнка</translation>
    </message>
    <message>
        <source>single policy number (ENP)</source>
        <translation>единый номер полиса (ЕНП)</translation>
    </message>
    <message>
        <source>temporary certificate</source>
        <translation>временное свидетельство</translation>
    </message>
    <message>
        <source>old-style policy</source>
        <translation>полис старого образца</translation>
    </message>
    <message>
        <source>unrecognised number</source>
        <translation>номер не распознан</translation>
    </message>
    <message>
        <source>ENP with a wrong check digit</source>
        <translation>ЕНП с неверной контрольной цифрой</translation>
    </message>
    <message>
        <source>check number correct</source>
        <translation>контрольное число верно</translation>
    </message>
    <message>
        <source>wrong format</source>
        <translation>неверный формат</translation>
    </message>
    <message>
        <source>wrong check number</source>
        <translation>неверное контрольное число</translation>
    </message>
    <message>
        <source>number not recognised</source>
        <translation>номер не распознан</translation>
    </message>
    <message>
        <source>no such number</source>
        <translation>такого номера нет</translation>
    </message>
    <message>
        <source>not a Russian number</source>
        <translation>номер не российский</translation>
    </message>
    <message>
        <source>not a mobile number</source>
        <translation>номер не мобильный</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Training: %1</source>
        <translation>Тренировка: %1</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Верно</translation>
    </message>
    <message>
        <source>Not quite</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <source>No answer key</source>
        <translation>Нет эталонного ответа</translation>
    </message>
    <message>
        <source>Training verdict</source>
        <translation>Оценка тренировки</translation>
    </message>
    <message>
        <source>Your decision: %1
Expected: %2</source>
        <translation>Ваше решение: %1
Ожидалось: %2</translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation>Заявление %1</translation>
    </message>
    <message>
        <source>Next application</source>
        <translation>Следующее заявление</translation>
    </message>
    <message>
        <source>Failed checks: %1</source>
        <translation>Не пройдены проверки: %1</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <source>Checks not passed when you decided: %1</source>
        <translation>Не пройденные при решении проверки: %1</translation>
    </message>
</context>
<context>
    <name>FieldsModel</name>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Applicant typed</source>
        <translation>Указал заявитель</translation>
    </message>
    <message>
        <source>Document / registry</source>
        <translation>Документ / реестр</translation>
    </message>
    <message>
        <source>The applicant's value differs from the document</source>
        <translation>Данные заявителя отличаются от документа</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>application</source>
        <translation>заявление</translation>
    </message>
    <message>
        <source>grant</source>
        <translation>доступ</translation>
    </message>
    <message>
        <source>own record</source>
        <translation>своя медкарта</translation>
    </message>
    <message>
        <source>child's record</source>
        <translation>медкарта ребёнка</translation>
    </message>
    <message>
        <source>corrected by the application on screen</source>
        <translation>исправлено заявлением на экране</translation>
    </message>
    <message>
        <source>corrects the application on screen</source>
        <translation>исправляет заявление на экране</translation>
    </message>
</context>
<context>
    <name>ImagePair</name>
    <message>
        <source>Selfie with passport</source>
        <translation>Селфи с паспортом</translation>
    </message>
    <message>
        <source>Passport scan</source>
        <translation>Скан паспорта</translation>
    </message>
    <message>
        <source>Zoom both together</source>
        <translation>Масштабировать вместе</translation>
    </message>
    <message>
        <source>Zoom both images together</source>
        <translation>Масштабировать оба изображения вместе</translation>
    </message>
    <message>
        <source>Fit (F)</source>
        <translation>Вписать (F)</translation>
    </message>
    <message>
        <source>Fit both images</source>
        <translation>Вписать оба изображения</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>⟳ selfie</source>
        <translation>⟳ селфи</translation>
    </message>
    <message>
        <source>Rotate the selfie 90 degrees</source>
        <translation>Повернуть селфи на 90 градусов</translation>
    </message>
    <message>
        <source>⟳ scan</source>
        <translation>⟳ скан</translation>
    </message>
    <message>
        <source>Rotate the passport scan 90 degrees</source>
        <translation>Повернуть скан паспорта на 90 градусов</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>live face</source>
        <translation>живое лицо</translation>
    </message>
    <message>
        <source>passport photo</source>
        <translation>фото в паспорте</translation>
    </message>
    <message>
        <source>passport scan</source>
        <translation>скан паспорта</translation>
    </message>
    <message>
        <source>other face</source>
        <translation>другое лицо</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Нет изображения</translation>
    </message>
</context>
<context>
    <name>IntegrityTab</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Loading integrity alerts</source>
        <translation>Загрузка сигналов о целостности</translation>
    </message>
    <message>
        <source>No document has failed its integrity check</source>
        <translation>Все документы прошли проверку целостности</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) failed their integrity check</source>
        <translation>
            <numerusform>%n документ не прошёл проверку целостности</numerusform>
            <numerusform>%n документа не прошли проверку целостности</numerusform>
            <numerusform>%n документов не прошли проверку целостности</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Own record</source>
        <translation>Своя медкарта</translation>
    </message>
    <message>
        <source>Child's record</source>
        <translation>Медкарта ребёнка</translation>
    </message>
    <message>
        <source>Change access</source>
        <translation>Изменение доступа</translation>
    </message>
    <message>
        <source>Cancel access</source>
        <translation>Отмена доступа</translation>
    </message>
    <message>
        <source>Opt out</source>
        <translation>Отказ от ЭМК</translation>
    </message>
    <message>
        <source>Opt in</source>
        <translation>Отмена отказа</translation>
    </message>
</context>
<context>
    <name>LocalService</name>
    <message>
        <source>Starting the reviewer service: you are signed in as soon as it is ready…</source>
        <translation>Запускается сервис проверки: вход выполнится, как только он будет готов…</translation>
    </message>
    <message>
        <source>Starting the reviewer service…</source>
        <translation>Запускается сервис проверки…</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>EMK access applications — reviewer's desk</source>
        <translation>Заявления на доступ к ЭМК — рабочее место</translation>
    </message>
    <message>
        <source>Staff name</source>
        <translation>Имя сотрудника</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Six-digit code from the authenticator app</source>
        <translation>Шестизначный код из приложения-аутентификатора</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Login message</source>
        <translation>Сообщение о входе</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Enter your name, password and the code from the authenticator app.</source>
        <translation>Введите имя, пароль и код из приложения-аутентификатора.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Wrong name, password or code. Codes change every 30 seconds: use the current one.</source>
        <translation>Неверное имя, пароль или код. Код меняется каждые 30 секунд: введите текущий.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0} is not an application for access to a child's record: an MFC kinship confirmation is not recorded on it.</source>
        <translation>{0} — не заявление на доступ к медкарте ребёнка: подтверждение родства из МФЦ к нему не вносится.</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>Не сохранено: {0}</translation>
    </message>
    <message>
        <source>Reviewer's desk — EMK access</source>
        <translation>Рабочее место проверяющего — доступ к ЭМК</translation>
    </message>
    <message>
        <source>Work areas</source>
        <translation>Разделы</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Очередь</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>ТРЕНИРОВКА / TRAINING — decisions here grant no access</source>
        <translation>ТРЕНИРОВКА — решения здесь не дают доступа</translation>
    </message>
    <message>
        <source>Training database</source>
        <translation>Учебная база данных</translation>
    </message>
    <message>
        <source>Rule table warning</source>
        <translation>Предупреждение о таблице правил</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>Single-key shortcuts</source>
        <translation>Одиночные клавиши</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>Язык (после перезапуска)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Язык сменится при следующем запуске.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Supervisor screens unavailable</source>
        <translation>Экраны руководителя недоступны</translation>
    </message>
    <message>
        <source>Loading the queue…</source>
        <translation>Загрузка очереди…</translation>
    </message>
    <message>
        <source>Opening the next application…</source>
        <translation>Открывается следующее заявление…</translation>
    </message>
    <message>
        <source>Finish first</source>
        <translation>Сначала завершите</translation>
    </message>
    <message>
        <source>Decide on or put back {0} before opening another application.</source>
        <translation>Примите решение по {0} или верните его в очередь, прежде чем открыть другое.</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>Открывается {0}…</translation>
    </message>
    <message>
        <source>The queue is empty. Well done.</source>
        <translation>Очередь пуста. Отличная работа.</translation>
    </message>
    <message>
        <source>Cannot open the application</source>
        <translation>Не удалось открыть заявление</translation>
    </message>
    <message>
        <source>Comparing faces…</source>
        <translation>Сравнение лиц…</translation>
    </message>
    <message>
        <source>Face comparison failed: compare by eye.</source>
        <translation>Сравнение лиц не удалось: сравните вручную.</translation>
    </message>
    <message>
        <source>Key ignored: {0} has only just appeared. Look at it, then decide.</source>
        <translation>Нажатие не учтено: заявление {0} только что появилось. Просмотрите его, затем примите решение.</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>Сохранение решения…</translation>
    </message>
    <message>
        <source>{0}: saved; it goes to a second review.</source>
        <translation>{0}: сохранено; уйдёт на вторую проверку.</translation>
    </message>
    <message>
        <source>{0}: decision saved.</source>
        <translation>{0}: решение сохранено.</translation>
    </message>
    <message>
        <source>The application changed or your lease was lost</source>
        <translation>Заявление изменилось или закрепление потеряно</translation>
    </message>
    <message>
        <source>The decision was not saved</source>
        <translation>Решение не сохранено</translation>
    </message>
    <message>
        <source>The MFC confirmation was not saved</source>
        <translation>Подтверждение МФЦ не сохранено</translation>
    </message>
    <message>
        <source>&amp;Applications</source>
        <translation>&amp;Заявления</translation>
    </message>
    <message>
        <source>Record an MFC kinship confirmation…</source>
        <translation>Внести подтверждение родства из МФЦ…</translation>
    </message>
    <message>
        <source>Saving the MFC confirmation…</source>
        <translation>Сохранение подтверждения МФЦ…</translation>
    </message>
    <message>
        <source>{0}: the MFC confirmation is recorded; it counts once another supervisor confirms it.</source>
        <translation>{0}: подтверждение МФЦ внесено; оно действует после проверки другим руководителем.</translation>
    </message>
    <message>
        <source>Open a chosen application</source>
        <translation>Открыть выбранное заявление</translation>
    </message>
    <message>
        <source>Why do you open {0} out of turn? (kept in the audit trail)</source>
        <translation>Почему вы открываете {0} вне очереди? (записывается в журнал аудита)</translation>
    </message>
    <message>
        <source>{0} put back in the queue.</source>
        <translation>{0} возвращено в очередь.</translation>
    </message>
    <message>
        <source>Could not renew the lease on {0}: {1}</source>
        <translation>Не удалось продлить закрепление {0}: {1}</translation>
    </message>
    <message>
        <source>Your lease runs out in {0} s: keep working to renew it.</source>
        <translation>Закрепление истекает через {0} с: продолжайте работу, чтобы продлить его.</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Открываю…</translation>
    </message>
    <message>
        <source>Undo the last decision</source>
        <translation>Отменить последнее решение</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Работа</translation>
    </message>
    <message>
        <source>Decision taken back: the application is on screen again.</source>
        <translation>Решение отменено: заявление снова на экране.</translation>
    </message>
    <message>
        <source>Checks by hand acknowledged: Approve is possible.</source>
        <translation>Ручные проверки подтверждены: можно одобрить.</translation>
    </message>
    <message>
        <source>Not saved: {0} changed or your lease was lost.</source>
        <translation>Не сохранено: заявление {0} изменилось или ваша бронь истекла.</translation>
    </message>
    <message>
        <source>{0}: {1} — undo with U or Ctrl+Z ({2} s)</source>
        <translation>{0}: {1} — отменить: U или Ctrl+Z ({2} с)</translation>
    </message>
    <message>
        <source>Check the results marked “check by hand” first, then press K to acknowledge them; Approve after that.</source>
        <translation>Сначала проверьте вручную результаты с пометкой «проверить вручную» и нажмите K; затем одобряйте.</translation>
    </message>
    <message>
        <source>The decision on {0} was not saved</source>
        <translation>Решение по заявлению {0} не сохранено</translation>
    </message>
    <message>
        <source>The faces are still being compared: Approve once the comparison is done.</source>
        <translation>Лица ещё сравниваются: одобрить можно, когда сравнение закончится.</translation>
    </message>
</context>
<context>
    <name>MfcConfirmationDialog</name>
    <message>
        <source>Kinship confirmed at an MFC — {0}</source>
        <translation>Родство подтверждено в МФЦ — {0}</translation>
    </message>
    <message>
        <source>Confirmed by (MFC officer)</source>
        <translation>Кто подтвердил (сотрудник МФЦ)</translation>
    </message>
    <message>
        <source>MFC office</source>
        <translation>Офис МФЦ</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Confirmed on</source>
        <translation>Дата подтверждения</translation>
    </message>
    <message>
        <source>Document reference</source>
        <translation>Номер документа МФЦ</translation>
    </message>
    <message>
        <source>Fill in who confirmed it, the MFC office and the document reference.</source>
        <translation>Укажите заявление, кто подтвердил, офис МФЦ и номер документа.</translation>
    </message>
</context>
<context>
    <name>MfcTab</name>
    <message>
        <source>MFC confirmations waiting for a supervisor</source>
        <translation>Подтверждения МФЦ, ждущие руководителя</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>Отклонить…</translation>
    </message>
    <message>
        <source>MFC confirmations typed in at a desk count only once another supervisor confirms them. Check the reference with the MFC office first.</source>
        <translation>Подтверждения МФЦ, внесённые за рабочим местом, действуют только после проверки другим руководителем. Сначала сверьте номер документа с офисом МФЦ.</translation>
    </message>
    <message>
        <source>Loading MFC confirmations</source>
        <translation>Загрузка подтверждений МФЦ</translation>
    </message>
    <message>
        <source>{0} · recorded by {1} at {2} · {3}, {4}, {5}, confirmed by {6}</source>
        <translation>{0} · внёс {1} {2} · {3}, {4}, {5}, подтвердил {6}</translation>
    </message>
    <message>
        <source>Waiting: {0}</source>
        <translation>Ждут проверки: {0}</translation>
    </message>
    <message>
        <source>Refuse the MFC confirmation</source>
        <translation>Отклонить подтверждение МФЦ</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Почему?</translation>
    </message>
    <message>
        <source>Select a confirmation first.</source>
        <translation>Сначала выберите подтверждение.</translation>
    </message>
</context>
<context>
    <name>PreScorePanel</name>
    <message>
        <source>Face pre-score (a hint, never a decision)</source>
        <translation>Предоценка лиц (подсказка, не решение)</translation>
    </message>
    <message>
        <source>Pre-score band</source>
        <translation>Результат предоценки</translation>
    </message>
    <message>
        <source>Quality flags</source>
        <translation>Замечания о качестве</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>Идёт сравнение…</translation>
    </message>
    <message>
        <source>No pre-score: compare by eye</source>
        <translation>Нет предоценки: сравните вручную</translation>
    </message>
    <message>
        <source>No consent to automated face matching.</source>
        <translation>Нет согласия на автоматическое сравнение лиц.</translation>
    </message>
    <message>
        <source>No quality problems found.</source>
        <translation>Замечаний о качестве нет.</translation>
    </message>
    <message>
        <source>Checks summary</source>
        <translation>Итог проверок</translation>
    </message>
    <message>
        <source>press K when checked</source>
        <translation>проверив, нажмите K</translation>
    </message>
    <message>
        <source>All checks passed</source>
        <translation>Все проверки пройдены</translation>
    </message>
    <message>
        <source>No check failed; read the warnings</source>
        <translation>Непройденных проверок нет; прочтите предупреждения</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed</source>
        <translation>
            <numerusform>%n проверка не пройдена</numerusform>
            <numerusform>%n проверки не пройдены</numerusform>
            <numerusform>%n проверок не пройдено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to check by hand</source>
        <translation>
            <numerusform>%n — проверить вручную</numerusform>
            <numerusform>%n — проверить вручную</numerusform>
            <numerusform>%n — проверить вручную</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) not yet done</source>
        <translation>
            <numerusform>%n проверка ещё не выполнена</numerusform>
            <numerusform>%n проверки ещё не выполнены</numerusform>
            <numerusform>%n проверок ещё не выполнено</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n needs an in-person visit</source>
        <translation>
            <numerusform>%n требует личного визита</numerusform>
            <numerusform>%n требуют личного визита</numerusform>
            <numerusform>%n требуют личного визита</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) differ from the document</source>
        <translation>
            <numerusform>%n поле расходится с документом</numerusform>
            <numerusform>%n поля расходятся с документом</numerusform>
            <numerusform>%n полей расходятся с документом</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>С подачи</translation>
    </message>
    <message>
        <source>SLA deadline</source>
        <translation>Срок ответа</translation>
    </message>
    <message>
        <source>Pre-score</source>
        <translation>Предоценка</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дня</numerusform>
            <numerusform>%n дней</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} (overdue %n day(s))</source>
        <translation>
            <numerusform>{0} (просрочено на %n день)</numerusform>
            <numerusform>{0} (просрочено на %n дня)</numerusform>
            <numerusform>{0} (просрочено на %n дней)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} (%n day(s) left)</source>
        <translation>
            <numerusform>{0} (остался %n день)</numerusform>
            <numerusform>{0} (осталось %n дня)</numerusform>
            <numerusform>{0} (осталось %n дней)</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>Fresh: under 3 days old</source>
        <translation>Свежее: меньше 3 дней</translation>
    </message>
    <message>
        <source>3 days old or more</source>
        <translation>3 дня и больше</translation>
    </message>
    <message>
        <source>Past the SLA deadline</source>
        <translation>Срок ответа прошёл</translation>
    </message>
    <message>
        <source>next for you (not opened yet)</source>
        <translation>следующее для вас (ещё не открыто)</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Application queue</source>
        <translation>Очередь заявлений</translation>
    </message>
    <message>
        <source>Filter by kind</source>
        <translation>Фильтр по виду</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Все виды</translation>
    </message>
    <message>
        <source>Due soon only</source>
        <translation>Только со скорым сроком</translation>
    </message>
    <message>
        <source>Show only applications due soon or overdue</source>
        <translation>Показать только со скорым или прошедшим сроком</translation>
    </message>
    <message>
        <source>Next: take the most urgent (N)</source>
        <translation>Следующее: взять самое срочное (N)</translation>
    </message>
    <message>
        <source>Claim the most urgent application</source>
        <translation>Взять самое срочное заявление</translation>
    </message>
    <message>
        <source>Open selected</source>
        <translation>Открыть выбранное</translation>
    </message>
    <message>
        <source>Open selected (give a reason)</source>
        <translation>Открыть выбранное (с указанием причины)</translation>
    </message>
    <message>
        <source>Reviewers take the next application (N); a supervisor may open a chosen one.</source>
        <translation>Проверяющий берёт следующее заявление (N); выбранное может открыть руководитель.</translation>
    </message>
    <message>
        <source>Open the selected application</source>
        <translation>Открыть выбранное заявление</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Refresh the queue</source>
        <translation>Обновить очередь</translation>
    </message>
    <message>
        <source>Queue summary</source>
        <translation>Итог по очереди</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>{0} applications, {1} overdue</source>
        <translation>Заявлений: {0}, просрочено: {1}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>No application open. Press N for the next one.</source>
        <translation>Заявление не открыто. Нажмите N, чтобы взять следующее.</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Lease time left</source>
        <translation>Оставшееся время закрепления</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Birth certificate</source>
        <translation>Свидетельство о рождении</translation>
    </message>
    <message>
        <source>Selfie and passport</source>
        <translation>Селфи и паспорт</translation>
    </message>
    <message>
        <source>No birth certificate image in this application</source>
        <translation>В заявлении нет изображения свидетельства</translation>
    </message>
    <message>
        <source>Applicant data and document fields</source>
        <translation>Данные заявителя и поля документов</translation>
    </message>
    <message>
        <source>Earlier applications and grants</source>
        <translation>Прежние заявления и доступы</translation>
    </message>
    <message>
        <source>Applicant typed / document says</source>
        <translation>Указал заявитель / в документе</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>срок {0}</translation>
    </message>
    <message>
        <source>No selfie in this application</source>
        <translation>В заявлении нет селфи</translation>
    </message>
    <message>
        <source>No passport scan in this application</source>
        <translation>В заявлении нет скана паспорта</translation>
    </message>
    <message>
        <source>Lease expired — the application may be taken by someone else</source>
        <translation>Закрепление истекло — заявление может взять другой сотрудник</translation>
    </message>
    <message>
        <source>Lease: {0}:{1:02d} left (until {2})</source>
        <translation>Закреплено: осталось {0}:{1:02d} (до {2})</translation>
    </message>
    <message>
        <source>Earlier applications</source>
        <translation>Прежние заявления</translation>
    </message>
    <message>
        <source>Facts of the selected check</source>
        <translation>Факты выбранной проверки</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>Same face under another name</source>
        <translation>То же лицо под другим именем</translation>
    </message>
    <message>
        <source>application number</source>
        <translation>номер заявления</translation>
    </message>
    <message>
        <source>surname, first name (the start is enough)</source>
        <translation>фамилия, имя (достаточно начала)</translation>
    </message>
    <message>
        <source>series and number, in full</source>
        <translation>серия и номер полностью</translation>
    </message>
    <message>
        <source>+7 9xx xxx-xx-xx</source>
        <translation>+7 9xx xxx-xx-xx</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Паспорт</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Искать</translation>
    </message>
    <message>
        <source>(all dates)</source>
        <translation>(за все даты)</translation>
    </message>
    <message>
        <source>all reviewers</source>
        <translation>все сотрудники</translation>
    </message>
    <message>
        <source>No staff member is named “{0}”: pick a name from the list.</source>
        <translation>Сотрудника с именем «{0}» нет: выберите имя из списка.</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>все виды</translation>
    </message>
    <message>
        <source>all outcomes</source>
        <translation>все итоги</translation>
    </message>
    <message>
        <source>all reasons</source>
        <translation>все причины</translation>
    </message>
    <message>
        <source>all pre-scores</source>
        <translation>любая предоценка</translation>
    </message>
    <message>
        <source>Overrides only</source>
        <translation>Только вопреки проверкам</translation>
    </message>
    <message>
        <source>SLA breaches only</source>
        <translation>Только с нарушенным сроком</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Дальше ▶</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>Открыть для просмотра</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Проверяющий</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Pre-score</source>
        <translation>Предоценка</translation>
    </message>
    <message>
        <source>Searching decisions</source>
        <translation>Поиск решений</translation>
    </message>
    <message>
        <source>Page {0}: {1}</source>
        <translation>Страница {0}: {1}</translation>
    </message>
    <message>
        <source>Select a decision first.</source>
        <translation>Сначала выберите решение.</translation>
    </message>
    <message>
        <source>Opening the case</source>
        <translation>Открывается дело</translation>
    </message>
</context>
<context>
    <name>SecondReviewTab</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Set aside a sample of approvals</source>
        <translation>Отобрать выборку одобрений</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>Открыть дело</translation>
    </message>
    <message>
        <source>Confirm…</source>
        <translation>Подтвердить…</translation>
    </message>
    <message>
        <source>Overturn…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <source>Decisions waiting for a second look (four eyes: not your own). Open one to see the images, the checks and the pre-score.</source>
        <translation>Решения, ждущие второй проверки (принцип четырёх глаз: не свои). Откройте дело, чтобы увидеть изображения, проверки и предоценку.</translation>
    </message>
    <message>
        <source>Loading second reviews</source>
        <translation>Загрузка второй проверки</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) waiting</source>
        <translation>
            <numerusform>Ждёт %n решение</numerusform>
            <numerusform>Ждут %n решения</numerusform>
            <numerusform>Ждут %n решений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approval(s) set aside</source>
        <translation>
            <numerusform>Отобрано %n одобрение</numerusform>
            <numerusform>Отобрано %n одобрения</numerusform>
            <numerusform>Отобрано %n одобрений</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a decision first.</source>
        <translation>Сначала выберите решение.</translation>
    </message>
    <message>
        <source>Opening the case</source>
        <translation>Открывается дело</translation>
    </message>
    <message>
        <source>{0}: decision confirmed.</source>
        <translation>{0}: решение подтверждено.</translation>
    </message>
    <message>
        <source>{0}: decision overturned.</source>
        <translation>{0}: решение отменено.</translation>
    </message>
    <message>
        <source>Saving the second review</source>
        <translation>Сохранение второй проверки</translation>
    </message>
    <message>
        <source>Open the case (Enter)</source>
        <translation>Открыть дело (Enter)</translation>
    </message>
    <message>
        <source>Decide… (D)</source>
        <translation>Принять решение… (D)</translation>
    </message>
    <message>
        <source>Decide the escalated application</source>
        <translation>Принять решение по переданному заявлению</translation>
    </message>
    <message>
        <source>Decisions waiting for a second look (four eyes: not your own): confirm or overturn a decision; decide an escalated application. Open one to see the images, the checks and the pre-score.</source>
        <translation>Решения, ждущие второй проверки (принцип четырёх глаз: не свои): подтвердите или отмените решение; по переданному руководителю заявлению примите решение сами. Откройте дело, чтобы увидеть изображения, проверки и предоценку.</translation>
    </message>
    <message>
        <source>An escalated application is decided, not confirmed: press D.</source>
        <translation>По переданному заявлению принимают решение, а не подтверждают его: нажмите D.</translation>
    </message>
    <message>
        <source>Select an escalated application first.</source>
        <translation>Сначала выберите переданное заявление.</translation>
    </message>
    <message>
        <source>Opening the application</source>
        <translation>Открывается заявление</translation>
    </message>
    <message>
        <source>{0}: decided, {1}.</source>
        <translation>{0}: решение принято — {1}.</translation>
    </message>
    <message>
        <source>Saving the decision</source>
        <translation>Сохранение решения</translation>
    </message>
</context>
<context>
    <name>ServiceErrors</name>
    <message>
        <source>An MFC kinship confirmation is recorded only on an application for access to a child's record; this application is not one. Check the application number.</source>
        <translation>Подтверждение родства из МФЦ вносится только в заявление на доступ к медкарте ребёнка, а это заявление другого вида. Проверьте номер заявления.</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>Ваша роль не позволяет выполнить это действие.</translation>
    </message>
    <message>
        <source>This action needs a staff account: log in with your own account.</source>
        <translation>Для этого действия нужна учётная запись сотрудника: войдите под своей учётной записью.</translation>
    </message>
    <message>
        <source>Your account was disabled or its role changed. Log in again.</source>
        <translation>Ваша учётная запись отключена или её роль изменилась. Войдите снова.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>Эта учётная запись отключена. Обратитесь к администратору.</translation>
    </message>
    <message>
        <source>This account is locked after too many failed attempts. An administrator can unlock it.</source>
        <translation>Учётная запись заблокирована после слишком многих неудачных попыток входа. Разблокировать её может администратор.</translation>
    </message>
    <message>
        <source>This account is locked after too many failed attempts, until {0} (Moscow time). An administrator can unlock it earlier.</source>
        <translation>Учётная запись заблокирована после слишком многих неудачных попыток входа, до {0} (по московскому времени). Администратор может разблокировать её раньше.</translation>
    </message>
    <message>
        <source>Too many failed logins: wait a little and try again.</source>
        <translation>Слишком много неудачных попыток входа: подождите немного и повторите.</translation>
    </message>
    <message>
        <source>Too many failed logins: try again after {0} (Moscow time).</source>
        <translation>Слишком много неудачных попыток входа: повторите после {0} (по московскому времени).</translation>
    </message>
    <message>
        <source>Wrong name, password or code. Codes change every 30 seconds: use the current one.</source>
        <translation>Неверное имя, пароль или код. Код меняется каждые 30 секунд: введите текущий.</translation>
    </message>
    <message>
        <source>You made this decision yourself: its second review must be done by someone else.</source>
        <translation>Это решение приняли вы сами: повторную проверку должен провести другой сотрудник.</translation>
    </message>
    <message>
        <source>Someone else changed this record in the meantime. Refresh and try again.</source>
        <translation>Запись тем временем изменил другой сотрудник. Обновите данные и повторите.</translation>
    </message>
    <message>
        <source>Someone else changed this application in the meantime. Open it again to see it as it is now.</source>
        <translation>Заявление тем временем изменил другой сотрудник. Откройте его заново, чтобы увидеть текущее состояние.</translation>
    </message>
    <message>
        <source>The application is no longer held by you (the lease ran out or it was given to someone else). Open it again from the queue.</source>
        <translation>Заявление больше не закреплено за вами (закрепление истекло или заявление передано другому сотруднику). Откройте его заново из очереди.</translation>
    </message>
    <message>
        <source>Your lease on the application ran out, so nothing was saved. Open it again from the queue.</source>
        <translation>Закрепление заявления истекло, поэтому ничего не сохранено. Откройте его заново из очереди.</translation>
    </message>
    <message>
        <source>The application cannot be taken now: it has been decided, or someone else is reviewing it.</source>
        <translation>Заявление сейчас нельзя взять: по нему уже принято решение или его проверяет другой сотрудник.</translation>
    </message>
    <message>
        <source>Nobody holds this application now: there is nothing to take back.</source>
        <translation>Заявление сейчас ни за кем не закреплено: снимать нечего.</translation>
    </message>
    <message>
        <source>This decision is no longer waiting for a second review.</source>
        <translation>Это решение больше не ждёт повторной проверки.</translation>
    </message>
    <message>
        <source>Someone else reviewed this decision in the meantime. Refresh the list.</source>
        <translation>Это решение тем временем проверил другой сотрудник. Обновите список.</translation>
    </message>
    <message>
        <source>The application had only just appeared, so the key was ignored. Look at it, then decide.</source>
        <translation>Заявление только что появилось на экране, поэтому нажатие не учтено. Просмотрите его, затем примите решение.</translation>
    </message>
    <message>
        <source>The citizen's login phone was changed by another decision in the meantime, so nothing was saved. Open the application again and decide once more.</source>
        <translation>Телефон для входа гражданина тем временем изменён другим решением, поэтому ничего не сохранено. Откройте заявление заново и примите решение ещё раз.</translation>
    </message>
    <message>
        <source>The record was not found: it may have been removed. Refresh and try again.</source>
        <translation>Запись не найдена: возможно, она удалена. Обновите данные и повторите.</translation>
    </message>
    <message>
        <source>The image was deleted when its retention period ended.</source>
        <translation>Изображение удалено по истечении срока хранения.</translation>
    </message>
    <message>
        <source>The image cannot be read: it is damaged, too large or in an unsupported format.</source>
        <translation>Изображение не читается: файл повреждён, слишком велик или в неподдерживаемом формате.</translation>
    </message>
    <message>
        <source>The faces are still being compared: Approve once the comparison is done.</source>
        <translation>Лица ещё сравниваются: одобрить можно, когда сравнение закончится.</translation>
    </message>
    <message>
        <source>Check the results marked “check by hand” first, then press K to acknowledge them; Approve after that.</source>
        <translation>Сначала проверьте вручную результаты с пометкой «проверить вручную» и нажмите K; затем одобряйте.</translation>
    </message>
    <message>
        <source>The rules do not allow this decision on this application.</source>
        <translation>Правила не допускают такого решения по этому заявлению.</translation>
    </message>
    <message>
        <source>The decision is incomplete: fill in the reason and the comments it needs.</source>
        <translation>Решение не заполнено: укажите причину и нужные комментарии.</translation>
    </message>
    <message>
        <source>Overturning a decision needs a comment saying why.</source>
        <translation>Чтобы отменить решение, напишите комментарий с причиной.</translation>
    </message>
    <message>
        <source>Type the passport's series and number in full (10 digits).</source>
        <translation>Введите серию и номер паспорта полностью (10 цифр).</translation>
    </message>
    <message>
        <source>The phone searched for is not a Russian mobile number.</source>
        <translation>Искомый телефон — не российский мобильный номер.</translation>
    </message>
    <message>
        <source>Opening a chosen application needs a reason.</source>
        <translation>Чтобы открыть выбранное заявление, укажите причину.</translation>
    </message>
    <message>
        <source>Refusing an MFC confirmation needs a comment saying why.</source>
        <translation>Чтобы отклонить подтверждение МФЦ, напишите комментарий с причиной.</translation>
    </message>
    <message>
        <source>You recorded this MFC confirmation yourself: another supervisor confirms or refuses it.</source>
        <translation>Вы сами внесли это подтверждение МФЦ: подтверждает или отклоняет его другой руководитель.</translation>
    </message>
    <message>
        <source>Reviewers take the next application (N); only a supervisor opens a chosen one, giving a reason.</source>
        <translation>Проверяющий берёт следующее заявление (N); выбранное открывает только руководитель, указав причину.</translation>
    </message>
    <message>
        <source>This application is your own or a relative's: another reviewer takes it.</source>
        <translation>Это ваше заявление или заявление родственника: его проверит другой сотрудник.</translation>
    </message>
    <message>
        <source>This MFC confirmation is no longer waiting for a verification. Refresh the list.</source>
        <translation>Это подтверждение МФЦ больше не ждёт проверки. Обновите список.</translation>
    </message>
    <message>
        <source>The start of the period is after its end.</source>
        <translation>Начало периода позже его конца.</translation>
    </message>
    <message>
        <source>This staff member cannot take applications (disabled, or not a reviewer).</source>
        <translation>Этот сотрудник не может брать заявления (отключён или не проверяющий).</translation>
    </message>
    <message>
        <source>The database cannot be reached. Try again in a minute; if it persists, call the administrator.</source>
        <translation>Нет связи с базой данных. Повторите через минуту; если не поможет, позвоните администратору.</translation>
    </message>
    <message>
        <source>The reviewer service of this workstation could not start. The details are in the log; close the program and start it again, and if it persists, call the administrator.</source>
        <translation>Сервис проверки на этом рабочем месте не запустился. Подробности в журнале; закройте программу и запустите её снова, а если не поможет, позвоните администратору.</translation>
    </message>
    <message>
        <source>This reviewer service belongs to another program on this computer. Call the administrator.</source>
        <translation>Этот сервис проверки принадлежит другой программе на этом компьютере. Позвоните администратору.</translation>
    </message>
    <message>
        <source>The reviewer service cannot be reached. What you typed is kept; try again in a minute. If it persists, call the administrator.</source>
        <translation>Нет связи с сервисом проверки. Введённое сохранено; повторите через минуту. Если не поможет, позвоните администратору.</translation>
    </message>
    <message>
        <source>You are not signed in to the reviewer service. Log out and sign in again.</source>
        <translation>Вы не вошли в сервис проверки. Выйдите и войдите снова.</translation>
    </message>
    <message>
        <source>Your session has ended. Log out and sign in again.</source>
        <translation>Сеанс завершён. Выйдите и войдите снова.</translation>
    </message>
    <message>
        <source>Your session ended after a time without work. Log out and sign in again.</source>
        <translation>Сеанс завершён после перерыва в работе. Выйдите и войдите снова.</translation>
    </message>
    <message>
        <source>Your session reached its maximum length. Log out and sign in again.</source>
        <translation>Сеанс достиг наибольшей длительности. Выйдите и войдите снова.</translation>
    </message>
    <message>
        <source>This desk and the reviewer service are different versions of the program. Call the administrator to install the same version on both.</source>
        <translation>Рабочее место и сервис проверки — разные версии программы. Позвоните администратору, чтобы он установил одну и ту же версию.</translation>
    </message>
    <message>
        <source>The desk sent a decision the service could not accept. Call the administrator.</source>
        <translation>Сервис не принял решение, отправленное рабочим местом. Позвоните администратору.</translation>
    </message>
    <message>
        <source>This account is not another system's account. People sign in at a desk.</source>
        <translation>Это не учётная запись другой системы. Сотрудники входят на рабочем месте.</translation>
    </message>
    <message>
        <source>The application pack was refused. The reason names the file and the field.</source>
        <translation>Пакет заявления отклонён. В причине названы файл и поле.</translation>
    </message>
    <message>
        <source>The application pack is larger than a pack may be.</source>
        <translation>Пакет заявления больше допустимого размера.</translation>
    </message>
    <message>
        <source>The decision is being saved right now. Wait a moment and look at the queue.</source>
        <translation>Решение сохраняется прямо сейчас. Подождите немного и посмотрите очередь.</translation>
    </message>
    <message>
        <source>The desk sent a request the service could not accept. Call the administrator.</source>
        <translation>Сервис не принял запрос рабочего места. Позвоните администратору.</translation>
    </message>
    <message>
        <source>The database must be updated for this version of the program. Call the administrator.</source>
        <translation>Базу данных нужно обновить для этой версии программы. Позвоните администратору.</translation>
    </message>
    <message>
        <source>A document cannot be read from the document store. Call the administrator.</source>
        <translation>Документ не удаётся прочитать из хранилища документов. Позвоните администратору.</translation>
    </message>
    <message>
        <source>A stored document failed its integrity check (it was altered or damaged). Call the administrator.</source>
        <translation>Сохранённый документ не прошёл проверку целостности (изменён или повреждён). Позвоните администратору.</translation>
    </message>
    <message>
        <source>The program's settings are wrong. Call the administrator.</source>
        <translation>Настройки программы неверны. Позвоните администратору.</translation>
    </message>
    <message>
        <source>The action could not be completed. The details are in the log; if it happens again, call the administrator.</source>
        <translation>Действие не выполнено. Подробности записаны в журнал; если ошибка повторится, позвоните администратору.</translation>
    </message>
    <message>
        <source>Unexpected error. The details are in the log; please call the administrator.</source>
        <translation>Непредвиденная ошибка. Подробности записаны в журнал; позвоните администратору.</translation>
    </message>
    <message>
        <source>Only a trainer sees and changes the trainees' work.</source>
        <translation>Работу стажёров видит и меняет только тренер.</translation>
    </message>
    <message>
        <source>This account is a trainer's, not a trainee's.</source>
        <translation>Это учётная запись тренера, а не стажёра.</translation>
    </message>
    <message>
        <source>That kind of application is not known. Refresh the list and choose again.</source>
        <translation>Такой вид заявления неизвестен. Обновите список и выберите снова.</translation>
    </message>
    <message>
        <source>No case in the answer key teaches that. Refresh the list and choose again.</source>
        <translation>В ключе ответов нет заявлений на эту тему. Обновите список и выберите снова.</translation>
    </message>
    <message>
        <source>You cannot disable your own account or change your own role.</source>
        <translation>Нельзя отключить собственную учётную запись или сменить собственную роль.</translation>
    </message>
    <message>
        <source>This is the last enabled administrator: add or enable another one first.</source>
        <translation>Это последний действующий администратор: сначала добавьте или включите другого.</translation>
    </message>
    <message>
        <source>A staff member with this name already exists.</source>
        <translation>Сотрудник с таким именем входа уже есть.</translation>
    </message>
    <message>
        <source>The name must be 2 to 64 characters: latin letters, digits, “.”, “_” or “-”.</source>
        <translation>Имя входа — от 2 до 64 символов: латинские буквы, цифры, «.», «_» или «-».</translation>
    </message>
    <message>
        <source>The password must be at least 10 characters long.</source>
        <translation>Пароль должен быть не короче 10 символов.</translation>
    </message>
    <message>
        <source>Choose one of the roles offered.</source>
        <translation>Выберите одну из предложенных ролей.</translation>
    </message>
    <message>
        <source>The statistics can be exported as CSV or PDF only.</source>
        <translation>Статистику можно выгрузить только в CSV или PDF.</translation>
    </message>
    <message>
        <source>The statistics can be exported in Russian or English only.</source>
        <translation>Статистику можно выгрузить только на русском или английском языке.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Approve</source>
        <translation>Одобрить</translation>
    </message>
    <message>
        <source>Reject with a reason</source>
        <translation>Отказать с причиной</translation>
    </message>
    <message>
        <source>In-person visit required (MFC)</source>
        <translation>Нужен личный визит (МФЦ)</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Вернуть на доработку</translation>
    </message>
    <message>
        <source>Escalate to a supervisor</source>
        <translation>Передать руководителю</translation>
    </message>
    <message>
        <source>Next application</source>
        <translation>Следующее заявление</translation>
    </message>
    <message>
        <source>Fit the images</source>
        <translation>Вписать изображения</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Rotate the selfie</source>
        <translation>Повернуть селфи</translation>
    </message>
    <message>
        <source>Show the queue</source>
        <translation>Показать очередь</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>Эта справка</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>(single keys off)</source>
        <translation>(одиночные клавиши выключены)</translation>
    </message>
    <message>
        <source>Press any key or click to close.</source>
        <translation>Нажмите любую клавишу или щёлкните, чтобы закрыть.</translation>
    </message>
    <message>
        <source>Undo the last decision (10 s)</source>
        <translation>Отменить последнее решение (10 с)</translation>
    </message>
    <message>
        <source>Acknowledge the checks by hand</source>
        <translation>Подтвердить ручные проверки</translation>
    </message>
    <message>
        <source>Put the application back in the queue</source>
        <translation>Вернуть заявление в очередь</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>Reasons for refusals and returns</source>
        <translation>Причины отказов и возвратов</translation>
    </message>
    <message>
        <source>Pre-score and decision</source>
        <translation>Предоценка и решение</translation>
    </message>
    <message>
        <source>Computing statistics</source>
        <translation>Подсчёт статистики</translation>
    </message>
    <message>
        <source>{0}; answered in time: {1}; an approved case had the higher pre-score in {2} of pairs</source>
        <translation>{0}; ответ в срок: {1}; у одобренного заявления предоценка выше в {2} пар</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n решение</numerusform>
            <numerusform>%n решения</numerusform>
            <numerusform>%n решений</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Выгрузить CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Выгрузить PDF…</translation>
    </message>
    <message>
        <source>Decisions per reviewer</source>
        <translation>Решения по сотрудникам</translation>
    </message>
    <message>
        <source>{0}; answered in time: {1} ({2} late)</source>
        <translation>{0}; ответ в срок: {1} (с опозданием: {2})</translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) waiting in the queue now</source>
        <translation>
            <numerusform>В очереди сейчас %n заявление</numerusform>
            <numerusform>В очереди сейчас %n заявления</numerusform>
            <numerusform>В очереди сейчас %n заявлений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n день</numerusform>
            <numerusform>%n дня</numerusform>
            <numerusform>%n дней</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}; the oldest has waited {1}; median wait, days: {2}</source>
        <translation>{0}; самое старое ждёт {1}; медиана ожидания, дней: {2}</translation>
    </message>
    <message>
        <source>No application is waiting in the queue now</source>
        <translation>Сейчас в очереди нет заявлений</translation>
    </message>
    <message>
        <source>Second reviews: {0}; they agreed with the decision in {1}, overturned it in {2}</source>
        <translation>Вторых проверок: {0}; согласились с решением: {1}; отменили его: {2}</translation>
    </message>
    <message numerus="yes">
        <source>When the pre-score said “{0}”, the decision was approve in {1} of %n case(s)</source>
        <translation>
            <numerusform>Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случая</numerusform>
            <numerusform>Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случаев</numerusform>
            <numerusform>Когда предоценка говорила «{0}», заявление одобрено в {1} из %n случаев</numerusform>
        </translation>
    </message>
    <message>
        <source>No second review was done in this period</source>
        <translation>За этот период вторых проверок не было</translation>
    </message>
    <message>
        <source>No decision had a pre-score in this period</source>
        <translation>За этот период ни у одного решения не было предоценки</translation>
    </message>
    <message>
        <source>statistics</source>
        <translation>статистика</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>Таблица CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>Отчёт PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the statistics</source>
        <translation>Сохранить статистику</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>Сохранено: {0}</translation>
    </message>
    <message>
        <source>Exporting statistics</source>
        <translation>Выгрузка статистики</translation>
    </message>
</context>
<context>
    <name>Statuses</name>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>на проверке</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>решено</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>возвращено</translation>
    </message>
    <message>
        <source>in-person visit</source>
        <translation>личный визит</translation>
    </message>
    <message>
        <source>second review</source>
        <translation>вторая проверка</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>пройдена</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>не пройдена</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>внимание</translation>
    </message>
    <message>
        <source>check by hand</source>
        <translation>проверить вручную</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>лично в МФЦ</translation>
    </message>
    <message>
        <source>not yet done</source>
        <translation>ещё не выполнена</translation>
    </message>
    <message>
        <source>active</source>
        <translation>действует</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>отозван</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>истёк</translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message>
        <source>{0} (next in line, not opened yet)</source>
        <translation>{0} (следующее у него, ещё не открыто)</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Решения</translation>
    </message>
    <message>
        <source>Second review</source>
        <translation>Вторая проверка</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Закрепления</translation>
    </message>
    <message>
        <source>MFC confirmations</source>
        <translation>Подтверждения МФЦ</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Статистика</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>Целостность</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>The supervisor, trainer and administrator screens are not yet available on a desk connected to the reviewer service. Use them on a workstation started with the database settings (reviewer-app gui without --service).</source>
        <translation>Экраны руководителя, наставника и администратора пока недоступны на рабочем месте, подключённом к сервису проверки. Откройте их на рабочем месте, запущенном с настройками базы данных (reviewer-app gui без --service).</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Заявление</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Проверяющий</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Pre-score</source>
        <translation>Предоценка</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <source>override</source>
        <translation>вопреки проверкам</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>срок нарушен</translation>
    </message>
    <message>
        <source>Reviewer's comment</source>
        <translation>Комментарий проверяющего</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Не пройдено</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>У кого</translation>
    </message>
    <message>
        <source>Lease until</source>
        <translation>Закреплено до</translation>
    </message>
    <message>
        <source>SLA deadline</source>
        <translation>Срок ответа</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Решений</translation>
    </message>
    <message>
        <source>Median minutes</source>
        <translation>Медиана, мин</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Сколько</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n решение</numerusform>
            <numerusform>%n решения</numerusform>
            <numerusform>%n решений</numerusform>
        </translation>
    </message>
    <message>
        <source>Decisions per day</source>
        <translation>Решения по дням</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Стажёр</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Заявлений</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Верно</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Неверно</translation>
    </message>
    <message>
        <source>Last case</source>
        <translation>Последнее решение</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>До</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Решение стажёра</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <source>Escalated by {0}, {1}: {2}</source>
        <translation>Передано руководителю сотрудником {0}, {1}: {2}</translation>
    </message>
    <message>
        <source>Escalated by {0}: {1}</source>
        <translation>Передано руководителю сотрудником {0}: {1}</translation>
    </message>
    <message>
        <source>escalated by {0}</source>
        <translation>передано сотрудником {0}</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>TraineesTab</name>
    <message>
        <source>Trainees</source>
        <translation>Стажёры</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Заявления</translation>
    </message>
    <message>
        <source>Choose a case to read the rule that decides it.</source>
        <translation>Выберите заявление, чтобы прочитать правило, по которому оно решается.</translation>
    </message>
    <message>
        <source>The rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Start again…</source>
        <translation>Начать заново…</translation>
    </message>
    <message>
        <source>Clear the selected trainee's decisions: the cases go back to the queue</source>
        <translation>Стереть решения выбранного стажёра: заявления вернутся в очередь</translation>
    </message>
    <message>
        <source>Cases given to</source>
        <translation>Кому даются заявления</translation>
    </message>
    <message>
        <source>Kinds of application</source>
        <translation>Виды заявлений</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Темы</translation>
    </message>
    <message>
        <source>Give these cases</source>
        <translation>Давать эти заявления</translation>
    </message>
    <message>
        <source>Cases given (none ticked: all)</source>
        <translation>Какие заявления давать (ничего не отмечено — все)</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Кому:</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Sessions of the selected trainee</source>
        <translation>Занятия выбранного стажёра</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Loading the trainees</source>
        <translation>Загрузка стажёров</translation>
    </message>
    <message>
        <source>Trainees: {0}</source>
        <translation>Стажёров: {0}</translation>
    </message>
    <message>
        <source>Everybody</source>
        <translation>Всем</translation>
    </message>
    <message>
        <source>Cases of {0}</source>
        <translation>Заявления стажёра {0}</translation>
    </message>
    <message>
        <source>Loading the cases</source>
        <translation>Загрузка заявлений</translation>
    </message>
    <message>
        <source>Cases: {0}</source>
        <translation>Заявлений: {0}</translation>
    </message>
    <message>
        <source>no answer in the key</source>
        <translation>нет ответа в ключе</translation>
    </message>
    <message>
        <source>right</source>
        <translation>верно</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>неверно</translation>
    </message>
    <message>
        <source>{0}, {1}, decided {2}</source>
        <translation>{0}, {1}, решено {2}</translation>
    </message>
    <message>
        <source>Given: {0}. Expected: {1}.</source>
        <translation>Решение стажёра: {0}. Ожидалось: {1}.</translation>
    </message>
    <message>
        <source>Checks not passed when decided: {0}</source>
        <translation>Не пройденные при решении проверки: {0}</translation>
    </message>
    <message>
        <source>The rule: {0}</source>
        <translation>Правило: {0}</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Начать заново</translation>
    </message>
    <message>
        <source>Clear all decisions of {0}? Their cases go back to the queue and their results are gone; the audit trail keeps that you did it.</source>
        <translation>Стереть все решения стажёра {0}? Заявления вернутся в очередь, результаты пропадут; в журнале аудита останется запись о том, что это сделали вы.</translation>
    </message>
    <message>
        <source>Clear and start again</source>
        <translation>Стереть и начать заново</translation>
    </message>
    <message>
        <source>Clearing the decisions</source>
        <translation>Решения стираются</translation>
    </message>
    <message>
        <source>{0} starts again. Decisions cleared: {1}; cases back in the queue: {2}.</source>
        <translation>{0} начинает заново. Стёрто решений: {1}; вернулось в очередь заявлений: {2}.</translation>
    </message>
    <message>
        <source>All cases are given.</source>
        <translation>Даются все заявления.</translation>
    </message>
    <message>
        <source>Only the ticked cases are given.</source>
        <translation>Даются только отмеченные заявления.</translation>
    </message>
    <message>
        <source>Saving the cases given</source>
        <translation>Сохранение выбора заявлений</translation>
    </message>
    <message>
        <source>{0}: all cases are given.</source>
        <translation>{0}: даются все заявления.</translation>
    </message>
    <message>
        <source>{0}: only the ticked cases are given.</source>
        <translation>{0}: даются только отмеченные заявления.</translation>
    </message>
</context>
<context>
    <name>VerdictDialog</name>
    <message>
        <source>Confirm the decision</source>
        <translation>Подтвердить решение</translation>
    </message>
    <message>
        <source>Overturn the decision</source>
        <translation>Отменить решение</translation>
    </message>
    <message>
        <source>{0} · {1}: {2} by {3}, {4}</source>
        <translation>{0} · {1}: {2}, проверял(а) {3}, {4}</translation>
    </message>
    <message>
        <source>Confirm this decision? It stays as it is.</source>
        <translation>Подтвердить это решение? Оно останется в силе.</translation>
    </message>
    <message>
        <source>Overturn this decision? An approval's access is revoked and the applicant is told why.</source>
        <translation>Отменить это решение? Доступ по одобрению будет отозван, заявитель получит объяснение.</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Комментарий (необязательно)</translation>
    </message>
    <message>
        <source>Why is it overturned? (required)</source>
        <translation>Почему решение отменяется? (обязательно)</translation>
    </message>
    <message>
        <source>choose a reason</source>
        <translation>выберите причину</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Overturn</source>
        <translation>Отменить решение</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Reason for the applicant</source>
        <translation>Причина для заявителя</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Write why the decision is overturned.</source>
        <translation>Напишите, почему решение отменяется.</translation>
    </message>
    <message>
        <source>Choose the reason the applicant will get.</source>
        <translation>Выберите причину, которую получит заявитель.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>approved</source>
        <translation>одобрено</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отказано</translation>
    </message>
    <message>
        <source>in-person visit</source>
        <translation>личный визит в МФЦ</translation>
    </message>
    <message>
        <source>returned for correction</source>
        <translation>возвращено на доработку</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>передано руководителю</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>не требуется</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>подтверждено</translation>
    </message>
    <message>
        <source>overturned</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>проверяющий</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>руководитель</translation>
    </message>
    <message>
        <source>trainer</source>
        <translation>наставник</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <source>MFC operator</source>
        <translation>оператор МФЦ</translation>
    </message>
    <message>
        <source>portal (system account)</source>
        <translation>портал (системная учётная запись)</translation>
    </message>
    <message>
        <source>the system</source>
        <translation>система</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>the selfie with the passport</source>
        <translation>селфи с паспортом</translation>
    </message>
    <message>
        <source>the passport scan</source>
        <translation>скан паспорта</translation>
    </message>
    <message>
        <source>the birth certificate scan</source>
        <translation>скан свидетельства о рождении</translation>
    </message>
    <message>
        <source>a document</source>
        <translation>документ</translation>
    </message>
</context>
</TS>
