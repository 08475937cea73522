"""Demonstration data: ``maillage demo`` fills an empty database with a fictitious platform.

The organisation is modelled on ALLIES (Lyon) and its 2017 activity report: the
animation team, the 51 structures conventioned in 2017, the 5 antennas, users
of every role, a few thousand *fictitious* people whose distributions
(age, education level, arrondissement, QPV) follow the report, and a PLIE
(companies, the programme's operations, parcours, steps, exits, the protocol's
objectives) whose yearly figures since 2012 follow the report's (``plie.py``,
``docs/demo.md``).

How it is built (see ``steps.py``): the command runs a list of *steps*, one
small module each (``structures.py``, ``users.py``, ``people.py``,
``companies.py``, ``programme.py``, ``plie.py``, ``protocol.py``). Each step is
a function ``step(rng, context)`` that upserts its own data by stable codes,
so running the command twice changes nothing, and records what it created in
the shared ``DemoContext`` (``base.py``) for the steps after it. A later app
(PLIE parcours, companies, clauses, events, culture…) adds its demo data by
writing its own step — in its app or here — and appending it to
``steps.STEPS``; it finds the structures, users and people it needs in the
context (or in the database, when the people were created by an earlier run).
"""
