-- 暗访问题数: problems of the problem list found in [$start, $end] by one of $kinds (暗访,
-- 省级暗访, 国家暗访), per object of $level: a district or street (by the problem's grid; a
-- problem without a grid counts for no area) or a department (its 责任单位).
select case when $level = 'department' then p.responsible_unit else u.area_code end
           as object_code,
       count(*) as n
from problem_items as p
left join unit_area as u
    on $level <> 'department' and u.unit_type = 'grid' and u.unit_code = p.grid_code
   and u.area_level = $level
where p.found_date between $start::date and $end::date
  and list_contains($kinds::varchar[], p.found_by)
  and ($level = 'department' or u.area_code is not null)
group by all
order by object_code
