"""垃圾分类 Garbage sorting: recycling, kitchen waste, coverage, awareness, mixed transport."""

from app.domain import open_domain, standard_body

# 1/ frame and filters  2/ data  3/ charts  4/ export — all in the shared domain body
standard_body(open_domain("garbage"))
