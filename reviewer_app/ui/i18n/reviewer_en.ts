<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>CaseDialog</name>
    <message numerus="yes">
        <source>%n check(s) did not pass:</source>
        <translation>
            <numerusform>%n check did not pass:</numerusform>
            <numerusform>%n checks did not pass:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClaimsTab</name>
    <message numerus="yes">
        <source>%n application(s) under review</source>
        <translation>
            <numerusform>%n application under review</numerusform>
            <numerusform>%n applications under review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Facts</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) to answer</source>
        <translation>
            <numerusform>%n working day to answer</numerusform>
            <numerusform>%n working days to answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) of grace after the birthday</source>
        <translation>
            <numerusform>%n day of grace after the birthday</numerusform>
            <numerusform>%n days of grace after the birthday</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier application(s) searched</source>
        <translation>
            <numerusform>%n earlier application searched</numerusform>
            <numerusform>%n earlier applications searched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) agree with the document</source>
        <translation>
            <numerusform>%n field agrees with the document</numerusform>
            <numerusform>%n fields agree with the document</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntegrityTab</name>
    <message numerus="yes">
        <source>%n document(s) failed their integrity check</source>
        <translation>
            <numerusform>%n document failed its integrity check</numerusform>
            <numerusform>%n documents failed their integrity check</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreScorePanel</name>
    <message numerus="yes">
        <source>%n check(s) failed</source>
        <translation>
            <numerusform>%n check failed</numerusform>
            <numerusform>%n checks failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to check by hand</source>
        <translation>
            <numerusform>%n to check by hand</numerusform>
            <numerusform>%n to check by hand</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) not yet done</source>
        <translation>
            <numerusform>%n check not yet done</numerusform>
            <numerusform>%n checks not yet done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n needs an in-person visit</source>
        <translation>
            <numerusform>%n needs an in-person visit</numerusform>
            <numerusform>%n need an in-person visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) differ from the document</source>
        <translation>
            <numerusform>%n field differs from the document</numerusform>
            <numerusform>%n fields differ from the document</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} (overdue %n day(s))</source>
        <translation>
            <numerusform>{0} (overdue %n day)</numerusform>
            <numerusform>{0} (overdue %n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} (%n day(s) left)</source>
        <translation>
            <numerusform>{0} (%n day left)</numerusform>
            <numerusform>{0} (%n days left)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecondReviewTab</name>
    <message numerus="yes">
        <source>%n decision(s) waiting</source>
        <translation>
            <numerusform>%n decision waiting</numerusform>
            <numerusform>%n decisions waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approval(s) set aside</source>
        <translation>
            <numerusform>%n approval set aside</numerusform>
            <numerusform>%n approvals set aside</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decision</numerusform>
            <numerusform>%n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n application(s) waiting in the queue now</source>
        <translation>
            <numerusform>%n application waiting in the queue now</numerusform>
            <numerusform>%n applications waiting in the queue now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>When the pre-score said “{0}”, the decision was approve in {1} of %n case(s)</source>
        <translation>
            <numerusform>When the pre-score said “{0}”, the decision was approve in {1} of %n case</numerusform>
            <numerusform>When the pre-score said “{0}”, the decision was approve in {1} of %n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Supervisor</name>
    <message numerus="yes">
        <source>%n decision(s)</source>
        <translation>
            <numerusform>%n decision</numerusform>
            <numerusform>%n decisions</numerusform>
        </translation>
    </message>
</context>
</TS>
