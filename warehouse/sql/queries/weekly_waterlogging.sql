-- 积水点 for the weekly briefing, per child area of $area (districts of the city, streets of a
-- district): points found in [$monday, $sunday], eliminated in that week (已销号 with 销号日期 in
-- it), open at $sunday (same rule as map_points: open unless 已销号 with 销号日期 ≤ $sunday), and
-- of those, open for more than $stale_days days, counted (as on the map) to $sunday or to the
-- ledger's latest date if that is earlier.
with ledger_end as (
    select least($sunday::date, max(ledger_reach(found_date, eliminated_date))) as d
    from stg_waterlogging
),

children as (
    select area_code, name_zh
    from dim_area
    where parent_code = $area
),

points as (
    select ua.area_code as child, w.found_date, w.eliminated_date,
           ledger_is_closed(w.status, w.eliminated_date, $sunday::date) as closed
    from stg_waterlogging as w
    join unit_area as ua on ua.unit_type = 'grid' and ua.unit_code = w.grid_code
    join children as c on c.area_code = ua.area_code
    where w.found_date <= $sunday::date
),

counted as (
    select child,
           count(*) filter (where found_date between $monday::date and $sunday::date) as found_week,
           count(*) filter (where closed and eliminated_date >= $monday::date) as eliminated_week,
           count(*) filter (where not closed) as open_end,
           count(*) filter (where not closed
                            and date_diff('day', found_date,
                                          greatest(found_date, (select d from ledger_end)))
                                > $stale_days)
               as open_stale
    from points
    group by child
),

final as (
    select c.area_code, c.name_zh,
           coalesce(n.found_week, 0) as found_week,
           coalesce(n.eliminated_week, 0) as eliminated_week,
           coalesce(n.open_end, 0) as open_end,
           coalesce(n.open_stale, 0) as open_stale
    from children as c
    left join counted as n on n.child = c.area_code
)

select * from final
order by area_code
