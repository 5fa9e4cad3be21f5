-- Per-customer summary of a transaction log: the sufficient statistics of the
-- BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma models (Fader, Hardie & Lee 2005,
-- notation x, t_x, T, m_x), with the same definitions as calculator/customers.py:
--   * a purchase is a customer's purchase DAY: several orders on one day are one
--     purchase, and their amounts add up; a refund (a negative amount) is not a
--     purchase: it adds no day, and reduces the first purchase's spend when dated
--     on or before its day, else the repeat spend; customers with refunds only
--     are not in the summary;
--   * frequency x = purchase days - 1 (repeat purchases), recency t_x = last
--     minus first purchase day, T = end day minus first purchase day, both divided
--     by the unit (a week is 7 days, a month 365.25 / 12 = 30.4375);
--   * monetary_value m_x = the mean amount of the repeat purchase days (the first
--     day excluded, as Gamma-Gamma expects), 0 for one-time buyers;
--   * total_spend = every amount up to the end day, net of refunds;
--     holdout_frequency = purchase days after the end day up to the holdout end
--     (0 without a holdout).
--
-- Standard SQL over one table or view:
--   transactions(customer_id VARCHAR, order_day INTEGER, amount DOUBLE)
-- where order_day is the date as a day number (days since 1970-01-01): in
-- DuckDB date_diff('day', DATE '1970-01-01', d), in Spark unix_date(d), in
-- BigQuery DATE_DIFF(d, DATE '1970-01-01', DAY), in Snowflake
-- DATEDIFF(day, '1970-01-01', d).  The three parameters are numbers written into
-- the text by calculator/warehouse.py (replace them by hand in a warehouse):
--   {end_day}          last observed day number (inclusive)
--   {holdout_end_day}  last day number of the holdout period ({end_day} for none)
--   {unit_days}        days per model time unit, e.g. 7.0 (cast to DOUBLE: Spark reads 7.0 as DECIMAL)
WITH purchase_days AS (
    -- A purchase day has an order (amount >= 0); a refund (amount < 0) is not a purchase.
    SELECT customer_id, order_day
    FROM transactions
    WHERE amount >= 0 AND order_day <= {holdout_end_day}
    GROUP BY customer_id, order_day
),
calibration AS (
    SELECT customer_id,
           MIN(order_day) AS first_day,
           MAX(order_day) AS last_day,
           COUNT(*) AS purchase_day_count
    FROM purchase_days
    WHERE order_day <= {end_day}
    GROUP BY customer_id
),
spend AS (
    -- Every amount up to the end day, refunds included; the repeat spend is what
    -- falls after the first purchase day (a refund on or before it reduces the first).
    SELECT t.customer_id,
           SUM(t.amount) AS total_spend,
           SUM(CASE WHEN t.order_day > c.first_day THEN t.amount ELSE 0.0 END) AS repeat_total
    FROM transactions t
    JOIN calibration c ON t.customer_id = c.customer_id
    WHERE t.order_day <= {end_day}
    GROUP BY t.customer_id
),
holdout AS (
    SELECT customer_id, COUNT(*) AS holdout_frequency
    FROM purchase_days
    WHERE order_day > {end_day}
    GROUP BY customer_id
)
SELECT c.customer_id,
       c.purchase_day_count - 1 AS frequency,
       (c.last_day - c.first_day) / CAST({unit_days} AS DOUBLE) AS recency,
       ({end_day} - c.first_day) / CAST({unit_days} AS DOUBLE) AS T,
       CASE WHEN c.purchase_day_count > 1
            THEN s.repeat_total / (c.purchase_day_count - 1)
            ELSE 0.0 END AS monetary_value,
       s.total_spend,
       COALESCE(h.holdout_frequency, 0) AS holdout_frequency,
       ({holdout_end_day} - {end_day}) / CAST({unit_days} AS DOUBLE) AS holdout_duration
FROM calibration c
JOIN spend s ON s.customer_id = c.customer_id
LEFT JOIN holdout h ON h.customer_id = c.customer_id
