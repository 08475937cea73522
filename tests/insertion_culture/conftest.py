from tests.insertion_culture.factories import coordinator, culture_structure  # noqa: F401
