-- Weekly values of one indicator for an area in $as_of's year and the year before, by ISO
-- week: only weeks complete by $as_of.
select year(period_start) as season, weekofyear(period_start) as iso_week, period_start, value
from indicator_values
where indicator_id = $indicator and period_grain = 'week' and area_code = $area
  and year(period_start) in (year($as_of::date), year($as_of::date) - 1)
  and closes_on <= $as_of::date
order by period_start
