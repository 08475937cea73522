"""Pages of the Mission Insertion Culture (see ``actions`` and ``others``)."""
