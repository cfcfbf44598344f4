-- ledger (积水点台账, 督查问题台账): for each period [S, E] (E capped at the ledger's latest date)
-- and area, the items that belong to the measure's population (members) and, of those, the ones
-- that count (hits). warehouse/derive.py LEDGER gives, per measure, which items can be members
-- (`member_if`) and the days each is a member and a hit: from `member_from` until the day before
-- `member_to` (null: for good), likewise `hit_from` / `hit_to` (a hit only while a member):
--   as of E      members = found by E;  hits = 已销号 with 销号日期 ≤ E (or: overdue on E)
--   cohort C     members = open on C (found by C, not 已销号 by C), once E ≥ C;  hits as above
--   closures     members = 已销号 in [S, E] (of one class);  hits = closed within N days of found,
--                or by the item's 整改时限
-- The counts are running sums: each item adds +1 on the day it starts to count and −1 on the day
-- it stops. This template gives, per area and period, the sum of the changes in that period, and
-- the ledger's first and last period; warehouse/derive.py ledger_counts adds them up period by
-- period (an area has a row from its first change on, while it has members). No join of items
-- with periods: the cost grows with items + areas × periods, not items × periods.
-- An item whose status is not 已销号 has no closing date here. {{items}} is the table the fact's
-- ledger reads; {{closed}}, {{class}}, {{deadline}} its columns; {{by}} a breakdown column (or
-- null for the whole).
with points as (
    select grid_code as unit_code, {{class}} as point_class, found_date,
           {{deadline}} as deadline, {{by}} as breakdown,
           ledger_closed_on(status, {{closed}}) as eliminated_on
    from {{items}}
),

as_of as (
    select max(ledger_reach(found_date, {{closed}})) as d
    from {{items}}
),

spans as (
    select unit_code, breakdown, m_from, m_to,
           -- a hit only while a member
           case when h_from is not null then greatest(h_from, m_from) end as h_from,
           case when h_to is null then m_to when m_to is null then h_to
                else least(h_to, m_to) end as h_to
    from (
        select p.unit_code, p.breakdown,
               ({{member_from}})::date as m_from, ({{member_to}})::date as m_to,
               ({{hit_from}})::date as h_from, ({{hit_to}})::date as h_to
        from points as p
        where {{member_if}}
    )
),

changes as (
    select unit_code, breakdown, m_from as day, 1 as members, 0 as hits
    from spans where m_to is null or m_to > m_from
    union all
    select unit_code, breakdown, m_to, -1, 0
    from spans where m_to > m_from
    union all
    select unit_code, breakdown, h_from, 0, 1
    from spans where h_from is not null and (h_to is null or h_to > h_from)
    union all
    select unit_code, breakdown, h_to, 0, -1
    from spans where h_to > h_from
),

by_period as (
    select ua.area_level, ua.area_code, c.breakdown,
           date_trunc('{{grain}}', c.day)::date as period_start,
           sum(c.members)::bigint as members, sum(c.hits)::bigint as hits
    from changes as c
    join unit_area as ua on ua.unit_type = 'grid' and ua.unit_code = c.unit_code
    where ua.area_level in ({{levels}}) and c.day <= (select d from as_of)
    group by all
),

range as (
    select (select date_trunc('{{grain}}', min(found_date)) from {{items}})::date as first_period,
           (select date_trunc('{{grain}}', d) from as_of)::date as last_period
)

select b.*, r.first_period, r.last_period
from by_period as b, range as r
