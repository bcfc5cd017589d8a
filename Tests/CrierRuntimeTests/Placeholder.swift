import Testing

@Test func placeholderCrierRuntimeTests() {}
