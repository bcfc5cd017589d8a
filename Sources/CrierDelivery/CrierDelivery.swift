// CrierDelivery
