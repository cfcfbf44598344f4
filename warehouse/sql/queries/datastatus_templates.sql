-- Every template's staged table, city-wide: how often departments send it (rhythm), the grain of
-- its periods, the latest period loaded and the rows it holds. Directories and plan files
-- (areas, sites, centres, stage goals, baselines) have no period; the ledger's period is its
-- latest date. One row per template, in template order (1, 2a, 2b, ... 7).
with tables as (
    select 'geography' as template, 1 as sort_order, '1' as template_no, 'yearly' as rhythm,
           null::varchar as period_grain, null::date as latest_period, count(*) as n_rows
    from stg_geography
    union all
    select 'population', 2, '1', 'yearly', 'year', make_date(max(year)::integer, 1, 1),
           count(*)
    from stg_population
    union all
    select 'garbage_monthly', 3, '2a', 'monthly', 'month', max(month), count(*)
    from stg_garbage_monthly
    union all
    select 'garbage_survey', 4, '2b', 'quarterly', 'quarter',
           date_trunc('quarter', max(survey_date))::date, count(*)
    from stg_garbage_survey
    union all
    select 'garbage_inspection', 5, '2c', 'monthly', 'month', max(month), count(*)
    from stg_garbage_inspection
    union all
    select 'mosquito_sites', 6, '3a', 'as_needed', null, null, count(*)
    from stg_mosquito_sites
    union all
    -- NOTE: two trap-nights a month, so the period is the half-month (1st–15th, 16th–end).
    select 'mosquito_light_trap', 7, '3b', 'twice_monthly_season', 'half_month',
           max(date_trunc('month', survey_date)::date
               + case when day(survey_date) > 15 then 15 else 0 end),
           count(*)
    from stg_mosquito_light_trap
    union all
    select 'mosquito_route', 8, '3c', 'monthly_season', 'month',
           date_trunc('month', max(survey_date))::date, count(*)
    from stg_mosquito_route
    union all
    select 'mosquito_breteau', 9, '3d', 'monthly_summer', 'month',
           date_trunc('month', max(survey_date))::date, count(*)
    from stg_mosquito_breteau
    union all
    select 'waterlogging', 10, '4', 'continuous', 'day',
           max(greatest(found_date, eliminated_date)), count(*)
    from stg_waterlogging
    union all
    select 'health_centres', 11, '5a', 'as_needed', null, null, count(*)
    from stg_health_centres
    union all
    select 'chronic_disease', 12, '5b', 'monthly', 'month', max(month), count(*)
    from stg_chronic_disease
    union all
    select 'health_literacy', 13, '6', 'yearly', 'year',
           make_date(max(survey_year)::integer, 1, 1), count(*)
    from stg_health_literacy
    union all
    select 'stage_goals', 14, '7', 'as_needed', null, null, count(*)
    from stg_stage_goals
    union all
    select 'baselines', 15, '7', 'as_needed', null, null, count(*)
    from stg_baselines
),

final as (
    select template, sort_order, template_no, rhythm, period_grain,
           case when n_rows > 0 then latest_period end as latest_period, n_rows
    from tables
)

select * from final
order by sort_order
