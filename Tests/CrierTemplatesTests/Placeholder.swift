import Testing

@Test func placeholderCrierTemplatesTests() {}
