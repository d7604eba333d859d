"""The planner's SQLite database: tables, migrations, backups and row <-> value mapping."""
