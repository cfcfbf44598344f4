-- Weekly values of one indicator for an area in $year and the year before, by ISO week.
select year(period_start) as season, weekofyear(period_start) as iso_week, period_start, value
from indicator_values
where indicator_id = $indicator and period_grain = 'week' and area_code = $area
  and year(period_start) in ($year::int, $year::int - 1)
order by period_start
