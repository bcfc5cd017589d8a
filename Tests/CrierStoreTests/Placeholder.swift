import Testing

@Test func placeholderCrierStoreTests() {}
