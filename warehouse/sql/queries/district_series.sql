-- One indicator's series at one grain for every child of an area (e.g. districts of the city).
select a.area_code, a.name_zh, v.period_start, v.value, v.grade
from dim_area as a
join indicator_values as v
  on v.area_code = a.area_code and v.indicator_id = $indicator and v.period_grain = $grain
where a.parent_code = $parent
order by a.area_code, v.period_start
