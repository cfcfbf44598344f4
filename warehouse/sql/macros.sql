-- Macros shared by the derivation and the page queries.
-- 95% Wilson score interval of a share p on an effective sample size n_eff, in percent; exact
-- at p = 0 and p = 1 (the formula leaves 1e-15 residues there).
create or replace macro wilson_low(p, n_eff) as
    case when p = 0 then 0 else 100 * greatest(0,
        (p + 3.841458820694124 / (2 * n_eff)
         - 1.959963984540054 * sqrt(p * (1 - p) / n_eff + 3.841458820694124 / (4 * n_eff * n_eff)))
        / (1 + 3.841458820694124 / n_eff)) end;

create or replace macro wilson_high(p, n_eff) as
    case when p = 1 then 100 else 100 * least(1,
        (p + 3.841458820694124 / (2 * n_eff)
         + 1.959963984540054 * sqrt(p * (1 - p) / n_eff + 3.841458820694124 / (4 * n_eff * n_eff)))
        / (1 + 3.841458820694124 / n_eff)) end;

-- A sum that does not depend on the order rows arrive in (DuckDB adds in parallel): Kahan
-- summation, rounded to 1e-9, so deriving the same rows twice gives the same bits.
create or replace macro stable_sum(x) as round(fsum(x), 9);

-- The ledger rule (warehouse/ledger.py): an item is closed on a day when its status is 已销号 and
-- its 销号日期 is on or before that day, open otherwise; a ledger reaches its latest found or
-- closed date.
create or replace macro ledger_closed_on(status, closed_date) as
    case when status = '已销号' then closed_date end;

create or replace macro ledger_is_closed(status, closed_date, day) as
    coalesce(status = '已销号' and closed_date <= day, false);

create or replace macro ledger_reach(found_date, closed_date) as
    greatest(found_date, coalesce(closed_date, found_date));

-- Overdue on a day (warehouse/ledger.py): open then, and its 整改时限 before that day.
create or replace macro ledger_is_overdue(status, closed_date, deadline, day) as
    coalesce(not ledger_is_closed(status, closed_date, day) and deadline < day, false);

-- The creation rule (9a 创建单位名录): a designation holds on a day when the unit was named by
-- then (已命名, 已复核, or 已撤销 later), is not past its 有效期至 and was not revoked by then; a
-- unit still 创建中 holds nothing.
create or replace macro designation_holds(status, named_date, valid_until, revoked_date, day) as
    coalesce(status in ('已命名', '已复核', '已撤销') and named_date <= day
             and (valid_until is null or valid_until >= day)
             and (revoked_date is null or revoked_date > day), false);
