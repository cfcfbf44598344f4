-- One indicator's values at one grain for one area, oldest first.
select period_start, value, numerator, denominator, reporting_units, expected_units, n, ci_low,
       ci_high, grade
from indicator_values
where indicator_id = $indicator and period_grain = $grain and area_code = $area
order by period_start
