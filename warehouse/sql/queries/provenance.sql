-- The staged rows behind one value: rows of the fact table whose unit lies in the area and
-- whose date falls in the period, with the file, sheet and row they came from.
select f.*
from {{table}} as f
join unit_area as ua
  on ua.unit_type = '{{unit}}' and ua.unit_code = f.{{unit_column}} and ua.area_code = $area
where {{when}}
  and $grain is not null and $period::date is not null and $period_end::date is not null
order by f.{{unit_column}}
limit 500
