-- One indicator's values at one grain for one area, oldest first: the periods complete by
-- $as_of (closes_on on or before it), so a chart never shows a period still running.
select period_start, value, numerator, denominator, reporting_units, expected_units, n, ci_low,
       ci_high, grade
from indicator_values
where indicator_id = $indicator and period_grain = $grain and area_code = $area
  and closes_on <= $as_of::date
order by period_start
