-- 问题按期销号率 of each 责任单位 for the quarter starting $start: the indicator's breakdown by
-- responsible unit for $area (the city) — closed by the deadline / closed in the quarter.
select breakdown as responsible_unit, value, numerator, denominator
from indicator_breakdowns
where indicator_id = $indicator and dimension = 'responsible_unit' and area_code = $area
  and period_grain = 'quarter' and period_start = $start::date
order by breakdown
