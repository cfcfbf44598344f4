-- What the warehouse holds around the chosen week: the first and last week with any weekly
-- value, and how many weekly values fall in the week starting $monday for $area and its children.
select min(period_start) as first_week, max(period_start) as last_week,
       count(*) filter (where period_start = $monday::date
                        and area_code in (select area_code from dim_area
                                          where area_code = $area or parent_code = $area))
           as rows_this_week
from indicator_values
where period_grain = 'week'
