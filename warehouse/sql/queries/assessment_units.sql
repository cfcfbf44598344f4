-- The departments assessed from the problem ledger: every 责任单位 with a problem found on or
-- before $end.
select distinct responsible_unit
from problem_items
where found_date <= $end::date and responsible_unit is not null
order by responsible_unit
