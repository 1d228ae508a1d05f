"""English plural forms (one, other) of the plural messages. English is the source language, so only the
messages with `%n` need an English table; build.py compiles it into reviewer_en.qm like ru.py."""

EN: dict[tuple[str, str], tuple[str, str]] = {
    ("Facts", "%n year(s)"): ("%n year", "%n years"),
    ("Facts", "%n working day(s) to answer"): ("%n working day to answer", "%n working days to answer"),
    ("Facts", "%n working day(s) overdue"): ("%n working day overdue", "%n working days overdue"),
    ("Facts", "%n working day(s) left"): ("%n working day left", "%n working days left"),
    ("Facts", "%n day(s) of grace after the birthday"): ("%n day of grace after the birthday",
                                                         "%n days of grace after the birthday"),
    ("Facts", "%n earlier application(s) searched"): ("%n earlier application searched",
                                                     "%n earlier applications searched"),
    ("Facts", "%n field(s) agree with the document"): ("%n field agrees with the document",
                                                      "%n fields agree with the document"),
    ("QueueModel", "%n day(s)"): ("%n day", "%n days"),
    ("QueueModel", "{0} (overdue %n day(s))"): ("{0} (overdue %n day)", "{0} (overdue %n days)"),
    ("QueueModel", "{0} (%n day(s) left)"): ("{0} (%n day left)", "{0} (%n days left)"),
    ("Supervisor", "%n decision(s)"): ("%n decision", "%n decisions"),
    ("CaseDialog", "%n check(s) did not pass:"): ("%n check did not pass:", "%n checks did not pass:"),
    ("SecondReviewTab", "%n decision(s) waiting"): ("%n decision waiting", "%n decisions waiting"),
    ("SecondReviewTab", "%n approval(s) set aside"): ("%n approval set aside", "%n approvals set aside"),
    ("ClaimsTab", "%n application(s) under review"): ("%n application under review",
                                                      "%n applications under review"),
    ("StatsTab", "%n decision(s)"): ("%n decision", "%n decisions"),
    ("StatsTab", "%n application(s) waiting in the queue now"): ("%n application waiting in the queue now",
                                                                 "%n applications waiting in the queue now"),
    ("StatsTab", "%n day(s)"): ("%n day", "%n days"),
    ("StatsTab", "When the pre-score said “{0}”, the decision was approve in {1} of %n case(s)"): (
        "When the pre-score said “{0}”, the decision was approve in {1} of %n case",
        "When the pre-score said “{0}”, the decision was approve in {1} of %n cases"),
    ("IntegrityTab", "%n document(s) failed their integrity check"): (
        "%n document failed its integrity check", "%n documents failed their integrity check"),
    ("PreScorePanel", "%n check(s) failed"): ("%n check failed", "%n checks failed"),
    ("PreScorePanel", "%n to check by hand"): ("%n to check by hand", "%n to check by hand"),
    ("PreScorePanel", "%n check(s) not yet done"): ("%n check not yet done", "%n checks not yet done"),
    ("PreScorePanel", "%n needs an in-person visit"): ("%n needs an in-person visit", "%n need an in-person visit"),
    ("PreScorePanel", "%n field(s) differ from the document"): ("%n field differs from the document",
                                                               "%n fields differ from the document"),
}
