-- The stage goals in force (view goals_in_force) for $areas, and $indicators or every one.
select area_code, indicator_id, stage_name, stage_name_en, year, target_value, deadline,
       source_doc, set_by
from goals_in_force
where list_contains($areas, area_code)
  and ($indicators::varchar[] is null or list_contains($indicators, indicator_id))
order by indicator_id, area_code, deadline
