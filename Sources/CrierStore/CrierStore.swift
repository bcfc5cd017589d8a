// CrierStore
