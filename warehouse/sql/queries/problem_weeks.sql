-- Per ISO week of the area, up to the week holding $as_of: problems found in the week, closed in
-- it (已销号 with 销号日期 in it), and open and overdue at its end — the week's Sunday, or the
-- ledger's latest date (or $as_of) if earlier: the same rule as problem_overdue_count.
with reach as (
    select least($as_of::date, max(ledger_reach(found_date, closed_date))) as d
    from problem_items
),

items as (
    select p.*
    from problem_items as p
    join unit_area as ua
      on ua.unit_type = 'grid' and ua.unit_code = p.grid_code and ua.area_code = $area
    where p.found_date <= $as_of::date
),

weeks as (
    select unnest(generate_series(
        (select date_trunc('week', min(found_date)) from items),
        date_trunc('week', $as_of::date), interval 7 days))::date as week_start
),

ends as (
    select week_start, least(week_start + 6, (select d from reach)) as week_end
    from weeks
),

final as (
    select e.week_start, e.week_end,
           count(*) filter (where i.found_date between e.week_start and e.week_end) as found,
           count(*) filter (where ledger_is_closed(i.status, i.closed_date, e.week_end)
                            and i.closed_date >= e.week_start) as closed,
           count(*) filter (where i.found_date <= e.week_end
                            and not ledger_is_closed(i.status, i.closed_date, e.week_end))
               as open_end,
           count(*) filter (where i.found_date <= e.week_end
                            and ledger_is_overdue(i.status, i.closed_date, i.deadline,
                                                  e.week_end)) as overdue_end
    from ends as e
    cross join items as i
    where e.week_end >= e.week_start
    group by all
)

select * from final
order by week_start
