-- Year-grain values of $area whose period has started by $as_of but is not complete (closes_on
-- after $as_of): the running season or survey year, shown beside a status but never in it. Only
-- when the source's data reach no further than $as_of ($reaches per source table), so the
-- value holds nothing from after the date.
select v.indicator_id, v.period_grain, v.period_start, v.value, v.closes_on
from indicator_values as v
join dim_indicator as d
  on d.indicator_id = v.indicator_id and v.period_grain = d.status_grain
where v.area_code = $area
  and v.period_grain = 'year'
  and v.period_start <= $as_of::date
  and v.closes_on > $as_of::date
  and v.value is not null
  and list_contains($complete_sources, d.source_table)
