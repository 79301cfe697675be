"""scale: the per-report pipeline on Dask over sharded input, into Parquet and a store.

Composes the stages (it is not one): shards (input cut into units of work),
work (one shard through marsad.pipeline on a worker), tables (records as
Parquet tables and back), run (the driver), progress (bar and summary).
"""
