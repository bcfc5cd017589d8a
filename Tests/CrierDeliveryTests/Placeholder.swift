import Testing

@Test func placeholderCrierDeliveryTests() {}
