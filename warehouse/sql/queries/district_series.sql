-- One indicator's series at one grain for every child of an area (e.g. districts of the city):
-- periods complete by $as_of.
select a.area_code, a.name_zh, v.period_start, v.value, v.grade
from dim_area as a
join indicator_values as v
  on v.area_code = a.area_code and v.indicator_id = $indicator and v.period_grain = $grain
where a.parent_code = $parent and v.closes_on <= $as_of::date
order by a.area_code, v.period_start
