-- The span of the waterlogging ledger: its first found date and its latest date (found or
-- eliminated), the map's default "as of" date.
with final as (
    select min(found_date) as first_date,
           greatest(max(found_date), max(eliminated_date)) as latest_date
    from stg_waterlogging
)

select * from final
