-- The first and last period of $grain holding any indicator value: the briefings of that rhythm
-- are offered from the first on (weekly values for the weekly briefing, monthly ones for the
-- monthly bulletin and the quarterly assessment).
select min(period_start) as first_start, max(period_start) as last_start
from indicator_values
where period_grain = $grain
