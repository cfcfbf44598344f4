-- One indicator's values for the children of an area (districts of the city, streets of a
-- district, grids of a street) at one grain and period.
select a.area_code, a.name_zh, a.name_en, a.area_level, v.value, v.numerator, v.denominator,
       v.reporting_units, v.expected_units, v.n, v.ci_low, v.ci_high, v.grade
from dim_area as a
left join indicator_values as v
  on v.area_code = a.area_code and v.indicator_id = $indicator and v.period_grain = $grain
 and v.period_start = $period::date
where a.parent_code = $parent
order by a.area_code
