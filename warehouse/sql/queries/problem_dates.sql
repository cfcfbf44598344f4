-- The span of the problem list (problem_items): its first found date and the date it reaches
-- (its latest found or closed date, macro ledger_reach): nothing after that is known.
with final as (
    select min(found_date) as first_date,
           max(ledger_reach(found_date, closed_date)) as latest_date,
           count(*) as items
    from problem_items
)

select * from final
