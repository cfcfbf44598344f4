-- The baseline in force (view baselines_in_force) of every indicator for $areas.
select area_code, indicator_id, baseline_value, baseline_date, source_doc
from baselines_in_force
where list_contains($areas, area_code)
