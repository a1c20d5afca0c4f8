"""The ten steps of Benchmarks/recipes/ten-steps.yaml written for DuckDB and for polars, so a
recipe run can be timed beside them on the same file. They curate and write CSV only; onboard's
run also profiles the result and writes a manifest.

Usage: ten_steps_peers.py duckdb|polars INPUT.csv OUTPUT_FOLDER
"""
import os
import sys

engine, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
target = os.path.join(out, f"{engine}_ten_steps.csv")
mapping = {"MORTGAGE": "mortgage", "RENT": "rent", "OWN": "own", "OTHER": "other"}

if engine == "duckdb":
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    con.execute(f"""
        COPY (
          SELECT * EXCLUDE (notes, annual_income, loan_purpose, employer_name, employment_status,
                            home_ownership, interest_rate, age, loan_amount, credit_score, application_date),
                 trim(employer_name) AS employer_name,
                 upper(loan_purpose) AS purpose,
                 coalesce(nullif(employment_status, ''), 'unknown') AS employment_status,
                 CASE home_ownership {cases} ELSE home_ownership END AS home_ownership,
                 round(interest_rate::DECIMAL(18, 6), 1) AS interest_rate,
                 age::INTEGER AS age, annual_income::DECIMAL(12, 2) AS income, loan_amount::DECIMAL(12, 2) AS loan_amount,
                 credit_score::INTEGER AS credit_score, application_date::DATE AS application_date,
                 year(application_date::DATE) AS application_year
          FROM read_csv('{path}', all_varchar = true)
          WHERE credit_score IS NOT NULL AND credit_score <> ''
        ) TO '{target}' (FORMAT csv, HEADER)""")
elif engine == "polars":
    import polars as pl

    lf = pl.scan_csv(path, infer_schema=False)
    lf = (
        lf.rename({"annual_income": "income", "loan_purpose": "purpose"})
        .with_columns(
            pl.col("employer_name").str.strip_chars(),
            pl.col("purpose").str.to_uppercase(),
            pl.col("employment_status").fill_null("unknown"),
            pl.col("home_ownership").replace(mapping),
            pl.col("interest_rate").cast(pl.Float64).round(1),
        )
        .filter(pl.col("credit_score").is_not_null())
        .with_columns(pl.col("application_date").str.to_date().alias("application_date"))
        .with_columns(pl.col("application_date").dt.year().alias("application_year"))
        .drop("notes")
        .with_columns(
            pl.col("age").cast(pl.Int64), pl.col("income").cast(pl.Decimal(12, 2)), pl.col("loan_amount").cast(pl.Decimal(12, 2)),
            pl.col("credit_score").cast(pl.Int64),
        )
    )
    lf.sink_csv(target)
else:
    sys.exit(f"unknown engine {engine}")
