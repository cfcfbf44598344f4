"""群众满意度 Public satisfaction: the third-party survey's satisfaction with sanitation and with
public health services, quarterly and yearly, weighted with a 95% CI, against the stage goals."""

from app.domain import open_domain, standard_body

# 1/ frame and filters  2/ data  3/ charts  4/ export — all in the shared domain body
standard_body(open_domain("satisfaction"))
