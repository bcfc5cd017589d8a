import Testing

@Test func placeholderCrierCoreTests() {}
