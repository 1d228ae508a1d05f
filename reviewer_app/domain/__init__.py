"""Plain domain types: dataclasses, enums and errors. Imports the standard library only."""
