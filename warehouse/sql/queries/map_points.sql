-- Waterlogging points of the area found by $as_of, with their state on that date: a point is
-- open unless it is 已销号 with 销号日期 ≤ $as_of. status_as_of is the ledger status, except
-- '未销号' for a point eliminated only after $as_of (open then; its status then is unknown).
-- days_open = the count date − found date, where the count date is $as_of or the ledger's latest
-- date if that is earlier (what happened after it is not known); eliminated points: 销号日期 −
-- found date.
with ledger_end as (
    select least($as_of::date, max(ledger_reach(found_date, eliminated_date))) as d
    from stg_waterlogging
),

points as (
    select w.point_id, w.point_class, w.point_type, w.lon, w.lat, w.grid_code, w.found_date,
           w.found_by, w.larvae_found, w.status, w.measures, w.eliminated_date,
           w.responsible_unit,
           ledger_is_closed(w.status, w.eliminated_date, $as_of::date) as closed
    from stg_waterlogging as w
    join unit_area as ua
      on ua.unit_type = 'grid' and ua.unit_code = w.grid_code and ua.area_code = $area
    where w.found_date <= $as_of::date
),

final as (
    select p.point_id, p.point_class, p.point_type,
           case when p.closed then '已销号'
                when p.status = '已销号' then '未销号'
                else p.status end as status_as_of,
           not p.closed as is_open,
           p.found_date,
           date_diff('day', p.found_date,
                     case when p.closed then p.eliminated_date
                          else greatest(p.found_date, (select d from ledger_end)) end)
               as days_open,
           p.larvae_found, p.found_by, p.responsible_unit, p.measures, p.status as ledger_status,
           p.eliminated_date, p.grid_code, g.name_zh as grid_name, s.area_code as street_code,
           s.name_zh as street_name, p.lon, p.lat
    from points as p
    left join dim_area as g on g.area_code = p.grid_code
    left join dim_area as s on s.area_code = g.parent_code
)

select * from final
order by is_open desc, days_open desc, point_id
