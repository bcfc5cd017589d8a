// CrierRuntime
