-- One indicator's values for one area at one grain up to $as_of (the briefing's trend charts).
select period_start, value
from indicator_values
where indicator_id = $indicator and area_code = $area and period_grain = $grain
  and period_start <= $as_of::date and value is not null
order by period_start
