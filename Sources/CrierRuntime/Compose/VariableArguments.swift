public import CrierTemplates

/// Reads `--var name=value` arguments into template variables.
public enum VariableArguments {
    /// The variables, or an error naming the malformed or repeated argument.
    public static func parse(_ arguments: [String]) throws -> [String: TemplateValue] {
        var variables: [String: TemplateValue] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw CompositionError.malformedVariable(argument)
            }
            let name = String(argument[..<equals])
            guard variables[name] == nil else { throw CompositionError.repeatedVariable(name) }
            variables[name] = .text(String(argument[argument.index(after: equals)...]))
        }
        return variables
    }

    /// How a parsed value reads back to the operator: its text, or that it is a list or a flag.
    public static func display(_ value: TemplateValue?) -> String {
        if case .text(let text) = value { text } else { "(a list or flag)" }
    }
}
