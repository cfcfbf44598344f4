-- Graded indicators ($indicators: the four pests' control levels) for $area and its children
-- (the districts of the city, the streets of a district) at $grain, every period closed by
-- $as_of that holds a grade: the area's own row (is_self) and its children's.
select v.indicator_id, a.area_code, a.name_zh, a.name_en, a.area_code = $area as is_self,
       v.period_start, v.value, v.grade
from dim_area as a
join indicator_values as v on v.area_code = a.area_code and v.period_grain = $grain
where (a.area_code = $area or a.parent_code = $area)
  and list_contains($indicators, v.indicator_id)
  and v.closes_on <= $as_of::date and v.grade is not null
order by is_self desc, a.area_code, v.indicator_id, v.period_start
