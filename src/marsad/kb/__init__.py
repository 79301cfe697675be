"""The knowledge base marsad ships: outlets now; places, organizations and
people as the entity stage grows. Data files live in kb/data/."""
