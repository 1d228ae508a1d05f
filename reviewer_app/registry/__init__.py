"""Civil-registry adapters implementing `reviewer_app.domain.registry.CivilRegistry`."""

from reviewer_app.registry.json_file import InMemoryRegistry, JsonFileRegistry, RegistryFileError, parse_registry

__all__ = ["InMemoryRegistry", "JsonFileRegistry", "RegistryFileError", "parse_registry"]
