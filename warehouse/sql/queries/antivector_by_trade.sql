-- 三防设施 by trade for $area (its streets) in the latest month closed by $as_of that holds
-- inspections: units inspected, rodent- and fly-proof passes, and the rates (Σ passes / Σ units,
-- the indicators' own rule) — worst rodent-proofing first.
with latest as (
    select max(date_trunc('month', inspection_date)::date) as month
    from stg_antivector_facilities
    where last_day(inspection_date) <= $as_of::date
),

rows_in as (
    select a.trade, a.units_inspected, a.rodent_pass, a.fly_pass
    from stg_antivector_facilities as a
    join unit_area as u
        on u.unit_type = 'street' and u.unit_code = a.street_code and u.area_code = $area
    where date_trunc('month', a.inspection_date)::date = (select month from latest)
),

final as (
    select (select month from latest) as month, trade,
           sum(units_inspected) as inspected, sum(rodent_pass) as rodent_pass,
           sum(fly_pass) as fly_pass,
           100.0 * sum(rodent_pass) / sum(units_inspected) as rodent_rate,
           100.0 * sum(fly_pass) / sum(units_inspected) as fly_rate
    from rows_in
    group by trade
)

select * from final
order by rodent_rate, trade
