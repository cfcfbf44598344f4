-- One indicator's values for one area at one grain, the periods complete by $as_of (the
-- briefing's trend charts: nothing from after the week, nothing still running).
select period_start, value
from indicator_values
where indicator_id = $indicator and area_code = $area and period_grain = $grain
  and closes_on <= $as_of::date and value is not null
order by period_start
