def aggregate(*a, **k): raise NotImplementedError
def compare_with_aggregates(*a, **k): raise NotImplementedError
