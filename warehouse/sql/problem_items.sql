-- problem_items (warehouse/ledger.py problem_items_sql): the problem list. The 督查问题台账's
-- rows, and, when the office counts them as problems too, the waterlogging points not already
-- in it under their own number (类别 {{category}}, 整改时限 = found + {{waterlogging_days}} days).
-- `ledger` says which ledger a row comes from; source_* point at the row of the file.
select problem_id as item_id, 'problems' as ledger, category, found_by, responsible_unit,
       description, grid_code, lon, lat, found_date, deadline, status, measures, closed_date,
       reviewed_date, source_file, source_sheet, source_row
from stg_problems

union all

select w.point_id, 'waterlogging', '{{category}}', w.found_by,
       coalesce(w.responsible_unit, '{{no_unit}}'),
       w.point_class || coalesce('（' || w.point_type || '）', ''), w.grid_code, w.lon, w.lat,
       w.found_date, (w.found_date + interval '{{waterlogging_days}} days')::date, w.status,
       w.measures, w.eliminated_date, null::date, w.source_file, w.source_sheet, w.source_row
from stg_waterlogging as w
where {{include_waterlogging}}
  and not exists (select 1 from stg_problems as p where p.problem_id = w.point_id)
