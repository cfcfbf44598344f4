-- The problem list of the area as of $as_of (the ledger rule, warehouse/ledger.py): every problem
-- found by then, its state on that date (status_as_of: the ledger status; '未销号' for one closed
-- only after $as_of), open or not, overdue or not. Days are counted to $as_of, or to the
-- ledger's latest date if that is earlier (what happened after it is not known): days_open
-- (closed ones: 销号日期 − found), days_overdue (open ones past their 整改时限), closed_late
-- (closed after the 整改时限).
with ledger_end as (
    select least($as_of::date, max(ledger_reach(found_date, closed_date))) as d
    from problem_items
),

items as (
    select p.*, ua_d.area_code as district_code,
           ledger_is_closed(p.status, p.closed_date, (select d from ledger_end)) as closed,
           ledger_is_overdue(p.status, p.closed_date, p.deadline, (select d from ledger_end))
               as overdue
    from problem_items as p
    join unit_area as ua
      on ua.unit_type = 'grid' and ua.unit_code = p.grid_code and ua.area_code = $area
    join unit_area as ua_d
      on ua_d.unit_type = 'grid' and ua_d.unit_code = p.grid_code
     and ua_d.area_level = 'district'
    where p.found_date <= $as_of::date
),

final as (
    select i.item_id as problem_id, i.ledger, i.category, i.found_by, i.responsible_unit,
           i.description,
           case when i.closed then '已销号'
                when i.status = '已销号' then '未销号'
                else i.status end as status_as_of,
           not i.closed as is_open, i.overdue,
           i.found_date, i.deadline,
           case when i.closed then i.closed_date end as closed_date,
           date_diff('day', i.found_date,
                     case when i.closed then i.closed_date
                          else greatest(i.found_date, (select d from ledger_end)) end)
               as days_open,
           case when i.overdue then date_diff('day', i.deadline, (select d from ledger_end))
                else 0 end as days_overdue,
           coalesce(i.closed and i.closed_date > i.deadline, false) as closed_late,
           i.measures, i.grid_code, g.name_zh as grid_name,
           coalesce(g.name_en, g.name_zh) as grid_name_en, s.area_code as street_code,
           s.name_zh as street_name, coalesce(s.name_en, s.name_zh) as street_name_en,
           i.district_code, d.name_zh as district_name,
           coalesce(d.name_en, d.name_zh) as district_name_en, i.lon, i.lat,
           i.source_file, i.source_sheet, i.source_row
    from items as i
    left join dim_area as g on g.area_code = i.grid_code
    left join dim_area as s on s.area_code = g.parent_code
    left join dim_area as d on d.area_code = i.district_code
)

select * from final
order by is_open desc, overdue desc, days_overdue desc, days_open desc, problem_id
