public import CrierYAML

/// An error caused by what the user gave (a flag, a file, a name), not by something failing:
/// the command line reports its description and exits 2.
public protocol BadInput: Error, CustomStringConvertible, Sendable {}

extension YAMLError: BadInput {}
