"""Generate sample_data/: about 30 application packs covering every check outcome and every kind.

    uv run python tools/make_sample_data.py [--out sample_data]

Deterministic: the same code gives the same bytes (fixed seeds, fixed dates). Faces come from the two
public-domain portraits in reviewer_app.matching.composites (Eileen Collins from scikit-image, Grace Hopper from
matplotlib). Each applicant's passport page is drawn from the pack's data (`reviewer_app.documents.specimen`:
generated art, machine-readable zone in OCR-B); the scan is that page, the selfie (1600x1200) holds it beside
the live face; child packs carry a drawn birth certificate. Packs 31-33 are document mistakes.
Also writes sample_data/registry.json (civil-registry birth records for the kinship checks; load it with
`reviewer-app registry load`) and sample_data/answer_key.json (expected decision and reason per pack, for
trainers). Packs are submitted in late November 2026; pack 16 was submitted early so that it is overdue
(check with `--today 2026-11-27`).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import io
import json
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer_app.documents import specimen  # noqa: E402
from reviewer_app.matching.composites import astronaut, grace_hopper  # noqa: E402

# The day the packs are written for: deadlines, ages and validity read as intended on it. The demo and training
# move every date to the day they run (services.sample_data, rules in policy.sample_dates); `dates.json` says it.
AS_OF = "2026-11-27"
QUALITY = 85


# The answer key: (expected outcome, reason code of domain.reasons or None, why in Russian, why in English).
# Explanations name the rule and no shifting calendar date (sample dates are moved to the day of training);
# the fixed legal date 1 Oct 2018 may be named. tests/unit/training/test_answer_key.py checks it all.
ANSWERS: dict[str, tuple[str, str | None, str, str]] = {
    "01-clean-approval": ("approve", None,
        "Все проверки пройдены, лицо на селфи совпадает с фото в паспорте: одобрить. Это же лицо есть в других "
        "заявлениях Ивановой (за себя и за детей): тот же человек, поэтому проверка «То же лицо под другим именем» "
        "пройдена.",
        "Every check passes and the face in the selfie matches the passport photo: approve. The same face is in "
        "Ivanova's other applications (for herself and her children): the same person, so the check 'Same face "
        "under another name' passes."),
    "02-face-mismatch": ("reject", "face_mismatch",
        "На селфи другой человек, чем на фото в паспорте. Сравнивайте черты лица, а не причёску и одежду; при "
        "несовпадении — отказ «Лицо не совпадает с паспортом». Проверка «То же лицо под другим именем» не пройдена: "
        "это же лицо подаёт заявление EMK-2026-900032 на имя Кудрявцевой — одно лицо под двумя именами.",
        "The person in the selfie is not the one in the passport photo. Compare facial features, not hair or "
        "clothes; a mismatch is rejected with 'Face does not match the passport'. The check 'Same face under "
        "another name' fails: the same face applies as Kudryavtseva in EMK-2026-900032, one face under two names."),
    "03-black-and-white-selfie": ("return", "photo_not_colour",
        "Селфи чёрно-белое, а услуга требует цветное фото с паспортом: вернуть на доработку, чтобы заявитель прислал "
        "цветное фото.",
        "The selfie is black and white; the service requires a colour photo with the passport: return it so the "
        "applicant sends a colour photo."),
    "04-passport-expired-at-20": ("return", "document_expired",
        "Паспорт выдан в 14 лет и не заменён в 20: он действует до 20-летия плюс 90 дней, этот срок прошёл. Вернуть: "
        "подать заново с действующим паспортом.",
        "The passport was issued at 14 and not replaced at 20: it is valid until the 20th birthday plus 90 days, "
        "which has passed. Return: apply again with a valid passport."),
    "05-passport-expired-at-45": ("return", "document_expired",
        "Паспорт выдан в 20 лет и не заменён в 45: он действует до 45-летия плюс 90 дней, этот срок прошёл. Вернуть: "
        "подать заново с действующим паспортом.",
        "The passport was issued at 20 and not replaced at 45: it is valid until the 45th birthday plus 90 days, "
        "which has passed. Return: apply again with a valid passport."),
    "06-bad-oms-number": ("return", "oms_number_invalid",
        "Номер полиса ОМС (ЕНП) не проходит проверку контрольной цифры (Луна): скорее всего, опечатка. Вернуть, "
        "чтобы заявитель исправил номер.",
        "The OMS policy number (ENP) fails its Luhn check digit, most likely a typo. Return it so the applicant "
        "corrects the number."),
    "07-non-moscow-policy": ("reject", "not_moscow_policy",
        "Полис ОМС выдан в Московской области (регион 50), а доступ к ЭМК даётся только с московским полисом (регион "
        "77): отказ.",
        "The OMS policy is from the Moscow region (50); EMK access needs a policy issued in Moscow (77): reject."),
    "08-applicant-aged-14": ("reject", "underage",
        "Заявителю 14 лет: доступ к своей ЭМК — с 15 лет. До этого доступ к медкарте оформляет родитель: отказ.",
        "The applicant is 14: own access starts at 15; until then a parent applies for the child's record: reject."),
    "09-child-aged-15": ("reject", "child_too_old",
        "Ребёнку уже 15 лет: доступ родителя возможен только до 15, теперь ребёнок подаёт заявление сам: отказ.",
        "The child is already 15: a parent has access only until 15; the child now applies themselves: reject."),
    "10-child-certificate-after-2018": ("approve", None,
        "Свидетельство выдано в России после 1 октября 2018 года: родство проверяется по реестру ЗАГС, и реестр "
        "подтверждает заявителя как родителя: одобрить.",
        "The certificate was issued in Russia on or after 1 October 2018: kinship is checked in the civil registry, "
        "which lists the applicant as a parent: approve."),
    "11-child-certificate-before-2018": ("in_person", None,
        "Свидетельство выдано до 1 октября 2018 года: такое родство подтверждается только лично в МФЦ. Направить в "
        "МФЦ, не одобрять.",
        "The certificate was issued before 1 October 2018: such kinship is confirmed only in person at an MFC. Send "
        "to the MFC, do not approve."),
    "12-child-certificate-abroad": ("in_person", None,
        "Свидетельство выдано за рубежом: реестр ЗАГС его не знает, родство подтверждается лично в МФЦ. "
        "Подтверждение МФЦ по этому заявлению внесено за стойкой сотрудником desk-clerk и ждёт проверки другим "
        "руководителем: до проверки оно ничего не открывает, а внёсший его не может одобрить это заявление "
        "никогда. Направить в МФЦ.",
        "The certificate was issued abroad: the civil registry does not hold it, so kinship is confirmed in "
        "person at an MFC. An MFC confirmation for it was typed in at a desk by desk-clerk and waits for another "
        "supervisor's verification: until then it unlocks nothing, and whoever recorded it may never approve "
        "this application. Send to the MFC."),
    "13-child-kinship-mismatch": ("reject", "kinship_not_confirmed",
        "В реестре ЗАГС у этого свидетельства другие родители: родство не подтверждено, отказ.",
        "The civil registry lists other parents for this certificate: kinship is not confirmed, reject."),
    "14-opt-out": ("approve", None,
        "Отказ от ЭМК — право гражданина; личность подтверждена, проверки пройдены: одобрить.",
        "Opting out of the EMK is the citizen's right; identity is confirmed and the checks pass: approve."),
    "15-duplicate-of-01": ("reject", "duplicate",
        "Тот же человек уже подал такое же заявление (пакет 01), и оно ещё не решено: этот повтор — отказ.",
        "The same person already has the same kind of application open (pack 01): reject this duplicate."),
    "16-overdue": ("approve", None,
        "Срок ответа (5 рабочих дней) уже истёк: такое заявление решают первым. Мать просит доступ к медкарте "
        "младшей дочери; свидетельство выдано после 1 октября 2018 года, и реестр ЗАГС называет её матерью. "
        "Проверки пройдены: одобрить.",
        "The answer deadline (5 working days) has passed: decide it first. A mother asks for her youngest "
        "daughter's record; the certificate was issued after 1 October 2018 and the civil registry names her as "
        "the mother. The checks pass: approve."),
    "17-old-style-oms-policy": ("approve", None,
        "Полис старого образца нельзя проверить по контрольной цифре: проверка «вручную». Сверьте номер с документом "
        "и одобрите.",
        "An old-style OMS policy has no check digit, so the check is 'manual': verify the number against the "
        "document, then approve."),
    "18-no-biometric-consent": ("approve", None,
        "Нет согласия на обработку биометрии: автоматической оценки лица нет, сравните лица на глаз. Совпадают: "
        "одобрить.",
        "No consent to biometric processing: there is no automated face score, compare the faces by eye. They match: "
        "approve."),
    "19-account-confirmed-at-mfc": ("approve", None,
        "Учётная запись подтверждена лично в МФЦ: упрощённый порядок, фото не нужно. Проверки пройдены: одобрить.",
        "The account was confirmed in person at an MFC: the simplified route needs no photo. The checks pass: "
        "approve."),
    "20-landline-phone": ("return", "phone_not_mobile",
        "Указан городской телефон: на него не приходят SMS с кодами входа. Нужен российский мобильный +7 9XX: "
        "вернуть на исправление.",
        "A landline cannot receive the SMS login codes; a Russian mobile number (+7 9XX) is needed: return for "
        "correction."),
    "21-bad-snils": ("return", "snils_invalid",
        "Контрольное число СНИЛС неверно: скорее всего, опечатка в номере. Вернуть на исправление.",
        "The SNILS check number is wrong, most likely a typo: return for correction."),
    "22-change-access-new-phone": ("approve", None,
        "Смена телефона для кодов входа; личность подтверждена, проверки пройдены: одобрить (коды будут приходить на "
        "новый номер).",
        "A new phone number for the login codes; identity is confirmed and the checks pass: approve (the codes go to "
        "the new number)."),
    "23-cancel-access": ("approve", None,
        "Отмена доступа по заявлению гражданина; личность подтверждена: одобрить.",
        "The citizen withdraws their access; identity is confirmed: approve."),
    "24-opt-in": ("approve", None,
        "Отмена прежнего отказа от ЭМК; личность подтверждена, проверки пройдены: одобрить.",
        "Undoes an earlier opt-out; identity is confirmed and the checks pass: approve."),
    "25-clean-zip": ("approve", None,
        "Обычное заявление, пришедшее архивом .zip; все проверки пройдены: одобрить.",
        "An ordinary application delivered as a .zip; every check passes: approve."),
    "26-invalid-pack": ("refused_at_intake", None,
        "Приём отклоняет пакет: дата рождения заявителя записана не в формате ГГГГ-ММ-ДД. На стол он не попадает.",
        "Intake refuses the pack: the applicant's birth date is not written as YYYY-MM-DD. It never reaches the "
        "desk."),
    "27-hard-selfie": ("approve", None,
        "Сложное фото (маленький наклонный паспорт, сильное сжатие), но лица совпадают, если сравнить внимательно: "
        "одобрить.",
        "A hard photo (small tilted passport, heavy compression), but the faces match when compared carefully: "
        "approve."),
    "28-bad-certificate-series": ("return", "certificate_invalid",
        "В серии свидетельства о рождении латинские буквы вместо русских (IV-MJ вместо IV-МЮ): данные введены "
        "неверно, вернуть на исправление.",
        "The birth certificate series has Latin letters where Cyrillic ones belong (IV-MJ instead of IV-МЮ): the "
        "data is wrong, return for correction."),
    "29-passport-issued-before-14": ("return", "passport_invalid",
        "Паспорт не выдают до 14-летия, а дата выдачи раньше него: дата введена неверно (или документ поддельный). "
        "Вернуть, чтобы заявитель исправил данные паспорта.",
        "A passport is never issued before the 14th birthday, yet this issue date is earlier: the date is wrong (or "
        "the document is not genuine). Return so the applicant corrects the passport data."),
    "30-child-second-parent-listed": ("approve", None,
        "Реестр ЗАГС называет заявительницу вторым родителем (матерью): родство подтверждено, одобрить.",
        "The civil registry lists the applicant as the second parent (the mother): kinship is confirmed, approve."),
    "31-typed-number-differs": ("return", "data_mismatch",
        "Номер паспорта в заявлении отличается от номера на странице паспорта (машиночитаемая зона и красный номер "
        "на полях): опечатка. Вернуть, чтобы заявитель исправил номер.",
        "The passport number typed in the application differs from the number on the passport page (the "
        "machine-readable zone and the red number in the margin): a typo. Return so the applicant corrects it."),
    "32-wrong-mrz-check-digit": ("escalate", None,
        "В машиночитаемой зоне паспорта неверная контрольная цифра (одинаково на скане и на селфи): настоящий "
        "бланк так не печатают. И проверка «То же лицо под другим именем» не пройдена: это же лицо подало "
        "заявление EMK-2026-900002 на имя Смирновой. Возможна подделка — передать старшему с внутренним "
        "комментарием.",
        "The passport's machine-readable zone has a wrong check digit (the same on the scan and the selfie): a "
        "genuine blank is never printed so. And the check 'Same face under another name' fails: the same face "
        "applied as Smirnova in EMK-2026-900002. Possibly forged: escalate to a supervisor with an internal "
        "comment."),
    "33-page-of-somebody-else": ("return", "data_mismatch",
        "На селфи заявитель держит другой паспорт, чем на скане (другие серия и номер в машиночитаемой зоне). "
        "Вернуть: нужно селфи с тем же паспортом, что указан в заявлении.",
        "In the selfie the applicant holds a different passport from the scanned one (another series and number in "
        "the machine-readable zone). Return: a selfie with the passport named in the application is needed."),
    # issue 22: one person across passports, the mos.ru account, other parents
    "34-new-passport-after-opt-out": ("reject", "opted_out",
        "Это тот же человек, что в пакете 14 (отказ от ЭМК), с новым паспортом: их связывают СНИЛС и прежний "
        "паспорт (проверка «Прежние обращения» показывает оба паспорта). Пока отказ не отменён заявлением об "
        "отмене, доступ не открывают: отказ «Отказ от ЭМК».",
        "This is the person of pack 14 (the opt-out) with a new passport: the SNILS and the previous passport link "
        "them (the check 'Earlier records of the person' shows both passports). Until an opt-in withdraws the "
        "opt-out, access is not opened: reject with 'Opted out of EMK'."),
    "35-simplified-account": ("reject", "account_simplified",
        "Заявление подано с упрощённой учётной записи mos.ru, а услуга доступна только со стандартной или полной "
        "подтверждённой: одобрить нельзя, отказ «Упрощённая учётная запись».",
        "The application came from a simplified mos.ru account; only a confirmed standard or full account may "
        "apply: it cannot be approved, reject with 'Simplified account'."),
    "36-previous-surname": ("approve", None,
        "В реестре ЗАГС мать записана под девичьей фамилией; заявитель указала прежнюю фамилию с номером и датой "
        "записи акта о браке, и по ней родитель совпадает (это видно в проверке «Родство»): одобрить.",
        "The civil registry names the mother under her maiden name; the applicant gave the previous surname with "
        "the marriage record's number and date, and under it the parent matches (the 'Kinship' check says so): "
        "approve."),
    "37-guardian": ("in_person", None,
        "Заявитель — опекун, а не родитель: реестр ЗАГС опекунов не знает, полномочия подтверждаются лично в МФЦ "
        "с документом об опеке. Направить в МФЦ.",
        "The applicant is a guardian, not a parent: the civil registry does not list guardians, so the authority "
        "is confirmed in person at an MFC with the guardianship document. Send to the MFC."),
    "38-shared-phone": ("return", "phone_in_use",
        "Телефон заявительницы уже получает коды входа другого гражданина (её мужа, у него есть доступ к ЭМК: "
        "см. history.json). Один телефон — один гражданин (общий только у родителя и его детей): одобрение "
        "отняло бы у него вход. Вернуть с причиной «Телефон принадлежит другому человеку», чтобы заявительница "
        "указала свой номер.",
        "The applicant's phone already receives the login codes of another citizen (her husband, who holds EMK "
        "access: see history.json). One phone serves one citizen (only a parent shares it with their children): "
        "approving would take his login over. Return with 'Phone belongs to someone else' so she gives her own "
        "number."),
}


def snils(n: int) -> str:
    """A valid SNILS of its own for pack n (one person, one SNILS: issue 22 links applications by it)."""
    digits = f"{112233000 + n * 7:09d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 0, -1), strict=True))
    while total > 101:
        total %= 101
    check = 0 if total in (100, 101) else total
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]} {check:02d}"


#: What happened before the packs arrived (`history.json`, seeded by services.sample_history into the demo and
#: training databases): a citizen who already holds a login (an access approved earlier; no pack here) whose
#: phone pack 38 gives, and an MFC confirmation typed in at a desk for pack 12, waiting for a supervisor.
HISTORY: dict[str, Any] = {
    "format": 1,
    "citizens": [
        {"last_name": "Ковалёв", "first_name": "Игорь", "middle_name": "Степанович", "birth_date": "1981-02-10",
         "phone": "+7 916 138-45-67", "note": "the husband of pack 38's applicant; holds EMK access"},
    ],
    "mfc_desk_records": [
        {"application_id": "EMK-2026-900012", "recorded_by": "desk-clerk", "confirmed_by": "Петрова А. В.",
         "mfc_office": "МФЦ района Хамовники", "document_ref": "МФЦ-2026-004512"},
    ],
}

#: The mos.ru account of a sample applicant: confirmed, full (only confirmed standard or full accounts may apply).
ACCOUNT = {"level": "full", "confirmed": True, "confirmed_via": "gosuslugi"}


README = """# Sample application packs

Generated by `uv run python tools/make_sample_data.py`; do not edit by hand (change the generator and rerun it).

- `NN-*/` and `NN-*.zip`: one application pack each (see docs on the intake format). `passport.jpg` is a scan
  of the applicant's passport spread (generated art: issue page above, photo page with the machine-readable
  zone below), `selfie.jpg` holds that spread beside the face, child packs add `certificate.jpg`. Packs 31-33
  are document mistakes (typed number differs, wrong check digit in the zone, somebody else's passport).
  Packs 34-38 (issue 22): the person of pack 14 with a new passport after the opt-out, a simplified mos.ru
  account, a mother under her previous surname in the registry, a guardian, a wife giving her husband's
  phone (38: he already holds a login, see `history.json`). Every applicant has a SNILS of
  their own (the same person, the same SNILS: packs 01, 09-13, 15, 16, 22 and 28; 14 and 34) and a confirmed
  full account.
- Faces (issue 24): only two public-domain portraits exist, and no synthetic variant of one is another
  person to the face matcher, so the two faces are two people:
  - face "a" is Иванова Мария Петровна, the mother of a family: her own application (01), its repeat (15),
    a new phone (22), one application per child (09-12, 16, 28) and one with another family's certificate (13).
    One person under one name, passport, birth date and SNILS, so `face_duplicate` passes on all of them;
  - face "g" is an impostor applying as Смирнова (02) and, with a forged passport, as Кудрявцева (32):
    `face_duplicate` fails on exactly these two, each naming the other (see `failed_checks` in the key).
  Every other applicant gave no consent to biometric processing: their photos are compared by eye only and
  no face of theirs is searched (the portraits in their packs stand for faces seen nowhere else).
- `registry.json`: civil-registry birth records: `reviewer-app registry load sample_data/registry.json`.
- `answer_key.json`: what a careful reviewer decides on each pack, and why (the training answer key).
- `history.json`: what happened before the packs arrived, seeded by `reviewer-app demo` and `reviewer-app train`
  before anyone decides (`reviewer_app.services.sample_history`), so these answers never depend on the order
  the packs are decided in:
  - `citizens`: people who already hold a login (an access approved earlier; they have no pack here). Pack 38
    gives the phone of one of them, so its approval is always refused: return it with `phone_in_use`.
  - `mfc_desk_records`: MFC kinship confirmations typed in at a desk by `recorded_by` that wait for another
    supervisor's verification. Pack 12 has one: until a supervisor other than the recorder verifies it
    (`reviewer-app mfc confirm ID`, or the supervisor's screen) it unlocks nothing, so only "send to the MFC",
    return or reject are possible; the recorder never approves it.
- Recusal in the demo: the demo's `reviewer` account carries the identity (name and birth date) of the child's
  father in pack 30 as the civil registry records the birth (Фролов Денис Ильич): pack 30 is his wife's
  application for their daughter, a relative's application, so the queue never hands it to him and claiming it
  by id is refused; the `supervisor` account may take it. Training's practice accounts carry no identity.
- `dates.json`: the day the packs are written for (`as_of`). `reviewer-app demo` and `reviewer-app train` load a
  copy with the dates moved to the day they run: submission times keep their distance in working days (so each
  deadline is as near or as overdue as written), birth and document dates move by the same number of calendar
  days (ages and passport validity stay what they were), and fixed legal dates are never crossed (a birth
  certificate stays on its side of 1 October 2018, a passport on its side of 1 October 1997).
  `reviewer-app check --today 2026-11-27 ...` shows the packs as written.

Try: `reviewer-app check --registry sample_data/registry.json sample_data/[0-9]*` and
`reviewer-app intake sample_data`.

## The answer key (`answer_key.json`)

One format, read by `reviewer-app train` and checked by `reviewer_app.domain.answer_key.parse_answer_key`
(every problem is reported with the file, the entry and the field):

```json
{"format": 1,
 "answers": [
   {"application_id": "EMK-2026-900002",
    "pack": "02-face-mismatch",
    "expected_outcome": "reject",
    "expected_reason": "face_mismatch",
    "explanation": {"ru": "На селфи другой человек ...", "en": "The person in the selfie is not ..."},
    "failed_checks": ["face_duplicate"]}
 ]}
```

- `application_id`: the `id` in the pack's `application.json`; `pack`: the pack's folder or `.zip` name here.
  Every pack in this folder has exactly one entry, and every entry a pack (a test checks both ways).
- `expected_outcome`: `approve`, `reject`, `return` (for correction), `in_person` (send to an MFC) or `escalate`;
  `refused_at_intake` for a pack that intake must refuse (it never reaches the desk).
- `expected_reason`: a reason code from `reviewer_app/domain/reasons.py`, never an invented one. Required for
  `reject` and `return` (a return only with a reason the applicant can fix, not a final one); null for
  `approve` and `refused_at_intake`.
- `explanation`: the rule behind the answer, in Russian and in English; the trainee reads it in the interface
  language after deciding. Name no calendar date that moves with the sample dates (training shifts them to its
  own day); fixed legal dates such as 1 October 2018 are fine. An explanation never says every check passes
  on a pack where one fails.
- `failed_checks`: the checks that fail on the pack as the desk shows it, after the pre-score worker ran (the
  trainer's view of what the trainee sees; training feedback names the failed checks itself).
  `tests/integration/supervision/test_sample_faces.py` runs the real pipeline over the set and compares: the
  face-duplicate check fails exactly on packs 02 and 32.

To add a pack: add it to `specs()` in `tools/make_sample_data.py` and its answer to `ANSWERS` there, then rerun
the generator.
"""


def _jpeg(rgb: np.ndarray, *, grey: bool = False, width: int | None = None) -> bytes:
    img = Image.fromarray(rgb)
    if width and img.width > width:
        img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    if grey:
        img = img.convert("L").convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=QUALITY, optimize=True)
    return buf.getvalue()


def _sex(middle: str | None) -> str:
    return "M" if (middle or "").lower().endswith(("ич", "оглы")) else "F"


def _passport(applicant: dict[str, Any]) -> specimen.PassportData:
    """The passport page the applicant's data describe (the pack's typed data, before any sample mistake)."""
    p = applicant["passport"]
    return specimen.PassportData(
        last_name=applicant["last_name"], first_name=applicant["first_name"],
        middle_name=applicant.get("middle_name"), sex=_sex(applicant.get("middle_name")),
        birth_date=date.fromisoformat(applicant["birth_date"]), birth_place="гор. Москва", series=p["series"],
        number=p["number"], issued_on=date.fromisoformat(p["issued_on"]), issued_by=p["issued_by"],
        division_code=p["division_code"])


def _selfie(page: np.ndarray, live, seed: int, *, style: str = "standard", grey: bool = False) -> bytes:
    """The live person holding the passport page (generated) beside the face."""
    photo = specimen.selfie(page, live.image, live.face_box, seed=seed, hard=style == "hard")
    if not grey:
        return photo.jpeg
    return _jpeg(photo.image, grey=True)


def _scan(page: np.ndarray, seed: int) -> bytes:
    """The passport page as a flatbed scan."""
    return specimen.scan(page, seed=seed)


def _certificate(pack: dict[str, Any], registry: list[dict[str, Any]] | None, seed: int) -> bytes:
    c = pack["child"]
    bc = c["birth_certificate"]
    parents = registry or [pack["applicant"]]

    def full(p: dict[str, Any]) -> str:
        return " ".join(x for x in (p["last_name"], p["first_name"], p.get("middle_name")) if x)

    father = next((full(p) for p in parents if _sex(p.get("middle_name")) == "M"), None)
    mother = next((full(p) for p in parents if _sex(p.get("middle_name")) == "F"), None)
    data = specimen.CertificateData(
        series=bc["series"], number=bc["number"], issued_on=date.fromisoformat(bc["issued_on"]),
        child_last=c["last_name"], child_first=c["first_name"], child_middle=c.get("middle_name"),
        child_birth=date.fromisoformat(c["birth_date"]),
        birth_place="гор. Москва" if bc.get("country", "RU") == "RU" else "г. Алматы, Казахстан",
        father=father, mother=mother)
    return _jpeg(specimen.birth_certificate(data, seed=seed))


def base(n: int, last: str, first: str, middle: str, birth: str, passport: tuple[str, str, str]) -> dict[str, Any]:
    series, number, issued = passport
    return {
        "format": 1, "id": f"EMK-2026-{900000 + n:06d}", "kind": "own_access",
        "submitted_at": f"2026-11-{23 + n % 5:02d}T{9 + n % 8:02d}:{(n * 7) % 60:02d}:00+03:00",
        "applicant": {
            "last_name": last, "first_name": first, "middle_name": middle, "birth_date": birth,
            "phone": f"+7 916 {100 + n:03d}-45-67", "snils": snils(n), "account_confirmed_at_mfc": False,
            "account": dict(ACCOUNT), "biometric_consent": True,
            "passport": {"series": series, "number": number, "issued_on": issued,
                         "issued_by": "ОВД района Арбат г. Москвы", "division_code": "770-001"},
            "oms_policy": {"number": "7700000000000008", "region": "77"},
        },
        "documents": {"selfie_with_passport": "selfie.jpg", "passport_scan": "passport.jpg"},
    }


def child(last: str, first: str, middle: str, birth: str, cert: tuple[str, str, str, str]) -> dict[str, Any]:
    series, number, issued, country = cert
    return {"last_name": last, "first_name": first, "middle_name": middle, "birth_date": birth,
            "oms_policy": {"number": "5049123456789017", "region": "77"},
            "birth_certificate": {"series": series, "number": number, "issued_on": issued, "country": country}}


#: The mother of the Ivanov family (face "a"): her own application, its repeat and one per child (issue 24).
IVANOVA = ("Иванова", "Мария", "Петровна", "1990-05-17", ("4510", "573482", "2010-06-01"))
IVANOV = {"last_name": "Иванов", "first_name": "Роман", "middle_name": "Ильич", "birth_date": "1989-03-03"}

#: Only two public-domain portraits exist, and the face matcher sees no synthetic variant of one as another
#: person (a face stretched to 1.45 x 0.75 stays within 0.58 of itself), so two faces make two people:
#: - face "a" is Иванова Мария Петровна, who files for herself and for each of her children (the same name,
#:   passport, birth date and SNILS: one person, so `face_duplicate` passes on all of them);
#: - face "g" is an impostor who applies twice under two other names (packs 02 and 32): `face_duplicate` fails on
#:   exactly these two, each naming the other (the deliberate cases, in the answer key as such).
#: Every other applicant gave no consent to biometric processing (rules.md, 152-FZ): their photos are compared by
#: eye only, no face is searched, and the portraits their packs reuse stand for faces nobody has seen before.
FACE_SEARCHED = frozenset({
    "01-clean-approval", "09-child-aged-15", "10-child-certificate-after-2018", "11-child-certificate-before-2018",
    "12-child-certificate-abroad", "13-child-kinship-mismatch", "15-duplicate-of-01", "16-overdue",
    "22-change-access-new-phone", "28-bad-certificate-series",  # the Ivanov family
    "02-face-mismatch", "32-wrong-mrz-check-digit",  # the impostor
})

#: The checks that fail on each pack as the desk shows it (after the pre-score worker ran): the key's
#: `failed_checks`. tests/integration/supervision/test_sample_faces.py runs the real pipeline and compares.
FAILED_CHECKS: dict[str, tuple[str, ...]] = {
    "02-face-mismatch": ("face_duplicate",), "03-black-and-white-selfie": ("photo",),
    "04-passport-expired-at-20": ("passport_validity",), "05-passport-expired-at-45": ("passport_validity",),
    "06-bad-oms-number": ("oms_policy",), "07-non-moscow-policy": ("oms_policy",),
    "08-applicant-aged-14": ("applicant_age",), "09-child-aged-15": ("child_age",),
    "13-child-kinship-mismatch": ("kinship",), "15-duplicate-of-01": ("duplicate",), "20-landline-phone": ("phone",),
    "21-bad-snils": ("snils",), "28-bad-certificate-series": ("birth_certificate",),
    "29-passport-issued-before-14": ("passport_number", "passport_validity"),
    "31-typed-number-differs": ("document_data",), "32-wrong-mrz-check-digit": ("document_data", "face_duplicate"),
    "33-page-of-somebody-else": ("document_data",), "35-simplified-account": ("account",),
}


def ivanova(n: int) -> dict[str, Any]:
    """Pack n filed by the Ivanov family's mother: her name, passport, SNILS and phone on every one."""
    last, first, middle, birth, passport = IVANOVA
    p = base(n, last, first, middle, birth, passport)
    p["applicant"]["snils"] = snils(1)
    p["applicant"]["phone"] = base(1, *IVANOVA)["applicant"]["phone"]
    return p


def person(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in ("last_name", "first_name", "middle_name", "birth_date")}


def specs() -> list[dict[str, Any]]:
    """(folder, pack dict, images, expected outcome, reason, explanation) for every sample."""
    out: list[dict[str, Any]] = []

    def add(name, pack, *, live="a", doc="a", style="standard", grey=False, scan=True,
            selfie=True, as_zip=False, registry=None, mutate=None, page=None, selfie_page=None):
        """page: changes to the passport page drawn (a sample mistake); selfie_page: the page the selfie holds,
        when it is not the scanned one (somebody else's)."""
        out.append({"name": name, "pack": pack, "live": live,
                    "doc": doc, "style": style, "grey": grey, "scan": scan, "selfie": selfie, "zip": as_zip,
                    "registry": registry, "mutate": mutate, "page": page, "selfie_page": selfie_page})

    add("01-clean-approval", ivanova(1))
    # the impostor (face g) with Смирнова's passport: its photo is not her face (pack 32 is her again)
    add("02-face-mismatch", base(2, "Смирнова", "Ольга", "Игоревна", "1985-02-03", ("4505", "100002", "2005-03-01")),
        live="g", doc="a")
    add("03-black-and-white-selfie", base(3, "Кузнецова", "Анна", "Сергеевна", "1992-07-21",
                                          ("4512", "100003", "2012-08-01")),
        grey=True)
    add("04-passport-expired-at-20", base(4, "Попова", "Дарья", "Андреевна", "2005-03-10",
                                          ("4519", "100004", "2019-04-01")))
    add("05-passport-expired-at-45", base(5, "Васильева", "Елена", "Викторовна", "1980-05-01",
                                          ("4500", "100005", "2000-06-01")))
    p = base(6, "Петрова", "Ирина", "Олеговна", "1988-11-11", ("4508", "100006", "2008-12-01"))
    p["applicant"]["oms_policy"] = {"number": "7700000000000000", "region": "77"}
    add("06-bad-oms-number", p)
    p = base(7, "Соколова", "Наталья", "Ивановна", "1979-01-30", ("4524", "100007", "2024-03-01"))
    p["applicant"]["oms_policy"] = {"number": "5049123456789017", "region": "50"}
    add("07-non-moscow-policy", p)
    add("08-applicant-aged-14", base(8, "Михайлова", "Софья", "Денисовна", "2012-06-01",
                                     ("4526", "100008", "2026-06-10")))
    p = ivanova(9)
    p.update(kind="child_access", child=child("Иванов", "Артём", "Романович", "2011-05-01",
                                              ("V-МЮ", "200009", "2011-05-20", "RU")))
    add("09-child-aged-15", p)
    p = ivanova(10)
    p.update(kind="child_access", child=child("Иванов", "Марк", "Романович", "2019-02-11",
                                              ("IV-МЮ", "200010", "2019-03-01", "RU")))
    add("10-child-certificate-after-2018", p,
        registry=[person(p["applicant"]), IVANOV])
    p = ivanova(11)
    p.update(kind="child_access", child=child("Иванов", "Лев", "Романович", "2016-08-08",
                                              ("II-МЮ", "200011", "2016-08-20", "RU")))
    add("11-child-certificate-before-2018", p)
    p = ivanova(12)
    p.update(kind="child_access", child=child("Иванов", "Тимур", "Романович", "2020-01-15",
                                              ("I-КЗ", "200012", "2020-01-25", "KZ")))
    add("12-child-certificate-abroad", p)
    p = ivanova(13)  # a certificate of somebody else's child
    p.update(kind="child_access", child=child("Алексеев", "Фёдор", "Глебович", "2021-06-06",
                                              ("III-МЮ", "200013", "2021-06-20", "RU")))
    add("13-child-kinship-mismatch", p,
        registry=[{"last_name": "Орлова", "first_name": "Полина", "middle_name": "Ивановна",
                   "birth_date": "1994-01-01"}])
    p = base(14, "Лебедева", "Галина", "Петровна", "1970-06-16", ("4515", "100014", "2015-07-01"))
    p.update(kind="opt_out")
    add("14-opt-out", p)
    p = ivanova(15)
    p["submitted_at"] = "2026-11-27T16:00:00+03:00"  # after pack 01, so this one is the duplicate
    add("15-duplicate-of-01", p)
    p = ivanova(16)  # her youngest child's application, waiting too long
    p.update(kind="child_access", child=child("Иванова", "Полина", "Романовна", "2024-05-05",
                                              ("II-МЮ", "200016", "2024-05-20", "RU")))
    p["submitted_at"] = "2026-11-02T11:00:00+03:00"
    add("16-overdue", p, registry=[person(p["applicant"]), IVANOV])
    p = base(17, "Степанова", "Зоя", "Львовна", "1982-02-22", ("4502", "100017", "2002-03-01"))
    p["applicant"]["oms_policy"] = {"number": "7711 12345678", "region": "77"}
    add("17-old-style-oms-policy", p)
    p = base(18, "Николаева", "Марина", "Ефимовна", "1986-08-18", ("4506", "100018", "2006-09-01"))
    p["applicant"]["biometric_consent"] = False
    add("18-no-biometric-consent", p)
    p = base(19, "Орлова", "Раиса", "Фёдоровна", "1965-09-19", ("4510", "100019", "2010-10-01"))
    p["applicant"]["account_confirmed_at_mfc"] = True
    p["applicant"]["account"] = {"level": "full", "confirmed": True, "confirmed_via": "mfc"}
    p["documents"] = {}
    add("19-account-confirmed-at-mfc", p, selfie=False, scan=False)
    p = base(20, "Андреева", "Лариса", "Геннадьевна", "1978-10-20", ("4523", "100020", "2023-11-01"))
    p["applicant"]["phone"] = "+7 495 123-45-67"
    add("20-landline-phone", p)
    p = base(21, "Макарова", "Нина", "Степановна", "1989-11-21", ("4509", "100021", "2009-12-01"))
    p["applicant"]["snils"] = "112-233-445 96"
    add("21-bad-snils", p)
    p = ivanova(22)
    p.update(kind="change_access")
    p["applicant"]["phone"] = "+7 926 555-12-34"
    add("22-change-access-new-phone", p)
    p = base(23, "Зайцева", "Валентина", "Юрьевна", "1960-01-23", ("4505", "100023", "2005-02-01"))
    p.update(kind="cancel_access")
    add("23-cancel-access", p)
    p = base(24, "Павлова", "Евгения", "Романовна", "1972-02-24", ("4517", "100024", "2017-03-01"))
    p.update(kind="opt_in")
    add("24-opt-in", p)
    add("25-clean-zip", base(25, "Семёнова", "Кира", "Артёмовна", "1995-03-25", ("4515", "100025", "2015-04-01")),
        live="g", doc="g", as_zip=True)
    p = base(26, "Голубева", "Лидия", "Михайловна", "1990-04-26", ("4510", "100026", "2010-05-01"))
    add("26-invalid-pack", p,
        mutate=lambda d: d["applicant"].__setitem__("birth_date", "26.04.1990"))
    add("27-hard-selfie", base(27, "Виноградова", "Эльвира", "Олеговна", "1994-05-27",
                               ("4514", "100027", "2014-06-01")),
        style="hard")
    p = ivanova(28)
    p.update(kind="child_access", child=child("Иванова", "Яна", "Романовна", "2022-02-02",
                                              ("IV-MJ", "200028", "2022-02-20", "RU")))
    add("28-bad-certificate-series", p)
    p = base(29, "Воробьёва", "Олеся", "Антоновна", "1996-07-29", ("4509", "100029", "2009-09-01"))
    add("29-passport-issued-before-14", p)
    p = base(30, "Фролова", "Инна", "Аркадьевна", "1988-08-30", ("4508", "100030", "2008-09-01"))
    p.update(kind="child_access", child=child("Фролова", "Ева", "Денисовна", "2023-03-03",
                                              ("VI-МЮ", "200030", "2023-03-15", "RU")))
    add("30-child-second-parent-listed", p,
        registry=[{"last_name": "Фролов", "first_name": "Денис", "middle_name": "Ильич", "birth_date": "1987-01-01"},
                  person(p["applicant"])], live="g", doc="g")
    p = base(31, "Тихонова", "Вероника", "Сергеевна", "1991-01-31", ("4511", "100031", "2011-02-01"))
    add("31-typed-number-differs", p, page=lambda d: {"number": "100013"})  # the page says 100013
    p = base(32, "Кудрявцева", "Светлана", "Олеговна", "1985-03-02", ("4505", "100032", "2005-04-01"))

    def wrong_check_digit(d):
        l1, l2 = d.mrz_lines()
        return {"mrz_override": (l1, l2[:19] + str((int(l2[19]) + 4) % 10) + l2[20:])}  # birth date's digit

    add("32-wrong-mrz-check-digit", p, page=wrong_check_digit, live="g", doc="g")  # the impostor of pack 02
    p = base(33, "Белова", "Диана", "Игоревна", "1993-03-03", ("4513", "100033", "2013-04-01"))
    add("33-page-of-somebody-else", p, live="g", doc="g",
        selfie_page={"last_name": "Белова", "first_name": "Дина", "series": "4517", "number": "733100"})
    # issue 22: the person of pack 14 with a passport replaced after a loss, linked by SNILS and the old passport
    p = base(34, "Лебедева", "Галина", "Петровна", "1970-06-16", ("4526", "100034", "2026-10-01"))
    p["applicant"]["snils"] = snils(14)
    p["applicant"]["previous_passport"] = {"series": "4515", "number": "100014"}
    p["submitted_at"] = "2026-11-27T16:30:00+03:00"  # after the opt-out of pack 14
    add("34-new-passport-after-opt-out", p)
    p = base(35, "Егорова", "Полина", "Сергеевна", "1997-05-05", ("4517", "100035", "2017-06-01"))
    p["applicant"]["account"] = {"level": "simplified", "confirmed": False}
    add("35-simplified-account", p)
    p = base(36, "Кириллова", "Дарья", "Олеговна", "1994-09-14", ("4520", "100036", "2020-10-01"))
    p["applicant"]["previous_surnames"] = [{"last_name": "Белкина", "record_kind": "marriage",
                                            "record_number": "120197700001234", "record_date": "2019-08-10"}]
    p.update(kind="child_access", child=child("Кириллов", "Степан", "Андреевич", "2021-04-04",
                                              ("VII-МЮ", "200036", "2021-04-20", "RU")))
    add("36-previous-surname", p,
        registry=[{"last_name": "Белкина", "first_name": "Дарья", "middle_name": "Олеговна",
                   "birth_date": "1994-09-14"},
                  {"last_name": "Кириллов", "first_name": "Андрей", "middle_name": "Петрович",
                   "birth_date": "1992-02-02"}], live="g", doc="g")
    p = base(37, "Сергеева", "Римма", "Васильевна", "1962-03-07", ("4507", "100037", "2007-04-01"))
    p.update(kind="child_access", child=child("Громов", "Илья", "Павлович", "2020-07-07",
                                              ("VIII-МЮ", "200037", "2020-07-20", "RU")))
    p["child"]["relation"] = "guardian"
    add("37-guardian", p,
        registry=[{"last_name": "Громова", "first_name": "Анна", "middle_name": "Ильинична",
                   "birth_date": "1995-01-01"},
                  {"last_name": "Громов", "first_name": "Павел", "middle_name": "Сергеевич",
                   "birth_date": "1993-01-01"}])
    # issue 22: one phone, one citizen. The husband (HISTORY's citizen, no pack) already holds a login on this
    # phone, seeded before any pack is decided: whatever the order, approving is refused (phone_in_use).
    p = base(38, "Ковалёва", "Светлана", "Игоревна", "1983-04-14", ("4503", "100038", "2003-05-01"))
    p["applicant"]["phone"] = HISTORY["citizens"][0]["phone"]
    add("38-shared-phone", p)
    for s in out:  # see FACE_SEARCHED
        if s["name"] not in FACE_SEARCHED:
            s["pack"]["applicant"]["biometric_consent"] = False
    return out


def build(out_dir: Path) -> None:
    faces = {"a": astronaut(), "g": grace_hopper()}
    if out_dir.exists():
        for child_path in out_dir.iterdir():
            if child_path.is_dir():
                shutil.rmtree(child_path)
            else:
                child_path.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)
    registry, answers = [], []
    for seed, s in enumerate(specs(), 1):
        pack = copy.deepcopy(s["pack"])
        if s["mutate"]:
            s["mutate"](pack)
        files: dict[str, bytes] = {}
        doc = faces[s["doc"]]
        if s["selfie"] or s["scan"]:
            data = _passport(s["pack"]["applicant"])
            if s["page"]:
                data = dataclasses.replace(data, **s["page"](data))
            page = specimen.passport_spread(data, doc.image, doc.face_box, seed=seed)
        if s["selfie"]:
            held = page
            if s["selfie_page"]:
                other = dataclasses.replace(data, **s["selfie_page"])
                held = specimen.passport_spread(other, doc.image, doc.face_box, seed=seed + 1000)
            files["selfie.jpg"] = _selfie(held, faces[s["live"]], seed, style=s["style"], grey=s["grey"])
        if s["scan"]:
            files["passport.jpg"] = _scan(page, seed)
        if pack.get("child") and pack["child"].get("birth_certificate"):
            files["certificate.jpg"] = _certificate(pack, s["registry"], seed)
            pack.setdefault("documents", {})["birth_certificate_scan"] = "certificate.jpg"
        if s["registry"] is not None:
            c = pack["child"]
            registry.append({"certificate": {k: c["birth_certificate"][k] for k in ("series", "number", "issued_on")},
                             "child": person(c), "parents": s["registry"]})
        body = json.dumps(pack, ensure_ascii=False, indent=2) + "\n"
        if s["zip"]:
            with zipfile.ZipFile(out_dir / f"{s['name']}.zip", "w", zipfile.ZIP_STORED) as zf:
                for name, data in [("application.json", body.encode()), *sorted(files.items())]:
                    info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 12, 0, 0))  # fixed: same bytes every run
                    zf.writestr(info, data)
        else:
            folder = out_dir / s["name"]
            folder.mkdir()
            (folder / "application.json").write_text(body, encoding="utf-8")
            for name, data in files.items():
                (folder / name).write_bytes(data)
        outcome, reason, why_ru, why_en = ANSWERS[s["name"]]
        answers.append({"application_id": pack["id"], "pack": s["name"] + (".zip" if s["zip"] else ""),
                        "expected_outcome": outcome, "expected_reason": reason,
                        "explanation": {"ru": why_ru, "en": why_en},
                        "failed_checks": list(FAILED_CHECKS.get(s["name"], ()))})
    (out_dir / "registry.json").write_text(json.dumps({"format": 1, "records": registry}, ensure_ascii=False,
                                                      indent=2) + "\n", encoding="utf-8")
    (out_dir / "answer_key.json").write_text(json.dumps({"format": 1, "answers": answers}, ensure_ascii=False,
                                                        indent=2) + "\n", encoding="utf-8")
    (out_dir / "history.json").write_text(json.dumps(HISTORY, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    (out_dir / "dates.json").write_text(json.dumps({"format": 1, "as_of": AS_OF}) + "\n", encoding="utf-8")
    (out_dir / "README.md").write_text(README, encoding="utf-8")
    total = sum(f.stat().st_size for f in out_dir.rglob("*") if f.is_file())
    print(f"wrote {len(answers)} packs to {out_dir} ({total / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "sample_data")
    build(ap.parse_args().out)


if __name__ == "__main__":
    main()
