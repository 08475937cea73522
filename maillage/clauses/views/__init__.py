"""Pages of the clause desk, by use case (thin views: capability, scoped querysets, services)."""
