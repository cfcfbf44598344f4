-- Several indicators' values for one area and year (aspects and categories of literacy).
select v.indicator_id, d.name_zh, d.name_en, d.national_series, v.value, v.ci_low, v.ci_high,
       v.n, d.sort_order
from indicator_values as v
join dim_indicator as d on d.indicator_id = v.indicator_id
where list_contains($indicators, v.indicator_id) and v.area_code = $area
  and v.period_grain = 'year' and year(v.period_start) = $year
order by d.sort_order
