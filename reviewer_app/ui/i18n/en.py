"""English plural forms (one, other) of the plural messages: English is the source language, so only the
messages with `%n` need an English table. Built into reviewer_en.qm by build.py, like ru.py."""

EN: dict[tuple[str, str], tuple[str, str]] = {
}
