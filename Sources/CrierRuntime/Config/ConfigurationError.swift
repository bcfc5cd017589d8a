public import CrierYAML

/// A problem in a YAML file Crier reads, naming the file, line and key so the user can fix it.
///
/// The strict YAML layer's one error type, under the name configuration callers know it by.
public typealias ConfigurationError = YAMLError
