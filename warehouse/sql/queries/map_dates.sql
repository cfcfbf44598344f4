-- The span of the waterlogging ledger: its first found date and the date it reaches (its latest
-- found or eliminated date, macro ledger_reach): nothing after that is known.
with final as (
    select min(found_date) as first_date,
           max(ledger_reach(found_date, eliminated_date)) as latest_date
    from stg_waterlogging
)

select * from final
