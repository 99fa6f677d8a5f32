-- Two databases on one Postgres: Prefect's own state, and newsflow's records.
CREATE USER prefect WITH PASSWORD 'prefect';
CREATE DATABASE prefect OWNER prefect;
CREATE USER newsflow WITH PASSWORD 'newsflow';
CREATE DATABASE newsflow OWNER newsflow;
