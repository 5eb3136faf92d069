"""Fast NULL parameters for every SQLite connection of this process (imported for that effect).

Binding None goes through the sqlite3 module's adapter look-up, which fails
slowly (about 0.5 µs a parameter: a NULL-heavy row of 65 columns took three
times as long to insert as one of strings). An identity adapter makes that
look-up succeed; the value bound is still NULL. ``{}.get`` is that identity
for None (it answers None) and, being C, costs half a Python lambda.

Both the store (:mod:`.store`) and the generator's worker process, which
imports only what drawing and staging need (:mod:`.gen_stage`), import it.
"""
import sqlite3

sqlite3.register_adapter(type(None), {}.get)
