-- The registry as the pages use it, in registry order.
select indicator_id, sort_order, domain, domain_zh, domain_en, name_zh, name_en, unit, unit_en,
       direction, kind, formula, format, grains, levels, headline, seasonal, status_grain, grades,
       national_series, source_table, year_closes, pass_grade, pass_score
from dim_indicator
order by sort_order
